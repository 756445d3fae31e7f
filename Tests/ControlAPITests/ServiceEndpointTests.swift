import Foundation
import HummingbirdTesting
import Testing

/// Declared services (`/v1/zones/{zone}/services`) and instance health.
@Suite struct ServiceEndpointTests {
    static let services = "/v1/zones/svc.internal/services"
    static let web = #"""
        {"name": "web", "routingPolicy": "WEIGHTED", "records": [{"type": "A", "ttl": 10}, {"type": "SRV", "ttl": 20}],
         "metadata": {"team": "edge"}}
        """#
    static let db = #"{"name": "db", "routingPolicy": "MULTIVALUE", "records": [{"type": "A", "ttl": 10}]}"#

    static func instance(_ service: String, _ id: String) -> String { "\(services)/\(service)/instances/\(id)" }

    @Test func createListGetDelete() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let created = try await client.send(.post, Self.services, Self.web)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json["name"] as? String == "web")
            #expect(created.json["zone"] as? String == "svc.internal")
            #expect(created.json["routingPolicy"] as? String == "WEIGHTED")
            let records = created.json["records"] as? [[String: Any]] ?? []
            #expect(records.map { $0["type"] as? String } == ["A", "SRV"])
            #expect(records.map { $0["ttl"] as? Int } == [10, 20])
            #expect(created.json["metadata"] as? [String: String] == ["team": "edge"])
            #expect(created.json["instanceCount"] as? Int == 0)
            #expect(created.json["createdAt"] as? String != nil)

            let again = try await client.send(.post, Self.services, Self.web)
            #expect(again.status == .conflict)
            #expect(again.code == "ServiceExists")

            #expect(try await client.send(.post, Self.services, Self.db).status == .created)
            let list = try await client.send(.get, Self.services)
            #expect(list.status == .ok)
            let names = (list.json["services"] as? [[String: Any]] ?? []).map { $0["name"] as? String }
            #expect(names == ["db", "web"])

            let got = try await client.send(.get, "\(Self.services)/web")
            #expect(got.status == .ok)
            #expect(got.json["routingPolicy"] as? String == "WEIGHTED")

            let deleted = try await client.send(.delete, "\(Self.services)/web")
            #expect(deleted.status == .noContent)
            #expect(deleted.body.readableBytes == 0)
            let gone = try await client.send(.get, "\(Self.services)/web")
            #expect(gone.status == .notFound)
            #expect(gone.code == "NoSuchService")
            let deleteAgain = try await client.send(.delete, "\(Self.services)/web")
            #expect(deleteAgain.code == "NoSuchService")
        }
    }

    @Test func instancesOfADeclaredServiceAreListedByIdentifier() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            #expect(try await client.send(.post, Self.services, Self.web).status == .created)
            for (id, address) in [("task-2", "10.0.0.8"), ("task-1", "10.0.0.7")] {
                let registered = try await client.send(
                    .put, Self.instance("web", id), #"{"address": "\#(address)", "port": 8080}"#)
                #expect(registered.status == .created, "\(registered.text)")
            }
            let service = try await client.send(.get, "\(Self.services)/web")
            #expect(service.json["instanceCount"] as? Int == 2)

            let listed = try await client.send(.get, "/v1/zones/svc.internal/records?name=web&type=A")
            let sets = listed.json["recordSets"] as? [[String: Any]] ?? []
            #expect(sets.map { $0["setIdentifier"] as? String } == ["task-1", "task-2"])
            #expect(sets.map { $0["weight"] as? Int } == [1, 1])
            #expect(sets.map { $0["records"] as? [String] } == [["10.0.0.7"], ["10.0.0.8"]])
            #expect(sets.map { $0["ttl"] as? Int } == [10, 10])
            #expect(sets.allSatisfy { $0["multiValue"] == nil && $0["alias"] == nil })

            let refused = try await client.send(.delete, "\(Self.services)/web")
            #expect(refused.status == .conflict)
            #expect(refused.code == "ServiceNotEmpty")
            for id in ["task-1", "task-2"] {
                #expect(try await client.send(.delete, Self.instance("web", id)).status == .ok)
            }
            #expect(try await client.send(.delete, "\(Self.services)/web").status == .noContent)
        }
    }

    @Test func healthIsAChangeAndShowsInListings() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            #expect(try await client.send(.post, Self.services, Self.db).status == .created)
            for (id, address) in [("i-1", "10.0.0.1"), ("i-2", "10.0.0.2")] {
                #expect(
                    try await client.send(.put, Self.instance("db", id), #"{"address": "\#(address)"}"#).status
                        == .created)
            }
            let down = try await client.send(.put, Self.instance("db", "i-1") + "/health", #"{"healthy": false}"#)
            #expect(down.status == .ok, "\(down.text)")
            #expect(down.json["operation"] as? String == "UPDATE_HEALTH")
            #expect(down.json["service"] as? String == "db")
            #expect(down.json["instance"] as? String == "i-1")
            #expect(down.json["status"] as? String == "INSYNC")
            let id = try #require(down.json["changeId"] as? String)
            #expect(try await client.send(.get, "/v1/changes/\(id)").json["operation"] as? String == "UPDATE_HEALTH")

            let instance = try await client.send(.get, Self.instance("db", "i-1"))
            #expect(instance.json["healthy"] as? Bool == false)
            let listed = try await client.send(.get, "/v1/zones/svc.internal/records?name=db&type=A")
            let sets = listed.json["recordSets"] as? [[String: Any]] ?? []
            #expect(sets.map { $0["setIdentifier"] as? String } == ["i-1", "i-2"])
            #expect(sets.map { $0["healthy"] as? Bool } == [false, true])
            #expect(sets.map { $0["multiValue"] as? Bool } == [true, true])
            #expect(sets.allSatisfy { $0["weight"] == nil })

            let up = try await client.send(.put, Self.instance("db", "i-1") + "/health", #"{"healthy": true}"#)
            #expect(up.status == .ok)
            #expect(try await client.send(.get, Self.instance("db", "i-1")).json["healthy"] as? Bool == true)

            let unknown = try await client.send(.put, Self.instance("db", "i-9") + "/health", #"{"healthy": true}"#)
            #expect(unknown.status == .notFound)
            #expect(unknown.code == "NoSuchInstance")
        }
    }

    @Test(arguments: [
        ("", nil as String?),
        ("{}", "healthy"),
        (#"{"healthy": "false"}"#, "healthy"),
        (#"{"healthy": 0}"#, "healthy"),
        (#"{"healthy": null}"#, "healthy"),
        ("[true]", nil),
    ])
    func healthBodyMustBeABoolean(body: String, field: String?) async throws {
        try await withAPI { client in
            // Refused before the registry is asked: no zone is needed.
            let response = try await client.send(.put, Self.instance("db", "i-1") + "/health", body)
            #expect(response.status == .badRequest)
            #expect(response.code == "InvalidJSON")
            #expect(response.field == field, "\(response.text)")
        }
    }

    @Test(arguments: [
        (#"{"routingPolicy": "WEIGHTED", "records": [{"type": "A", "ttl": 10}]}"#, "name"),
        (#"{"name": "web", "records": [{"type": "A", "ttl": 10}]}"#, "routingPolicy"),
        (#"{"name": "web", "routingPolicy": "WEIGHTED", "records": [{"type": "A", "ttl": "10"}]}"#, "records[0].ttl"),
        (#"{"name": "web", "routingPolicy": "WEIGHTED", "records": [{"type": "A", "ttl": 1.5}]}"#, "records[0].ttl"),
        (#"{"name": "web", "routingPolicy": "WEIGHTED", "records": [{"ttl": 10}]}"#, "records[0].type"),
        (#"{"name": "web", "routingPolicy": "WEIGHTED", "records": [], "metadata": {"k": 1}}"#, "metadata.k"),
    ])
    func serviceSpecDecodingNamesTheField(body: String, field: String) async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let response = try await client.send(.post, Self.services, body)
            #expect(response.status == .badRequest)
            #expect(response.code == "InvalidJSON")
            #expect(response.field == field, "\(response.text)")
        }
    }

    @Test func unknownZoneAndBadNames() async throws {
        try await withAPI { client in
            let noZone = try await client.send(.post, "/v1/zones/nothing.internal/services", Self.web)
            #expect(noZone.status == .notFound)
            #expect(noZone.code == "NoSuchZone")
            #expect(try await client.send(.get, "/v1/zones/nothing.internal/services").code == "NoSuchZone")

            try await client.createZone("svc.internal")
            let empty = try await client.send(.get, Self.services)
            #expect((empty.json["services"] as? [Any])?.isEmpty == true)
            let missing = try await client.send(.get, "\(Self.services)/nothing")
            #expect(missing.code == "NoSuchService")
            let badPolicy = try await client.send(
                .post, Self.services, #"{"name": "web", "routingPolicy": "RANDOM", "records": [{"type": "A", "ttl": 10}]}"#)
            #expect(badPolicy.status == .badRequest, "\(badPolicy.text)")
        }
    }
}
