import DNSWire
import DNSZone
import Testing

@testable import Registry

@Suite("Registry record set listing: canonical order, filters, pages")
struct ListingTests {
    func allPages(_ harness: Harness, zone: String = "ecs.internal", type: String? = nil, limit: Int) async throws
        -> [RecordSetInfo]
    {
        var sets: [RecordSetInfo] = []
        var cursor: String?
        repeat {
            let page = try await harness.registry.recordSets(zone: zone, name: nil, type: type, cursor: cursor, limit: limit)
            #expect(page.recordSets.count <= limit)
            #expect(page.nextCursor == nil || page.recordSets.count == limit)
            sets += page.recordSets
            cursor = page.nextCursor
        } while cursor != nil
        return sets
    }

    @Test func pagesWalkEverySetOnceInCanonicalOrder() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let changes = (0..<250).map { index in
            RecordChange(action: "CREATE", name: "h\(index).Sub", type: index % 3 == 0 ? "TXT" : "A", ttl: 60,
                         records: [index % 3 == 0 ? "\"t\(index)\"" : "10.0.0.\(index % 250)"])
        }
        _ = try await harness.registry.applyChanges(zone: "ecs.internal", changes: changes, comment: nil)
        try await harness.change("CREATE", "web", "A", ["10.9.9.9"])
        _ = try await harness.registry.registerInstance(
            zone: "ecs.internal", service: "web", id: "a", InstanceRegistration(address: "10.0.0.1", port: 80))
        let all = try await allPages(harness, limit: 1000)
        #expect(all.count == 256)
        #expect(Array(all.prefix(2).map(\.type)) == ["NS", "SOA"])
        #expect(all[1].source == "api")
        let web = all.filter { $0.name == "web.ecs.internal." }
        #expect(web.map(\.type) == ["A", "A", "SRV"])
        #expect(web.map(\.source) == ["api", "instance", "instance"])
        // Canonical order: names compared label by label from the right.
        let names = all.map { try! DomainName(parsing: $0.name) }
        #expect(zip(names, names.dropFirst()).allSatisfy { !($1 < $0) })
        #expect(names.firstIndex(of: try DomainName(parsing: "sub.ecs.internal.")) == nil)
        for limit in [1, 7, 100] {
            let paged = try await allPages(harness, limit: limit)
            #expect(paged == all)
        }
        let texts = try await allPages(harness, type: "txt", limit: 10)
        #expect(texts.count == 84)
        #expect(texts.allSatisfy { $0.type == "TXT" })
        await harness.finish()
    }

    @Test func filtersByExactName() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "web", "A", ["10.0.0.1"])
        try await harness.change("CREATE", "web", "TXT", ["x"])
        try await harness.change("CREATE", "a.web", "A", ["10.0.0.2"])
        let page = try await harness.registry.recordSets(zone: "ecs.internal", name: "WEB", type: nil, cursor: nil, limit: 100)
        #expect(page.recordSets.map(\.type) == ["A", "TXT"])
        #expect(page.recordSets.first?.records == ["10.0.0.1"])
        let absolute = try await harness.registry.recordSets(
            zone: "ecs.internal", name: "web.ecs.internal.", type: "TXT", cursor: nil, limit: 100)
        #expect(absolute.recordSets.map(\.records) == [["\"x\""]])
        let apex = try await harness.registry.recordSets(zone: "ecs.internal", name: "@", type: nil, cursor: nil, limit: 1)
        #expect(apex.recordSets.map(\.type) == ["NS"])
        #expect(apex.nextCursor != nil)
        await harness.finish()
    }

    @Test func listsFileZonesAsZoneSource() async throws {
        let harness = try await Harness(fileZones: [try fileZone()])
        let sets = try await allPages(harness, zone: "example.org", limit: 2)
        #expect(sets.count == 6)
        #expect(sets.allSatisfy { $0.source == "zone" })
        #expect(sets.prefix(2).map(\.type) == ["NS", "SOA"])
        await harness.finish()
    }

    @Test func rejectsBadListingArguments() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let cursor = await registryError {
            _ = try await harness.registry.recordSets(zone: "ecs.internal", name: nil, type: nil, cursor: "zz", limit: 10)
        }
        #expect(cursor?.code == .invalidRequest && cursor?.field == "cursor")
        for limit in [0, 1001] {
            let error = await registryError {
                _ = try await harness.registry.recordSets(zone: "ecs.internal", name: nil, type: nil, cursor: nil, limit: limit)
            }
            #expect(error?.field == "limit")
        }
        let type = await registryError {
            _ = try await harness.registry.recordSets(zone: "ecs.internal", name: nil, type: "BOGUS", cursor: nil, limit: 10)
        }
        #expect(type?.code == .invalidType)
        let name = await registryError {
            _ = try await harness.registry.recordSets(zone: "ecs.internal", name: "x.other.", type: nil, cursor: nil, limit: 10)
        }
        #expect(name?.code == .invalidName)
        let zone = await registryError {
            _ = try await harness.registry.recordSets(zone: "nope.test", name: nil, type: nil, cursor: nil, limit: 10)
        }
        #expect(zone?.code == .noSuchZone)
        await harness.finish()
    }
}
