import Foundation
import HummingbirdTesting
import Testing

@Suite struct ZoneEndpointTests {
    @Test func createGetListDelete() async throws {
        try await withAPI { client in
            let created = try await client.send(.post, "/v1/zones", #"{"name": "Svc.Internal.", "comment": "staging"}"#)
            #expect(created.status == .created)
            #expect(created.headers[.contentType] == "application/json")
            #expect(created.json["name"] as? String == "svc.internal")
            #expect(created.json["kind"] as? String == "managed")
            #expect(created.json["serial"] as? Int == 1)
            #expect(created.json["comment"] as? String == "staging")
            #expect((created.json["soa"] as? [String: Any])?["primary"] as? String == "ns1.svc.internal.")

            // Any case, with or without the trailing dot.
            for path in ["/v1/zones/svc.internal", "/v1/zones/SVC.internal.", "/v1/zones/svc%2Einternal"] {
                let got = try await client.send(.get, path)
                #expect(got.status == .ok, "\(path)")
                #expect(got.json["name"] as? String == "svc.internal", "\(path)")
            }

            let list = try await client.send(.get, "/v1/zones")
            #expect(list.status == .ok)
            let zones = list.json["zones"] as? [[String: Any]] ?? []
            #expect(zones.map { $0["name"] as? String } == ["svc.internal"])

            let deleted = try await client.send(.delete, "/v1/zones/svc.internal.")
            #expect(deleted.status == .noContent)
            #expect(deleted.body.readableBytes == 0)
            let gone = try await client.send(.get, "/v1/zones/svc.internal")
            #expect(gone.status == .notFound)
            #expect(gone.code == "NoSuchZone")
        }
    }

    @Test func optionalFieldsAreNull() async throws {
        try await withAPI { client in
            let created = try await client.send(.post, "/v1/zones", #"{"name": "svc.internal"}"#)
            #expect(created.json.keys.contains("comment"))
            #expect(created.json["comment"] is NSNull)
        }
    }

    @Test func duplicateIsConflict() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let again = try await client.send(.post, "/v1/zones", #"{"name": "SVC.internal."}"#)
            #expect(again.status == .conflict)
            #expect(again.code == "ZoneExists")
        }
    }

    @Test func invalidNameKeepsTheRegistryField() async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/v1/zones", #"{"name": "bad..name"}"#)
            #expect(response.status == .badRequest)
            #expect(response.code == "InvalidName")
            #expect(response.field == "name")
        }
    }

    @Test func deleteNonEmptyNeedsForce() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let change =
                #"{"changes": [{"action": "CREATE", "name": "web", "type": "A", "ttl": 60, "records": ["10.0.0.7"]}]}"#
            #expect(try await client.send(.post, "/v1/zones/svc.internal/changes", change).status == .ok)

            let refused = try await client.send(.delete, "/v1/zones/svc.internal")
            #expect(refused.status == .conflict)
            #expect(refused.code == "ZoneNotEmpty")

            let badFlag = try await client.send(.delete, "/v1/zones/svc.internal?force=yes")
            #expect(badFlag.status == .badRequest)
            #expect(badFlag.code == "InvalidRequest")
            #expect(badFlag.field == "force")

            let notForced = try await client.send(.delete, "/v1/zones/svc.internal?force=false")
            #expect(notForced.code == "ZoneNotEmpty")

            let forced = try await client.send(.delete, "/v1/zones/svc.internal?force=true")
            #expect(forced.status == .noContent)
        }
    }

    @Test func unknownZone() async throws {
        try await withAPI { client in
            let get = try await client.send(.get, "/v1/zones/nothing.internal")
            #expect(get.status == .notFound)
            #expect(get.code == "NoSuchZone")
            let delete = try await client.send(.delete, "/v1/zones/nothing.internal")
            #expect(delete.code == "NoSuchZone")
        }
    }

    @Test func fileZonesAreListedAndReadOnly() async throws {
        try await withAPI(fileZones: [try fileZone("files.internal")]) { client in
            let list = try await client.send(.get, "/v1/zones")
            let zones = list.json["zones"] as? [[String: Any]] ?? []
            #expect(zones.first?["name"] as? String == "files.internal")
            #expect(zones.first?["kind"] as? String == "file")

            let delete = try await client.send(.delete, "/v1/zones/files.internal?force=true")
            #expect(delete.status == .conflict)
            #expect(delete.code == "ReadOnlyZone")

            let change =
                #"{"changes": [{"action": "UPSERT", "name": "web", "type": "A", "ttl": 60, "records": ["10.0.0.7"]}]}"#
            let write = try await client.send(.post, "/v1/zones/files.internal/changes", change)
            #expect(write.code == "ReadOnlyZone")

            let create = try await client.send(.post, "/v1/zones", #"{"name": "files.internal"}"#)
            #expect(create.code == "ZoneExists")
        }
    }
}
