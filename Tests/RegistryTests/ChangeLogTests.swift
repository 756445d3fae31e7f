import DNSWire
import DNSZone
import Testing

@testable import Registry

@Suite("Registry change log: zone creation and deletion, operations, newest first")
struct ChangeLogTests {
    @Test func aZonesLifeIsLoggedAndOutlivesIt() async throws {
        let harness = try await Harness()
        let created = try await harness.zone()
        let records = try await harness.change("CREATE", "web", "A", ["10.0.0.1"])
        #expect(records.operation == "CHANGE_RECORDS" && records.service == nil && records.instance == nil)
        let deleted = try await harness.registry.deleteZone(named: "ECS.internal.", force: true)
        #expect(deleted.operation == "DELETE_ZONE")
        #expect(deleted.zone == "ecs.internal" && deleted.serial == 2 && deleted.status == "INSYNC")
        #expect(ChangeID.isWellFormed(deleted.changeId))
        #expect(try await harness.registry.change(id: deleted.changeId) == deleted)
        let log = try await harness.registry.changes(zone: "ecs.internal", limit: 10)
        #expect(log.map(\.operation) == ["DELETE_ZONE", "CHANGE_RECORDS", "CREATE_ZONE"])
        #expect(log.map(\.changeId) == [deleted.changeId, records.changeId, created.changeId!])
        #expect(log[1] == records)
        try await harness.reopen()
        #expect(try await harness.registry.changes(zone: "ecs.internal.", limit: 10) == log)
        // A zone of the same name starts a new history on top of the old one.
        let again = try await harness.zone()
        let relog = try await harness.registry.changes(zone: "ecs.internal", limit: 10)
        #expect(relog.map(\.changeId) == [again.changeId!] + log.map(\.changeId))
        #expect(relog.first?.serial == 1)
        await harness.finish()
    }

    @Test func theLogIsNewestFirstAcrossZonesAndBoundedByLimit() async throws {
        let harness = try await Harness()
        try await harness.zone("a.test")
        try await harness.zone("b.test")
        var made: [ChangeInfo] = []
        // Many changes within one second: the ids keep their order.
        for index in 0..<30 {
            let zone = index % 2 == 0 ? "a.test" : "b.test"
            made.append(try await harness.change(zone, "CREATE", "h\(index)", "A", ["10.0.0.\(index)"]))
        }
        let all = try await harness.registry.changes(zone: nil, limit: 1000)
        #expect(all.count == 32)
        #expect(Array(all.prefix(30)) == made.reversed())
        #expect(all.suffix(2).map(\.zone) == ["b.test", "a.test"])
        #expect(all.suffix(2).allSatisfy { $0.operation == "CREATE_ZONE" })
        let ids = all.map(\.changeId)
        #expect(ids == ids.sorted(by: >))
        let five = try await harness.registry.changes(zone: nil, limit: 5)
        #expect(five == Array(all.prefix(5)))
        let onlyB = try await harness.registry.changes(zone: "b.test", limit: 1000)
        #expect(onlyB.count == 16 && onlyB.allSatisfy { $0.zone == "b.test" })
        #expect(onlyB.map(\.serial) == Array((1...16).reversed()).map(UInt32.init))
        #expect(try await harness.registry.changes(zone: "never.test", limit: 10).isEmpty)
        await harness.finish()
    }

    @Test func theLogFiltersByOperationBeforeTheLimit() async throws {
        let harness = try await Harness()
        let created = try await harness.zone()
        for index in 0..<5 { _ = try await harness.change("CREATE", "w\(index)", "A", ["10.0.0.1"]) }
        // The zone's creation lies behind five newer changes, yet a limit of 1 finds it.
        let first = try await harness.registry.changes(zone: "ecs.internal", operations: ["CREATE_ZONE"], limit: 1)
        #expect(first.map(\.changeId) == [created.changeId!])
        let kinds = try await harness.registry.changes(
            zone: nil, operations: ["CREATE_ZONE", "CHANGE_RECORDS"], limit: 100)
        #expect(kinds.count == 6 && kinds.last?.operation == "CREATE_ZONE")
        #expect(try await harness.registry.changes(zone: nil, operations: [], limit: 10).isEmpty)
        await harness.finish()
    }

    @Test func refusalsWriteNoChangeRow() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "web", "A", ["10.0.0.1"])
        let before = try await harness.registry.changes(zone: nil, limit: 100)
        let notEmpty = await registryError {
            _ = try await harness.registry.deleteZone(named: "ecs.internal", force: false)
        }
        #expect(notEmpty?.code == .zoneNotEmpty)
        let exists = await registryError { _ = try await harness.registry.createZone(ZoneSpec(name: "ecs.internal")) }
        #expect(exists?.code == .zoneExists)
        let missing = await registryError { _ = try await harness.registry.deleteZone(named: "none.test", force: true) }
        #expect(missing?.code == .noSuchZone)
        let batch = await registryError { try await harness.change("CREATE", "web", "A", ["10.0.0.2"]) }
        #expect(batch?.code == .recordSetExists)
        #expect(try await harness.registry.changes(zone: nil, limit: 100) == before)
        await harness.finish()
    }

    @Test func refusesBadArguments() async throws {
        let harness = try await Harness()
        for limit in [0, 1001, -1] {
            let error = await registryError { _ = try await harness.registry.changes(zone: nil, limit: limit) }
            #expect(error?.code == .invalidRequest && error?.field == "limit")
        }
        let zone = await registryError { _ = try await harness.registry.changes(zone: "bad..zone", limit: 10) }
        #expect(zone?.code == .invalidName && zone?.field == "zone")
        let unknown = await registryError { _ = try await harness.registry.change(id: "CNOSUCHCHANGE1") }
        #expect(unknown?.code == .noSuchChange)
        await harness.registry.close()
        let closed = await registryError { _ = try await harness.registry.changes(zone: nil, limit: 10) }
        #expect(closed?.code == .unavailable)
        await harness.finish()
    }

    @Test func changeIDsAreWellFormedAndGrow() {
        let ids = (0..<2000).map { _ in ChangeID.make() }
        #expect(ids.allSatisfy(ChangeID.isWellFormed))
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
    }
}
