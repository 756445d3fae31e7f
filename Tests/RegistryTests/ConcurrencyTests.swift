import DNSWire
import DNSZone
import Foundation
import Testing

@testable import Registry

@Suite("Registry group commit: concurrent writers")
struct ConcurrencyTests {
    /// The promise: every committed batch adds exactly 1 to its zone's serial and gets its own
    /// ChangeInfo serial, however batches are grouped; a group publishes once.
    @Test func concurrentWritersAllLandWithOneSerialEach() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let published = harness.log.count
        let serials = try await withThrowingTaskGroup(of: [UInt32].self) { group in
            for writer in 0..<8 {
                group.addTask {
                    var serials: [UInt32] = []
                    for index in 0..<200 {
                        let change = try await harness.change("CREATE", "w\(writer)-\(index)", "A", ["10.0.\(writer).\(index)"])
                        serials.append(change.serial)
                    }
                    return serials
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(Set(serials) == Set(2...1601))
        let info = try await harness.registry.zone(named: "ecs.internal")
        #expect(info.serial == 1601)
        #expect(info.recordCount == 1602)
        let zones = harness.log.last
        for writer in 0..<8 {
            for index in stride(from: 0, to: 200, by: 37) {
                #expect(answer(zones, "w\(writer)-\(index).ecs.internal.", .a) == ["10.0.\(writer).\(index)"])
            }
        }
        let publications = harness.log.count - published
        #expect(publications >= 1 && publications <= 1600)
        try await harness.reopen()
        #expect(try await harness.registry.zone(named: "ecs.internal").recordCount == 1602)
        await harness.finish()
    }

    /// Batches grouped into one transaction still fail alone: of eight CREATEs of one set,
    /// exactly one wins and the others get RecordSetExists.
    @Test func racingCreatesOfOneSetLetExactlyOneWin() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let outcomes = await withTaskGroup(of: RegistryError.Code?.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    do {
                        try await harness.change("CREATE", "same", "A", ["10.0.0.\(writer)"])
                        return nil
                    } catch let error as RegistryError {
                        return error.code
                    } catch {
                        return .internalError
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.filter { $0 == .recordSetExists }.count == 7)
        #expect(answer(harness.registry.zones, "same.ecs.internal.", .a).count == 1)
        #expect(try await harness.registry.zone(named: "ecs.internal").serial == 2)
        await harness.finish()
    }

    @Test func writersOnSeveralZonesAndInstancesMix() async throws {
        let harness = try await Harness()
        for zone in 0..<4 { try await harness.zone("z\(zone).test") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<25 {
                        let zone = "z\(writer % 4).test"
                        if index % 2 == 0 {
                            _ = try await harness.registry.registerInstance(
                                zone: zone, service: "svc", id: "i\(writer)-\(index)",
                                InstanceRegistration(address: "10.\(writer).0.\(index)", port: 80))
                        } else {
                            try await harness.change(zone, "UPSERT", "h\(writer)-\(index)", "A", ["10.1.\(writer).\(index)"])
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        for zone in 0..<4 {
            let info = try await harness.registry.zone(named: "z\(zone).test")
            #expect(info.serial == 51)
            let instances = try await harness.registry.instances(zone: "z\(zone).test", service: "svc")
            #expect(instances.count == 26)
            #expect(answer(harness.registry.zones, "svc.z\(zone).test.", .a).count == 26)
            #expect(answer(harness.registry.zones, "svc.z\(zone).test.", .srv).count == 26)
        }
        await harness.finish()
    }
}
