import Foundation
import HummingbirdTesting
import Testing

@Suite struct RecordEndpointTests {
    static let webAndTXT = #"""
        {"comment": "web goes live",
         "changes": [{"action": "CREATE", "name": "web", "type": "A", "ttl": 60, "records": ["10.0.0.7", "10.0.0.8"]},
                     {"action": "UPSERT", "name": "@", "type": "TXT", "ttl": 300, "records": ["\"owner=platform\""]}]}
        """#

    @Test func applyChangesAndFindTheChange() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let applied = try await client.send(.post, "/v1/zones/svc.internal/changes", Self.webAndTXT)
            #expect(applied.status == .ok)
            let change = applied.json
            #expect(change["serial"] as? Int == 2)
            #expect(change["status"] as? String == "INSYNC")
            #expect(change["comment"] as? String == "web goes live")
            let id = try #require(change["changeId"] as? String)
            #expect(id.count == 14 && id.hasPrefix("C"))

            let found = try await client.send(.get, "/v1/changes/\(id)")
            #expect(found.status == .ok)
            #expect(found.json["changeId"] as? String == id)
            #expect(found.json["serial"] as? Int == 2)

            let unknown = try await client.send(.get, "/v1/changes/CAAAAAAAAAAAAA")
            #expect(unknown.status == .notFound)
            #expect(unknown.code == "NoSuchChange")
        }
    }

    @Test func registryErrorsKeepCodeFieldAndStatus() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let badAddress =
                #"{"changes": [{"action": "CREATE", "name": "web", "type": "A", "ttl": 60, "records": ["10.0.0.1", "10.0.0.300"]}]}"#
            let invalid = try await client.send(.post, "/v1/zones/svc.internal/changes", badAddress)
            #expect(invalid.status == .badRequest)
            #expect(invalid.code == "InvalidRecord")
            #expect(invalid.field == "changes[0].records[1]")

            let missing = #"{"changes": [{"action": "DELETE", "name": "web", "type": "A", "records": ["10.0.0.1"]}]}"#
            let noSet = try await client.send(.post, "/v1/zones/svc.internal/changes", missing)
            #expect(noSet.status == .notFound)
            #expect(noSet.code == "NoSuchRecordSet")

            #expect(try await client.send(.post, "/v1/zones/svc.internal/changes", Self.webAndTXT).status == .ok)
            let again = try await client.send(.post, "/v1/zones/svc.internal/changes", Self.webAndTXT)
            #expect(again.status == .conflict)
            #expect(again.code == "RecordSetExists")

            let noZone = try await client.send(.post, "/v1/zones/nothing.internal/changes", Self.webAndTXT)
            #expect(noZone.code == "NoSuchZone")
        }
    }

    @Test func tooManyChangesIsTooLarge() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let one = #"{"action": "UPSERT", "name": "web", "type": "A", "ttl": 60, "records": ["10.0.0.1"]}"#
            let batch = #"{"changes": [\#(Array(repeating: one, count: 1001).joined(separator: ","))]}"#
            let response = try await client.send(.post, "/v1/zones/svc.internal/changes", batch)
            #expect(response.status == .contentTooLarge)
            #expect(response.code == "TooLarge")
        }
    }

    @Test func listWithFiltersAndPages() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            #expect(try await client.send(.post, "/v1/zones/svc.internal/changes", Self.webAndTXT).status == .ok)

            let all = try await client.send(.get, "/v1/zones/svc.internal/records")
            #expect(all.status == .ok)
            let sets = all.json["recordSets"] as? [[String: Any]] ?? []
            #expect(sets.count == 4)  // SOA, NS, TXT at the apex; A at web
            #expect(all.json.keys.contains("nextCursor"))
            #expect(all.json["nextCursor"] is NSNull)

            let web = try await client.send(.get, "/v1/zones/svc.internal/records?name=web&type=A")
            let webSets = web.json["recordSets"] as? [[String: Any]] ?? []
            #expect(webSets.count == 1)
            #expect(webSets.first?["name"] as? String == "web.svc.internal.")
            #expect(Set(webSets.first?["records"] as? [String] ?? []) == ["10.0.0.7", "10.0.0.8"])

            // One set a page, following nextCursor to the end, sees every set once.
            var seen: [String] = []
            var uri = "/v1/zones/svc.internal/records?limit=1"
            for _ in 0..<10 {
                let page = try await client.send(.get, uri)
                #expect(page.status == .ok)
                for set in page.json["recordSets"] as? [[String: Any]] ?? [] {
                    seen.append("\(set["name"] ?? "") \(set["type"] ?? "")")
                }
                guard let cursor = page.json["nextCursor"] as? String else { break }
                let escaped = cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor
                uri = "/v1/zones/svc.internal/records?limit=1&cursor=\(escaped)"
            }
            #expect(seen.count == 4)
            #expect(Set(seen).count == 4)
        }
    }

    @Test(arguments: ["0", "1001", "-1", "ten", ""])
    func limitOutOfRange(limit: String) async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            let response = try await client.send(.get, "/v1/zones/svc.internal/records?limit=\(limit)")
            #expect(response.status == .badRequest)
            #expect(response.code == "InvalidRequest")
            #expect(response.field == "limit")
        }
    }

    @Test func limitBoundsAreAccepted() async throws {
        try await withAPI { client in
            try await client.createZone("svc.internal")
            for limit in [1, 1000] {
                let response = try await client.send(.get, "/v1/zones/svc.internal/records?limit=\(limit)")
                #expect(response.status == .ok)
            }
        }
    }
}
