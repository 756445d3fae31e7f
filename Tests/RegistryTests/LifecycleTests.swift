import DNSWire
import DNSZone
import Foundation
import Logging
import Testing

@testable import Registry

@Suite("Registry lifecycle: publishing, read-your-writes, close")
struct LifecycleTests {
    /// A publisher that takes its time: a call returns only after it has finished.
    @Test func callsReturnOnlyAfterThePublisherReturned() async throws {
        let directory = TempDirectory()
        let finished = PublishLog()
        let registry = try await Registry.open(directory: directory.path, fileZones: [], logger: Logger(label: "t")) {
            zones in
            try? await Task.sleep(for: .milliseconds(150))
            finished.publish(zones)
        }
        #expect(finished.count == 1)
        _ = try await registry.createZone(ZoneSpec(name: "slow.test"))
        #expect(answer(finished.last, "slow.test.", .soa) != ["REFUSED"])
        let change = try await registry.applyChanges(
            zone: "slow.test", changes: [RecordChange(action: "CREATE", name: "a", type: "A", ttl: 1, records: ["10.0.0.1"])],
            comment: nil)
        #expect(finished.last?.zone(for: try DomainName(parsing: "slow.test."))?.serial == change.serial)
        #expect(answer(finished.last, "a.slow.test.", .a) == ["10.0.0.1"])
        await registry.close()
        directory.remove()
    }

    @Test func openPublishesFileAndManagedZonesOnce() async throws {
        let harness = try await Harness(fileZones: [try fileZone()])
        #expect(harness.log.count == 1)
        #expect(answer(harness.log.last, "www.example.org.", .a) == ["192.0.2.1", "192.0.2.2"])
        try await harness.zone()
        try await harness.reopen()
        #expect(harness.log.count == 1)
        #expect(answer(harness.log.last, "ecs.internal.", .ns) == ["ns1.ecs.internal."])
        #expect(answer(harness.log.last, "www.example.org.", .a) == ["192.0.2.1", "192.0.2.2"])
        await harness.finish()
    }

    @Test func aClosedRegistryRefusesWrites() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let change = try await harness.change("CREATE", "a", "A", ["10.0.0.1"])
        await harness.registry.close()
        await harness.registry.close()
        let write = await registryError { try await harness.change("CREATE", "b", "A", ["10.0.0.2"]) }
        #expect(write?.code == .unavailable)
        let lookup = await registryError { _ = try await harness.registry.change(id: change.changeId) }
        #expect(lookup?.code == .unavailable)
        harness.directory.remove()
    }

    @Test func heartbeatsAloneDoNotPublish() async throws {
        let harness = try await Harness()
        try await harness.zone()
        _ = try await harness.registry.registerInstance(
            zone: "ecs.internal", service: "web", id: "a", InstanceRegistration(address: "10.0.0.1", lease: 60))
        let published = harness.log.count
        for _ in 0..<3 { _ = try await harness.registry.heartbeat(zone: "ecs.internal", service: "web", id: "a") }
        #expect(harness.log.count == published)
        await harness.finish()
    }
}
