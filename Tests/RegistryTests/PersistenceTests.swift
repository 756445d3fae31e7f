import DNSWire
import DNSZone
import Foundation
import Testing

@testable import Registry

@Suite("Registry persistence: restart, journal, change lookup, corrupt files")
struct PersistenceTests {
    static let probes: [(String, RRType)] = [
        ("ecs.internal.", .soa), ("ecs.internal.", .ns), ("web.ecs.internal.", .a), ("web.ecs.internal.", .srv),
        ("a.web.ecs.internal.", .a), ("b.web.ecs.internal.", .aaaa), ("txt.ecs.internal.", .txt),
        ("alias.ecs.internal.", .cname), ("gone.ecs.internal.", .a), ("www.example.org.", .a),
        ("other.test.", .mx), ("deleted.test.", .soa), ("file.example.", .a),
    ]

    @Test func restartRestoresZonesSetsAndInstances() async throws {
        let file = try fileZone("$ORIGIN file.example.\n@ 60 IN SOA ns hm 7 1 1 1 1\n@ 60 IN A 192.0.2.9\n")
        let harness = try await Harness(fileZones: [file])
        try await harness.zone()
        try await harness.zone("other.test")
        try await harness.zone("deleted.test")
        try await harness.change("CREATE", "txt", "TXT", ttl: 42, ["\"a b\"", "c"])
        try await harness.change("CREATE", "alias", "CNAME", ["web"])
        try await harness.change("CREATE", "gone", "A", ["10.9.9.9"])
        try await harness.change("DELETE", "gone", "A", ttl: nil, ["10.9.9.9"])
        try await harness.change("other.test", "CREATE", "@", "MX", ["5 mx.example.net."])
        try await harness.registry.deleteZone(named: "deleted.test", force: false)
        _ = try await harness.registry.registerInstance(
            zone: "ecs.internal", service: "web", id: "a", InstanceRegistration(address: "10.0.0.1", port: 80, lease: 600))
        _ = try await harness.registry.registerInstance(
            zone: "ecs.internal", service: "web", id: "b",
            InstanceRegistration(address: "fd00::2", attributes: ["k": "v"], ttl: 5))
        _ = try await harness.registry.importZone(try parsedFile())

        let before = Self.probes.map { answer(harness.registry.zones, $0.0, $0.1) }
        let zonesBefore = await harness.registry.listZones()
        let setsBefore = try await harness.registry.recordSets(zone: "ecs.internal", name: nil, type: nil, cursor: nil, limit: 1000)
        let instancesBefore = try await harness.registry.instances(zone: "ecs.internal", service: "web")
        try await harness.reopen()
        #expect(Self.probes.map { answer(harness.registry.zones, $0.0, $0.1) } == before)
        #expect(Self.probes.map { answer(harness.log.last, $0.0, $0.1) } == before)
        #expect(harness.log.count == 1)
        #expect(await harness.registry.listZones() == zonesBefore)
        #expect(try await harness.registry.recordSets(zone: "ecs.internal", name: nil, type: nil, cursor: nil, limit: 1000) == setsBefore)
        #expect(try await harness.registry.instances(zone: "ecs.internal", service: "web") == instancesBefore)
        #expect(before[2] == ["10.0.0.1"] && before[8] == ["NXDOMAIN"] && before[11] == ["REFUSED"])
        // Serials carry on from where they were.
        let next = try await harness.change("CREATE", "after", "A", ["10.1.1.1"])
        #expect(next.serial == zonesBefore.first { $0.name == "ecs.internal" }!.serial + 1)
        await harness.finish()
    }

    @Test func changesAreFoundByIdAfterRestart() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let change = try await harness.registry.applyChanges(
            zone: "ecs.internal", changes: [RecordChange(action: "CREATE", name: "w", type: "A", ttl: 1, records: ["10.0.0.1"])],
            comment: "keep me")
        try await harness.reopen()
        #expect(try await harness.registry.change(id: change.changeId) == change)
        let missing = await registryError { _ = try await harness.registry.change(id: "CAAAAAAAAAAAAA") }
        #expect(missing?.code == .noSuchChange)
        let malformed = await registryError { _ = try await harness.registry.change(id: "nope") }
        #expect(malformed?.code == .noSuchChange)
        await harness.finish()
    }

    @Test func theJournalHoldsEachBatchsDifference() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let first = try await harness.change("CREATE", "w", "A", ttl: 60, ["10.0.0.1"])
        let second = try await harness.change("UPSERT", "w", "A", ttl: 60, ["10.0.0.1", "10.0.0.2"])
        _ = try await harness.registry.registerInstance(
            zone: "ecs.internal", service: "svc", id: "i", InstanceRegistration(address: "10.0.0.3"))
        let journal = try await harness.registry.journal(zone: "ecs.internal")
        #expect(journal.map(\.serial) == [2, 3, 4])
        #expect(journal[0] == JournalEntry(serial: 2, changeId: first.changeId, removed: [], added: ["w.ecs.internal. 60 IN A 10.0.0.1"]))
        #expect(journal[1] == JournalEntry(serial: 3, changeId: second.changeId, removed: [], added: ["w.ecs.internal. 60 IN A 10.0.0.2"]))
        #expect(journal[2].added == ["svc.ecs.internal. 60 IN A 10.0.0.3", "i.svc.ecs.internal. 60 IN A 10.0.0.3"])
        await harness.finish()
    }

    @Test func aGarbageDatabaseFileIsAClearError() async throws {
        let directory = TempDirectory()
        let garbage = Data(String(repeating: "this is not a database\n", count: 400).utf8)
        try garbage.write(to: URL(fileURLWithPath: directory.path + "/shoal.sqlite"))
        let error = await registryError { _ = try await Harness.open(directory.path, fileZones: [], log: PublishLog()) }
        #expect(error?.message.contains("shoal.sqlite") == true)
        #expect(error?.message.contains("not a database") == true, "\(error?.message ?? "")")
        directory.remove()
    }

    @Test func aDamagedDatabaseIsAClearError() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let many = (0..<400).map {
            RecordChange(action: "CREATE", name: "h\($0)", type: "TXT", ttl: 60, records: ["\"\(String(repeating: "x", count: 200))\""])
        }
        _ = try await harness.registry.applyChanges(zone: "ecs.internal", changes: many, comment: nil)
        await harness.registry.close()
        let path = harness.directory.path + "/shoal.sqlite"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try #require(bytes.count > 60_000)
        for index in 20_000..<min(bytes.count, 60_000) { bytes[index] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = await registryError { _ = try await Harness.open(harness.directory.path, fileZones: [], log: PublishLog()) }
        #expect(error?.message.contains("shoal.sqlite") == true || error?.message.contains("damaged") == true, "\(error?.message ?? "")")
        harness.directory.remove()
    }

    @Test func aMissingDirectoryIsCreated() async throws {
        let parent = TempDirectory()
        let harness = try await Harness(directory: TempDirectory(path: parent.path + "/a/b"))
        try await harness.zone()
        await harness.finish()
        parent.remove()
    }
}
