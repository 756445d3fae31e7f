import DNSWire
import DNSZone
import Foundation
import Testing

@testable import Registry

@Suite("Registry instances: records, merging, replace, deregister, heartbeat, leases")
struct InstanceTests {
    func register(
        _ harness: Harness, _ service: String, _ id: String, _ address: String, port: Int64? = nil,
        lease: Int64? = nil, ttl: Int64? = nil
    ) async throws -> InstanceRegistrationResult {
        try await harness.registry.registerInstance(
            zone: "ecs.internal", service: service, id: id,
            InstanceRegistration(address: address, port: port, attributes: ["az": "a"], lease: lease, ttl: ttl))
    }

    @Test func anInstanceMakesServiceSRVAndHostRecords() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let result = try await register(harness, "Web", "task-1", "10.0.0.7", port: 8080)
        #expect(result.created)
        #expect(result.change.serial == 2)
        let info = result.instance
        #expect(info.zone == "ecs.internal" && info.service == "web" && info.id == "task-1")
        #expect(info.address == "10.0.0.7" && info.port == 8080 && info.ttl == 60)
        #expect(info.attributes == ["az": "a"])
        #expect(info.lease == nil && info.expiresAt == nil)
        #expect(
            info.records == [
                "web.ecs.internal. 60 IN A 10.0.0.7",
                "web.ecs.internal. 60 IN SRV 1 1 8080 task-1.web.ecs.internal.",
                "task-1.web.ecs.internal. 60 IN A 10.0.0.7",
            ])
        let zones = harness.log.last
        #expect(answer(zones, "web.ecs.internal.", .a) == ["10.0.0.7"])
        #expect(answer(zones, "web.ecs.internal.", .srv) == ["1 1 8080 task-1.web.ecs.internal."])
        #expect(answer(zones, "task-1.web.ecs.internal.", .a) == ["10.0.0.7"])
        #expect(try await harness.registry.instance(zone: "ecs.internal", service: "web", id: "TASK-1") == info)
        await harness.finish()
    }

    @Test func instancesOfAServiceMergeAndMixFamilies() async throws {
        let harness = try await Harness()
        try await harness.zone()
        _ = try await register(harness, "web", "a", "10.0.0.1", port: 80, ttl: 30)
        _ = try await register(harness, "web", "b", "10.0.0.2", port: 81, ttl: 10)
        _ = try await register(harness, "web", "c", "fd00::3")
        let zones = harness.registry.zones
        #expect(answer(zones, "web.ecs.internal.", .a) == ["10.0.0.1", "10.0.0.2"])
        #expect(answerTTL(zones, "web.ecs.internal.", .a) == 10)
        #expect(answer(zones, "web.ecs.internal.", .aaaa) == ["fd00::3"])
        #expect(answer(zones, "web.ecs.internal.", .srv) == ["1 1 80 a.web.ecs.internal.", "1 1 81 b.web.ecs.internal."])
        #expect(answer(zones, "c.web.ecs.internal.", .aaaa) == ["fd00::3"])
        #expect(answer(zones, "c.web.ecs.internal.", .a) == ["NODATA"])
        let listed = try await harness.registry.instances(zone: "ecs.internal", service: "web")
        #expect(listed.map(\.id) == ["a", "b", "c"])
        #expect(try await harness.registry.zone(named: "ecs.internal").serial == 4)
        await harness.finish()
    }

    @Test func noSRVWithoutAPort() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let result = try await register(harness, "db", "one", "10.0.0.9")
        #expect(result.instance.records.count == 2)
        #expect(answer(harness.registry.zones, "db.ecs.internal.", .srv) == ["NODATA"])
        await harness.finish()
    }

    @Test func registeringAgainReplaces() async throws {
        let harness = try await Harness()
        try await harness.zone()
        _ = try await register(harness, "web", "a", "10.0.0.1", port: 80)
        let again = try await register(harness, "web", "a", "fd00::1")
        #expect(!again.created)
        #expect(again.change.serial == 3)
        let zones = harness.registry.zones
        #expect(answer(zones, "web.ecs.internal.", .a) == ["NODATA"])
        #expect(answer(zones, "web.ecs.internal.", .aaaa) == ["fd00::1"])
        #expect(answer(zones, "web.ecs.internal.", .srv) == ["NODATA"])
        #expect(answer(zones, "a.web.ecs.internal.", .a) == ["NODATA"])
        await harness.finish()
    }

    @Test func deregisterRemovesTheRecords() async throws {
        let harness = try await Harness()
        try await harness.zone()
        _ = try await register(harness, "web", "a", "10.0.0.1", port: 80)
        _ = try await register(harness, "web", "b", "10.0.0.2", port: 80)
        let change = try await harness.registry.deregisterInstance(zone: "ecs.internal", service: "web", id: "a")
        #expect(change.serial == 4)
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["10.0.0.2"])
        #expect(answer(harness.registry.zones, "a.web.ecs.internal.", .a) == ["NXDOMAIN"])
        _ = try await harness.registry.deregisterInstance(zone: "ecs.internal", service: "web", id: "b")
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["NXDOMAIN"])
        let missing = await registryError {
            _ = try await harness.registry.deregisterInstance(zone: "ecs.internal", service: "web", id: "b")
        }
        #expect(missing?.code == .noSuchInstance)
        let lookup = await registryError {
            _ = try await harness.registry.instance(zone: "ecs.internal", service: "web", id: "a")
        }
        #expect(lookup?.code == .noSuchInstance)
        await harness.finish()
    }

    @Test func heartbeatRenewsTheLeaseDurablyWithoutASerial() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let first = try await register(harness, "web", "a", "10.0.0.1", lease: 60)
        let expires = try #require(first.instance.expiresAt)
        try await Task.sleep(for: .milliseconds(1100))
        let renewed = try await harness.registry.heartbeat(zone: "ecs.internal", service: "web", id: "a")
        #expect(try #require(renewed.expiresAt) > expires)
        #expect(try await harness.registry.zone(named: "ecs.internal").serial == 2)
        try await harness.reopen()
        #expect(try await harness.registry.instance(zone: "ecs.internal", service: "web", id: "a").expiresAt == renewed.expiresAt)
        let missing = await registryError {
            _ = try await harness.registry.heartbeat(zone: "ecs.internal", service: "web", id: "zz")
        }
        #expect(missing?.code == .noSuchInstance)
        await harness.finish()
    }

    @Test func aLapsedLeaseRemovesTheInstanceForGood() async throws {
        let harness = try await Harness()
        try await harness.zone()
        _ = try await register(harness, "web", "short", "10.0.0.1", lease: 1)
        _ = try await register(harness, "web", "long", "10.0.0.2", lease: 3600)
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["10.0.0.1", "10.0.0.2"])
        var remaining = answer(harness.registry.zones, "web.ecs.internal.", .a)
        for _ in 0..<40 where remaining.count == 2 {
            try await Task.sleep(for: .milliseconds(100))
            remaining = answer(harness.registry.zones, "web.ecs.internal.", .a)
        }
        #expect(remaining == ["10.0.0.2"])
        #expect(answer(harness.log.last, "short.web.ecs.internal.", .a) == ["NXDOMAIN"])
        #expect(try await harness.registry.zone(named: "ecs.internal").serial == 4)
        try await harness.reopen()
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["10.0.0.2"])
        #expect(try await harness.registry.instances(zone: "ecs.internal", service: "web").map(\.id) == ["long"])
        await harness.finish()
    }

    @Test func aLeaseThatRanOutWhileClosedIsRemovedAfterOpen() async throws {
        let harness = try await Harness()
        try await harness.zone()
        _ = try await register(harness, "web", "a", "10.0.0.1", lease: 1)
        await harness.registry.close()
        try await Task.sleep(for: .milliseconds(1200))
        try await harness.reopen()
        var gone = false
        for _ in 0..<20 where !gone {
            gone = answer(harness.registry.zones, "web.ecs.internal.", .a) == ["NXDOMAIN"]
            if !gone { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(gone)
        await harness.finish()
    }

    @Test(arguments: [
        ("bad.name", "a", InstanceRegistration(address: "10.0.0.1"), RegistryError.Code.invalidName, "service"),
        ("web", "", InstanceRegistration(address: "10.0.0.1"), .invalidName, "id"),
        ("web", String(repeating: "i", count: 64), InstanceRegistration(address: "10.0.0.1"), .invalidName, "id"),
        ("web", "a", InstanceRegistration(address: "10.0.0.300"), .invalidRecord, "address"),
        ("web", "a", InstanceRegistration(address: "10.0.0.1", port: 65536), .invalidRequest, "port"),
        ("web", "a", InstanceRegistration(address: "10.0.0.1", lease: 0), .invalidRequest, "lease"),
        ("web", "a", InstanceRegistration(address: "10.0.0.1", lease: 86401), .invalidRequest, "lease"),
        ("web", "a", InstanceRegistration(address: "10.0.0.1", ttl: -5), .invalidTTL, "ttl"),
        (
            "web", "a",
            InstanceRegistration(
                address: "10.0.0.1", attributes: Dictionary(uniqueKeysWithValues: (0..<31).map { ("k\($0)", "v") })),
            .invalidRequest, "attributes"
        ),
    ])
    func rejectsBadRegistrations(
        service: String, id: String, registration: InstanceRegistration, code: RegistryError.Code, field: String
    ) async throws {
        let harness = try await Harness()
        try await harness.zone()
        let error = await registryError {
            _ = try await harness.registry.registerInstance(
                zone: "ecs.internal", service: service, id: id, registration)
        }
        #expect(error?.code == code)
        #expect(error?.field == field)
        #expect(try await harness.registry.zone(named: "ecs.internal").serial == 1)
        await harness.finish()
    }
}
