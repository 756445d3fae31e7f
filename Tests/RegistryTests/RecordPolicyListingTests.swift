import DNSWire
import DNSZone
import Testing

@testable import Registry

@Suite("Registry listings of groups: one entry per choice, paged through a group")
struct RecordPolicyListingTests {
    static func pages(_ harness: Harness, name: String? = nil, type: String? = nil, limit: Int) async throws
        -> (sets: [RecordSetInfo], cursors: [String])
    {
        var sets: [RecordSetInfo] = []
        var cursors: [String] = []
        var cursor: String?
        for _ in 0..<1000 {
            let page = try await harness.registry.recordSets(
                zone: "ecs.internal", name: name, type: type, cursor: cursor, limit: limit)
            #expect(page.recordSets.count <= limit)
            sets += page.recordSets
            cursor = page.nextCursor
            guard let cursor else { break }
            cursors.append(cursor)
        }
        return (sets, cursors)
    }

    /// Groups of api choices and of a declared service's instances, between simple sets.
    static func populated() async throws -> Harness {
        let harness = try await Harness()
        try await harness.zone()
        var changes = ["e", "c", "a", "d", "b"].map { id in
            RecordChange(
                action: "CREATE", name: "web", type: "A", ttl: 60, records: ["10.0.0.\(id.utf8.first! - 90)"],
                setIdentifier: id, weight: 1)
        }
        changes.append(RecordChange(action: "CREATE", name: "web", type: "TXT", ttl: 60, records: ["t"]))
        changes.append(RecordChange(action: "CREATE", name: "a.web", type: "A", ttl: 60, records: ["10.0.1.1"]))
        changes.append(RecordChange(action: "CREATE", name: "zz", type: "A", alias: AliasTarget(name: "web")))
        _ = try await harness.registry.applyChanges(zone: "ecs.internal", changes: changes, comment: nil)
        _ = try await harness.registry.createService(
            zone: "ecs.internal",
            ServiceSpec(name: "svc", routingPolicy: "WEIGHTED", records: [ServiceRecord(type: "A", ttl: 30)]))
        for id in ["i2", "i1"] {
            _ = try await harness.registry.registerInstance(
                zone: "ecs.internal", service: "svc", id: id, InstanceRegistration(address: "10.0.2.\(id.last!)"))
        }
        _ = try await harness.registry.applyChanges(
            zone: "ecs.internal",
            changes: [
                RecordChange(
                    action: "CREATE", name: "svc", type: "A", ttl: 60, records: ["10.0.3.1"], setIdentifier: "i1",
                    weight: 2)
            ], comment: nil)
        return harness
    }

    static let expected: [(name: String, type: String, source: String, id: String?)] = [
        ("ecs.internal.", "NS", "api", nil), ("ecs.internal.", "SOA", "api", nil),
        ("svc.ecs.internal.", "A", "api", "i1"), ("svc.ecs.internal.", "A", "instance", "i1"),
        ("svc.ecs.internal.", "A", "instance", "i2"),
        ("web.ecs.internal.", "A", "api", "a"), ("web.ecs.internal.", "A", "api", "b"),
        ("web.ecs.internal.", "A", "api", "c"), ("web.ecs.internal.", "A", "api", "d"),
        ("web.ecs.internal.", "A", "api", "e"), ("web.ecs.internal.", "TXT", "api", nil),
        ("a.web.ecs.internal.", "A", "api", nil), ("zz.ecs.internal.", "A", "api", nil),
    ]

    @Test func entriesSortByNameTypeSourceAndIdentifier() async throws {
        let harness = try await Self.populated()
        let (all, _) = try await Self.pages(harness, limit: 1000)
        #expect(all.count == Self.expected.count)
        for (listed, wanted) in zip(all, Self.expected) {
            #expect(listed.name == wanted.name && listed.type == wanted.type)
            #expect(listed.source == wanted.source && listed.setIdentifier == wanted.id)
        }
        let instance = all.first { $0.source == "instance" }
        #expect(instance?.weight == 1 && instance?.healthy == true && instance?.ttl == 30)
        #expect(all.last?.alias?.name == "web.ecs.internal." && all.last?.records == [])
        await harness.finish()
    }

    @Test func pagesStopInsideAGroupAndResumeAfterTheChoice() async throws {
        let harness = try await Self.populated()
        let (all, _) = try await Self.pages(harness, limit: 1000)
        for limit in [1, 2, 3, 4, 7] {
            let (paged, cursors) = try await Self.pages(harness, limit: limit)
            #expect(paged == all)
            #expect(cursors.count == (all.count - 1) / limit)
        }
        // A cursor after choice "b" of web A names the choice; the next page starts at "c".
        let (_, cursors) = try await Self.pages(harness, limit: 7)
        #expect(cursors.first?.split(separator: ".").count == 4)
        let next = try await harness.registry.recordSets(
            zone: "ecs.internal", name: nil, type: nil, cursor: cursors.first, limit: 2)
        #expect(next.recordSets.map(\.setIdentifier) == ["c", "d"])
        // By name and by type, groups page the same way.
        let (web, _) = try await Self.pages(harness, name: "web", limit: 2)
        #expect(web.map(\.setIdentifier) == ["a", "b", "c", "d", "e", nil])
        let (typed, _) = try await Self.pages(harness, type: "A", limit: 3)
        #expect(typed.count == 10)
        await harness.finish()
    }

    @Test func aChoiceDeletedBetweenPagesIsSkipped() async throws {
        let harness = try await Self.populated()
        let first = try await harness.registry.recordSets(
            zone: "ecs.internal", name: "web", type: nil, cursor: nil, limit: 2)
        _ = try await harness.registry.applyChanges(
            zone: "ecs.internal",
            changes: [
                RecordChange(
                    action: "DELETE", name: "web", type: "A", records: ["10.0.0.9"], setIdentifier: "c", weight: 1),
                RecordChange(
                    action: "CREATE", name: "web", type: "A", ttl: 1, records: ["10.0.0.99"], setIdentifier: "bb",
                    weight: 1),
            ], comment: nil)
        let second = try await harness.registry.recordSets(
            zone: "ecs.internal", name: "web", type: nil, cursor: first.nextCursor, limit: 3)
        #expect(second.recordSets.map(\.setIdentifier) == ["bb", "d", "e"])
        await harness.finish()
    }

    // Non-ASCII cursors once walked past the end of the string: a crash from one GET.
    @Test(arguments: [
        "00.1.0.zz", "00.1.0.", "00.1.0.61.1", "00.1", "\u{E9}.1.0", "aa\u{E9}.1.0", "00.1.0.\u{E9}",
        "\u{1F600}\u{1F600}.1.0",
    ])
    func refusesCursorsItDidNotMake(_ cursor: String) async throws {
        let harness = try await Harness()
        try await harness.zone()
        let error = await registryError {
            _ = try await harness.registry.recordSets(
                zone: "ecs.internal", name: nil, type: nil, cursor: cursor, limit: 5)
        }
        #expect(error?.code == .invalidRequest && error?.field == "cursor")
        await harness.finish()
    }
}
