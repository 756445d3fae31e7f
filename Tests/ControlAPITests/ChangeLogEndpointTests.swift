import Foundation
import HummingbirdTesting
import Testing

/// `GET /v1/changes` (newest first), zone metadata, and the change a zone's creation and deletion make.
@Suite struct ChangeLogEndpointTests {
    static let webA = #"{"changes": [{"action": "CREATE", "name": "web", "type": "A", "ttl": 60, "records": ["10.0.0.7"]}]}"#

    func log(_ client: any TestClientProtocol, _ query: String = "") async throws -> [[String: Any]] {
        let response = try await client.send(.get, "/v1/changes\(query)")
        #expect(response.status == .ok, "\(response.text)")
        return response.json["changes"] as? [[String: Any]] ?? []
    }

    @Test func everyWriteIsLoggedNewestFirst() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            #expect(try await client.send(.post, "/v1/zones/svc.internal/changes", Self.webA).status == .ok)
            let instance = "/v1/zones/svc.internal/services/web/instances/task-1"
            #expect(try await client.send(.put, instance, #"{"address": "10.0.0.8"}"#).status == .created)
            #expect(try await client.send(.delete, instance).status == .ok)

            let changes = try await log(client, "?zone=svc.internal")
            #expect(
                changes.map { $0["operation"] as? String } == [
                    "DEREGISTER_INSTANCE", "REGISTER_INSTANCE", "CHANGE_RECORDS", "CREATE_ZONE",
                ])
            #expect(changes.map { $0["serial"] as? Int } == [4, 3, 2, 1])
            #expect(changes[1]["service"] as? String == "web")
            #expect(changes[1]["instance"] as? String == "task-1")
            #expect(!changes[2].keys.contains("service") && !changes[2].keys.contains("instance"))

            let newest = try await log(client, "?zone=SVC.internal.&limit=2")
            #expect(newest.map { $0["operation"] as? String } == ["DEREGISTER_INSTANCE", "REGISTER_INSTANCE"])
        }
    }

    @Test func withoutAZoneEveryZoneIsLogged() async throws {
        try await withAPI { client in
            try await client.createZone("a.internal")
            try await client.createZone("b.internal")
            let changes = try await log(client)
            #expect(changes.map { $0["zone"] as? String } == ["b.internal", "a.internal"])
        }
    }

    @Test(arguments: ["0", "1001", "x"])
    func limitOutOfRange(limit: String) async throws {
        try await withAPI { client in
            let response = try await client.send(.get, "/v1/changes?limit=\(limit)")
            #expect(response.status == .badRequest)
            #expect(response.code == "InvalidRequest")
            #expect(response.field == "limit")
        }
    }

    @Test func metadataIsStoredAndCreationHasAChange() async throws {
        try await withAPI(fileZones: [try fileZone("files.internal")]) { client in
            let created = try await client.send(
                .post, "/v1/zones", #"{"name": "svc.internal", "metadata": {"owner": "platform", "tier": "1"}}"#)
            #expect(created.status == .created)
            #expect(created.json["metadata"] as? [String: String] == ["owner": "platform", "tier": "1"])
            let changeId = try #require(created.json["changeId"] as? String)
            let change = try await client.send(.get, "/v1/changes/\(changeId)")
            #expect(change.json["operation"] as? String == "CREATE_ZONE")
            #expect(change.json["serial"] as? Int == 1)

            let got = try await client.send(.get, "/v1/zones/svc.internal")
            #expect(got.json["metadata"] as? [String: String] == ["owner": "platform", "tier": "1"])
            #expect(!got.json.keys.contains("changeId"))

            let zones = try await client.send(.get, "/v1/zones").json["zones"] as? [[String: Any]] ?? []
            #expect(zones.map { $0["metadata"] as? [String: String] } == [[:], ["owner": "platform", "tier": "1"]])

            let plain = try await client.send(.post, "/v1/zones", #"{"name": "plain.internal"}"#)
            #expect(plain.json["metadata"] as? [String: String] == [:])
        }
    }

    @Test(arguments: [
        (#"{"name": "svc.internal", "metadata": {"owner": 5}}"#, "metadata.owner", "expected a string"),
        (#"{"name": "svc.internal", "metadata": ["owner"]}"#, "metadata", "expected an object"),
    ])
    func metadataOfTheWrongKind(body: String, field: String, words: String) async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/v1/zones", body)
            #expect(response.status == .badRequest)
            #expect(response.code == "InvalidJSON")
            #expect(response.field == field, "\(response.text)")
            #expect((response.json["message"] as? String)?.contains(words) == true, "\(response.text)")
        }
    }

    @Test func deletingAZoneReturnsItsChangeWhenAsked() async throws {
        try await withAPI { client in
            try await client.createZone("a.internal")
            try await client.createZone("b.internal")
            let plain = try await client.send(.delete, "/v1/zones/a.internal")
            #expect(plain.status == .noContent)
            #expect(plain.body.readableBytes == 0)

            let asked = try await client.execute(
                uri: "/v1/zones/b.internal", method: .delete, headers: [.init("Prefer")!: "return=representation"])
            #expect(asked.status == .ok, "\(asked.text)")
            #expect(asked.headers[.init("Preference-Applied")!] == "return=representation")
            #expect(asked.json["operation"] as? String == "DELETE_ZONE")
            #expect(asked.json["zone"] as? String == "b.internal")
            #expect(asked.json["serial"] as? Int == 1)
            let changeId = try #require(asked.json["changeId"] as? String)
            #expect(try await client.send(.get, "/v1/changes/\(changeId)").status == .ok)

            // Deleted zones keep their history.
            let history = try await log(client, "?zone=b.internal")
            #expect(history.map { $0["operation"] as? String } == ["DELETE_ZONE", "CREATE_ZONE"])
        }
    }
}
