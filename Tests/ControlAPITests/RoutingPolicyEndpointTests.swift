import Foundation
import HummingbirdTesting
import Testing

/// Weighted, multivalue and alias record sets written through `POST .../changes` and listed.
@Suite struct RoutingPolicyEndpointTests {
    static let changes = "/v1/zones/svc.internal/changes"

    static func batch(_ changes: String...) -> String { #"{"changes": [\#(changes.joined(separator: ","))]}"# }

    static func weighted(_ action: String, _ id: String, weight: Int, _ address: String) -> String {
        #"{"action": "\#(action)", "name": "web", "type": "A", "ttl": 60, "records": ["\#(address)"], "setIdentifier": "\#(id)", "weight": \#(weight)}"#
    }

    func list(_ client: any TestClientProtocol, _ query: String) async throws -> [[String: Any]] {
        let response = try await client.send(.get, "/v1/zones/svc.internal/records?\(query)")
        #expect(response.status == .ok, "\(response.text)")
        return response.json["recordSets"] as? [[String: Any]] ?? []
    }

    @Test func weightedChoicesAreListedOneEntryEach() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let created = try await client.send(
                .post, Self.changes,
                Self.batch(
                    Self.weighted("CREATE", "green", weight: 1, "10.0.0.2"),
                    Self.weighted("CREATE", "blue", weight: 3, "10.0.0.1")))
            #expect(created.status == .ok, "\(created.text)")
            #expect(created.json["operation"] as? String == "CHANGE_RECORDS")

            let sets = try await list(client, "name=web&type=A")
            #expect(sets.map { $0["setIdentifier"] as? String } == ["blue", "green"])
            #expect(sets.map { $0["weight"] as? Int } == [3, 1])
            #expect(sets.map { $0["records"] as? [String] } == [["10.0.0.1"], ["10.0.0.2"]])
            #expect(sets.allSatisfy { $0["multiValue"] == nil && $0["alias"] == nil && $0["source"] as? String == "api" })

            // Simple sets carry none of the policy fields, not even as null.
            let soa = try #require(try await list(client, "type=SOA").first)
            for key in ["setIdentifier", "weight", "multiValue", "alias", "healthy"] {
                #expect(!soa.keys.contains(key), "\(key)")
            }

            let again = try await client.send(
                .post, Self.changes, Self.batch(Self.weighted("CREATE", "blue", weight: 3, "10.0.0.1")))
            #expect(again.status == .conflict)
            #expect(again.code == "RecordSetExists")

            let deleted = try await client.send(
                .post, Self.changes, Self.batch(Self.weighted("DELETE", "blue", weight: 3, "10.0.0.1")))
            #expect(deleted.status == .ok, "\(deleted.text)")
            #expect(try await list(client, "name=web&type=A").map { $0["setIdentifier"] as? String } == ["green"])

            let missing = try await client.send(
                .post, Self.changes, Self.batch(Self.weighted("DELETE", "blue", weight: 3, "10.0.0.1")))
            #expect(missing.status == .notFound)
            #expect(missing.code == "NoSuchRecordSet")
        }
    }

    @Test func multivalueAndAliasSets() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let body = Self.batch(
                #"{"action": "CREATE", "name": "api", "type": "A", "ttl": 30, "records": ["10.0.1.1"], "setIdentifier": "a", "multiValue": true}"#,
                #"{"action": "CREATE", "name": "api", "type": "A", "ttl": 30, "records": ["10.0.1.2"], "setIdentifier": "b", "multiValue": true}"#,
                #"{"action": "CREATE", "name": "www", "type": "A", "alias": {"name": "api"}}"#)
            let applied = try await client.send(.post, Self.changes, body)
            #expect(applied.status == .ok, "\(applied.text)")

            let api = try await list(client, "name=api&type=A")
            #expect(api.map { $0["setIdentifier"] as? String } == ["a", "b"])
            #expect(api.map { $0["multiValue"] as? Bool } == [true, true])
            #expect(api.allSatisfy { $0["weight"] == nil })

            let www = try #require(try await list(client, "name=www&type=A").first)
            #expect(www["records"] as? [String] == [])
            let alias = try #require(www["alias"] as? [String: Any])
            #expect(alias["name"] as? String == "api.svc.internal.")
            #expect(!www.keys.contains("setIdentifier"))

            let noTarget = try await client.send(
                .post, Self.changes,
                Self.batch(#"{"action": "CREATE", "name": "old", "type": "A", "alias": {"name": "nothing"}}"#))
            #expect(noTarget.status == .badRequest)
            #expect(noTarget.code == "InvalidChange")
            #expect((noTarget.json["message"] as? String)?.contains("alias target") == true, "\(noTarget.text)")
        }
    }

    @Test func policyRulesAreRefused() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let both =
                #"{"action": "CREATE", "name": "web", "type": "A", "ttl": 60, "records": ["10.0.0.1"], "setIdentifier": "x", "weight": 1, "multiValue": true}"#
            let neither =
                #"{"action": "CREATE", "name": "web", "type": "A", "ttl": 60, "records": ["10.0.0.1"], "setIdentifier": "x"}"#
            for change in [both, neither, Self.weighted("CREATE", "x", weight: 256, "10.0.0.1")] {
                let response = try await client.send(.post, Self.changes, Self.batch(change))
                #expect(response.status == .badRequest, "\(change): \(response.text)")
            }
            #expect(try await list(client, "name=web").isEmpty)
        }
    }

    @Test(arguments: [
        (#""weight": "3""#, "changes[0].weight", "expected an integer"),
        (#""weight": 1.5"#, "changes[0].weight", "found 1.5"),
        (#""weight": true"#, "changes[0].weight", "found a boolean"),
        (#""multiValue": "yes""#, "changes[0].multiValue", "expected a boolean"),
        (#""setIdentifier": 7"#, "changes[0].setIdentifier", "expected a string"),
        (#""alias": "web""#, "changes[0].alias", "expected an object"),
        (#""alias": {}"#, "changes[0].alias.name", "missing field"),
        (#""alias": {"name": "web", "evaluateTargetHealth": "no"}"#, "changes[0].alias.evaluateTargetHealth", "boolean"),
    ])
    func wrongTypesNameTheField(extra: String, field: String, words: String) async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let change = #"{"action": "CREATE", "name": "web", "type": "A", "ttl": 60, "records": ["10.0.0.1"], \#(extra)}"#
            let response = try await client.send(.post, Self.changes, Self.batch(change))
            #expect(response.status == .badRequest)
            #expect(response.code == "InvalidJSON")
            #expect(response.field == field, "\(response.text)")
            #expect((response.json["message"] as? String)?.contains(words) == true, "\(response.text)")
        }
    }
}
