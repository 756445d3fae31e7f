import Foundation
import HummingbirdTesting
import Testing

/// Routing and the JSON error shape: every failure is `{"code", "message", "field"?}`.
@Suite struct ErrorShapeTests {
    @Test func healthz() async throws {
        try await withAPI { client in
            let response = try await client.send(.get, "/healthz")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.json["status"] as? String == "ok")
        }
    }

    @Test(arguments: ["/", "/v1", "/v1/nothing", "/v1/zones/a/b/c/d", "/v2/zones"])
    func unknownPathIsNotFound(path: String) async throws {
        try await withAPI { client in
            let response = try await client.send(.get, path)
            #expect(response.status == .notFound)
            #expect(response.code == "NotFound")
            #expect(response.json["message"] as? String != nil)
            #expect(response.json["field"] == nil)
        }
    }

    @Test func wrongMethodIsMethodNotAllowedWithAllow() async throws {
        try await withAPI { client in
            let zones = try await client.send(.delete, "/v1/zones")
            #expect(zones.status == .methodNotAllowed)
            #expect(zones.code == "MethodNotAllowed")
            #expect(zones.headers[.allow] == "POST, GET")

            let zone = try await client.send(.patch, "/v1/zones/svc.internal.")
            #expect(zone.status == .methodNotAllowed)
            #expect(zone.headers[.allow] == "GET, DELETE")

            let heartbeat = try await client.send(.post, "/v1/zones/z/services/web/instances/i-1/heartbeat")
            #expect(heartbeat.headers[.allow] == "PUT")

            let instanceHealth = try await client.send(.get, "/v1/zones/z/services/web/instances/i-1/health")
            #expect(instanceHealth.headers[.allow] == "PUT")

            let services = try await client.send(.put, "/v1/zones/z/services")
            #expect(services.status == .methodNotAllowed)
            #expect(services.headers[.allow] == "POST, GET")

            let service = try await client.send(.put, "/v1/zones/z/services/web")
            #expect(service.headers[.allow] == "GET, DELETE")

            let changes = try await client.send(.post, "/v1/changes", "{}")
            #expect(changes.headers[.allow] == "GET")

            let health = try await client.send(.post, "/healthz", "{}")
            #expect(health.status == .methodNotAllowed)
            #expect(health.headers[.allow] == "GET")
        }
    }

    @Test func malformedJSON() async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/v1/zones", #"{"name": "svc.internal""#)
            #expect(response.status == .badRequest)
            #expect(response.code == "InvalidJSON")
            #expect(response.field == nil)
            #expect((response.json["message"] as? String)?.contains("not valid JSON") == true)
        }
    }

    @Test func emptyBodyIsInvalidJSON() async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/v1/zones")
            #expect(response.status == .badRequest)
            #expect(response.code == "InvalidJSON")
        }
    }

    @Test func wrongTypeNamesTheField() async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/v1/zones", #"{"name": 42}"#)
            #expect(response.status == .badRequest)
            #expect(response.code == "InvalidJSON")
            #expect(response.field == "name")
            #expect((response.json["message"] as? String)?.contains("expected a string") == true)
        }
    }

    @Test(arguments: [
        (#"{"name": "a.b", "soa": {"ttl": 60.5}}"#, "soa.ttl", "found 60.5"),
        (#"{"name": "a.b", "soa": {"refresh": 1e40}}"#, "soa.refresh", "expected an integer"),
        (#"{"name": "a.b", "soa": {"ttl": 99999999999999999999}}"#, "soa.ttl", "expected an integer"),
        (#"{"name": "a.b", "soa": {"ttl": true}}"#, "soa.ttl", "found a boolean"),
        (#"{"name": "a.b", "nameServers": "ns1"}"#, "nameServers", "expected an array"),
    ])
    func numbersAndKindsThatDoNotFit(body: String, field: String, words: String) async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/v1/zones", body)
            #expect(response.status == .badRequest)
            #expect(response.code == "InvalidJSON")
            #expect(response.field == field)
            #expect((response.json["message"] as? String)?.contains(words) == true, "\(response.text)")
        }
    }

    @Test(arguments: ["[]", #""svc.internal""#, "42"])
    func bodyThatIsNotAnObject(body: String) async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/v1/zones", body)
            #expect(response.code == "InvalidJSON")
            #expect(response.field == nil)
            #expect(
                (response.json["message"] as? String)?.hasPrefix("expected the request body to be an object") == true)
        }
    }

    @Test func missingFieldNamesTheField() async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/v1/zones", #"{"comment": "no name"}"#)
            #expect(response.code == "InvalidJSON")
            #expect(response.field == "name")
        }
    }

    @Test func nestedFieldPath() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let ttlAsString = #"""
                {"changes": [{"action": "CREATE", "name": "a", "type": "A", "ttl": 60, "records": ["10.0.0.1"]},
                             {"action": "CREATE", "name": "b", "type": "A", "ttl": "60", "records": ["10.0.0.2"]}]}
                """#
            let response = try await client.send(.post, "/v1/zones/svc.internal/changes", ttlAsString)
            #expect(response.status == .badRequest)
            #expect(response.code == "InvalidJSON")
            #expect(response.field == "changes[1].ttl")

            let recordNotString =
                #"{"changes": [{"action": "CREATE", "name": "a", "type": "A", "ttl": 60, "records": ["10.0.0.1", 7]}]}"#
            let second = try await client.send(.post, "/v1/zones/svc.internal/changes", recordNotString)
            #expect(second.field == "changes[0].records[1]")

            let nullName =
                #"{"changes": [{"action": "CREATE", "name": null, "type": "A", "ttl": 60, "records": ["10.0.0.1"]}]}"#
            let third = try await client.send(.post, "/v1/zones/svc.internal/changes", nullName)
            #expect(third.code == "InvalidJSON")
            #expect(third.field == "changes[0].name")
        }
    }

    /// `{"name": "svc.internal"` + spaces + `}`: valid JSON of exactly `size` bytes.
    static func paddedZoneSpec(size: Int) -> String {
        let head = #"{"name": "svc.internal""#
        return head + String(repeating: " ", count: size - head.utf8.count - 1) + "}"
    }

    @Test func bodyOverOneMebibyteIsPayloadTooLarge() async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/v1/zones", Self.paddedZoneSpec(size: (1 << 20) + 1))
            #expect(response.status == .contentTooLarge)
            #expect(response.code == "PayloadTooLarge")
            let get = try await client.send(.get, "/v1/zones/svc.internal")
            #expect(get.code == "NoSuchZone")
        }
    }

    @Test func bodyOfExactlyOneMebibyteIsRead() async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/v1/zones", Self.paddedZoneSpec(size: 1 << 20))
            #expect(response.status == .created)
        }
    }
}
