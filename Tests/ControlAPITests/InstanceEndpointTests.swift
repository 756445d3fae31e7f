import Foundation
import HummingbirdTesting
import Testing

@Suite struct InstanceEndpointTests {
    static let instance = "/v1/zones/svc.internal/services/web/instances/task-1"
    static let registration =
        #"{"address": "10.0.0.7", "port": 8080, "lease": 30, "ttl": 10, "attributes": {"az": "a"}}"#

    @Test func registerReplaceGetListDeregister() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let created = try await client.send(.put, Self.instance, Self.registration)
            #expect(created.status == .created)
            let instance = created.json["instance"] as? [String: Any] ?? [:]
            let change = created.json["change"] as? [String: Any] ?? [:]
            #expect(instance["id"] as? String == "task-1")
            #expect(instance["port"] as? Int == 8080)
            #expect(instance["expiresAt"] as? String != nil)
            #expect(
                (instance["records"] as? [String])?.contains(
                    "web.svc.internal. 10 IN SRV 1 1 8080 task-1.web.svc.internal.") == true)
            #expect(change["serial"] as? Int == 2)

            let replaced = try await client.send(.put, Self.instance, #"{"address": "10.0.0.8"}"#)
            #expect(replaced.status == .ok)
            let plain = replaced.json["instance"] as? [String: Any] ?? [:]
            #expect(plain["address"] as? String == "10.0.0.8")
            #expect(plain["port"] is NSNull)
            #expect(plain["lease"] is NSNull)
            #expect(plain["expiresAt"] is NSNull)

            let got = try await client.send(.get, Self.instance)
            #expect(got.status == .ok)
            #expect(got.json["address"] as? String == "10.0.0.8")

            let list = try await client.send(.get, "/v1/zones/svc.internal/services/web/instances")
            #expect((list.json["instances"] as? [[String: Any]])?.count == 1)

            let gone = try await client.send(.delete, Self.instance)
            #expect(gone.status == .ok)
            #expect(gone.json["serial"] as? Int == 4)
            let missing = try await client.send(.get, Self.instance)
            #expect(missing.status == .notFound)
            #expect(missing.code == "NoSuchInstance")
            let empty = try await client.send(.get, "/v1/zones/svc.internal/services/web/instances")
            #expect((empty.json["instances"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func ipv6OnlyAndUnhealthyRegistrations() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let v6 = try await client.send(.put, Self.instance, #"{"ipv6": "fd00::7", "port": 80}"#)
            #expect(v6.status == .created, "\(v6.text)")
            let instance = v6.json["instance"] as? [String: Any] ?? [:]
            #expect(instance["address"] is NSNull)
            #expect(instance["ipv6"] as? String == "fd00::7")
            #expect(instance["healthy"] as? Bool == true)
            #expect(!instance.keys.contains("cname"))
            #expect(
                (instance["records"] as? [String])?.contains("web.svc.internal. 60 IN AAAA fd00::7") == true,
                "\(instance)")

            let both = try await client.send(
                .put, Self.instance, #"{"address": "10.0.0.7", "ipv6": "fd00::7", "healthy": false}"#)
            #expect(both.status == .ok, "\(both.text)")
            let replaced = both.json["instance"] as? [String: Any] ?? [:]
            #expect(replaced["address"] as? String == "10.0.0.7")
            #expect(replaced["ipv6"] as? String == "fd00::7")
            #expect(replaced["healthy"] as? Bool == false)
        }
    }

    @Test func heartbeatTakesNoBodyOrAnObject() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            #expect(try await client.send(.put, Self.instance, Self.registration).status == .created)
            for body in [nil, "", "{}", #"{"note": "ignored"}"#] {
                let beat = try await client.send(.put, Self.instance + "/heartbeat", body)
                #expect(beat.status == .ok, "\(body ?? "nil")")
                #expect(beat.json["id"] as? String == "task-1")
            }
            let notObject = try await client.send(.put, Self.instance + "/heartbeat", "[1]")
            #expect(notObject.status == .badRequest)
            #expect(notObject.code == "InvalidJSON")

            let unknown = try await client.send(.put, "/v1/zones/svc.internal/services/web/instances/task-9/heartbeat")
            #expect(unknown.code == "NoSuchInstance")
        }
    }

    @Test func registrationErrors() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let badAddress = try await client.send(.put, Self.instance, #"{"address": "10.0.0.300"}"#)
            #expect(badAddress.status == .badRequest)
            #expect(badAddress.code == "InvalidRecord")
            #expect(badAddress.field == "address")

            let badService = try await client.send(
                .put, "/v1/zones/svc.internal/services/we%20b/instances/task-1", #"{"address": "10.0.0.7"}"#)
            #expect(badService.code == "InvalidName")
            #expect(badService.field == "service")

            // `address` may be left out for `ipv6` or `cname`, so its absence is the registry's refusal.
            let noAddress = try await client.send(.put, Self.instance, #"{"port": 80}"#)
            #expect(noAddress.status == .badRequest)
            #expect(noAddress.code == "InvalidRequest")
            #expect(noAddress.field == "address")

            let ipv6AsNumber = try await client.send(.put, Self.instance, #"{"ipv6": 6}"#)
            #expect(ipv6AsNumber.code == "InvalidJSON")
            #expect(ipv6AsNumber.field == "ipv6")

            let healthyAsText = try await client.send(.put, Self.instance, #"{"address": "10.0.0.7", "healthy": "yes"}"#)
            #expect(healthyAsText.code == "InvalidJSON")
            #expect(healthyAsText.field == "healthy")

            let portAsText = try await client.send(.put, Self.instance, #"{"address": "10.0.0.7", "port": "80"}"#)
            #expect(portAsText.code == "InvalidJSON")
            #expect(portAsText.field == "port")

            let noZone = try await client.send(
                .put, "/v1/zones/nothing.internal/services/web/instances/task-1", Self.registration)
            #expect(noZone.code == "NoSuchZone")
        }
    }
}
