import DNSWire
import DNSZone
import Foundation
import Testing

@testable import Registry

@Suite("Registry instances: IPv6 and CNAME values, health, setInstanceHealth, change operations")
struct InstanceHealthTests {
    static let zone = "ecs.internal"

    @discardableResult
    func register(_ harness: Harness, _ service: String, _ id: String, _ registration: InstanceRegistration)
        async throws -> InstanceRegistrationResult
    {
        try await harness.registry.registerInstance(zone: Self.zone, service: service, id: id, registration)
    }

    func setHealth(_ harness: Harness, _ service: String, _ id: String, _ healthy: Bool) async throws -> ChangeInfo {
        try await harness.registry.setInstanceHealth(zone: Self.zone, service: service, id: id, healthy: healthy)
    }

    func serial(_ harness: Harness) async throws -> UInt32 {
        try await harness.registry.zone(named: Self.zone).serial
    }

    @Test func anIPv4AndAnIPv6MakeBothFamiliesInMergedSets() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let result = try await register(
            harness, "web", "a", InstanceRegistration(address: "10.0.0.1", ipv6: "FD00::1", port: 80))
        let info = result.instance
        #expect(info.address == "10.0.0.1" && info.ipv6 == "fd00::1" && info.cname == nil && info.healthy)
        #expect(
            info.records == [
                "web.ecs.internal. 60 IN A 10.0.0.1",
                "web.ecs.internal. 60 IN AAAA fd00::1",
                "web.ecs.internal. 60 IN SRV 1 1 80 a.web.ecs.internal.",
                "a.web.ecs.internal. 60 IN A 10.0.0.1",
                "a.web.ecs.internal. 60 IN AAAA fd00::1",
            ])
        try await register(harness, "web", "b", InstanceRegistration(ipv6: "fd00::2"))
        let zones = harness.registry.zones
        #expect(answer(zones, "web.ecs.internal.", .a) == ["10.0.0.1"])
        #expect(answer(zones, "web.ecs.internal.", .aaaa) == ["fd00::1", "fd00::2"])
        #expect(answer(zones, "a.web.ecs.internal.", .aaaa) == ["fd00::1"])
        #expect(answer(zones, "b.web.ecs.internal.", .aaaa) == ["fd00::2"])
        #expect(publishedSet(harness.registry, "web.ecs.internal.", .aaaa)?.policy == nil)
        let b = try await harness.registry.instance(zone: Self.zone, service: "web", id: "b")
        #expect(b.address == nil && b.ipv6 == "fd00::2")
        try await harness.reopen()
        #expect(try await harness.registry.instance(zone: Self.zone, service: "web", id: "b") == b)
        #expect(try await harness.registry.instance(zone: Self.zone, service: "web", id: "a") == info)
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .aaaa) == ["fd00::1", "fd00::2"])
        await harness.finish()
    }

    @Test(arguments: [
        (InstanceRegistration(port: 80), RegistryError.Code.invalidRequest, "address", "address is required"),
        (InstanceRegistration(ipv6: "10.0.0.1"), .invalidRecord, "ipv6", "bad IPv6 address '10.0.0.1'"),
        (InstanceRegistration(ipv6: "fd00::zz"), .invalidRecord, "ipv6", "bad IPv6 address"),
        (InstanceRegistration(address: "fd00::1", ipv6: "fd00::2"), .invalidRequest, "ipv6", "already an IPv6"),
        (InstanceRegistration(cname: ""), .invalidName, "cname", "bad cname"),
        (InstanceRegistration(cname: "a..b"), .invalidName, "cname", "bad cname"),
        // An undeclared service makes no CNAME: an instance of it needs an address.
        (InstanceRegistration(cname: "x.example.com"), .invalidRequest, "address", "address is required"),
    ])
    func rejectsBadValues(
        registration: InstanceRegistration, code: RegistryError.Code, field: String, message: String
    ) async throws {
        let harness = try await Harness()
        try await harness.zone()
        let error = await registryError { try await register(harness, "web", "a", registration) }
        #expect(error?.code == code)
        #expect(error?.field == field)
        #expect(error?.message.contains(message) == true)
        #expect(try await serial(harness) == 1)
        await harness.finish()
    }

    @Test func theSameIPv6InAddressAndIPv6IsOneAddress() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let result = try await register(harness, "web", "a", InstanceRegistration(address: "fd00::1", ipv6: "fd00::1"))
        #expect(
            result.instance.records == [
                "web.ecs.internal. 60 IN AAAA fd00::1", "a.web.ecs.internal. 60 IN AAAA fd00::1",
            ])
        await harness.finish()
    }

    @Test func unhealthyInstancesLeaveMergedSetsUnlessAllAreUnhealthy() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await register(harness, "web", "a", InstanceRegistration(address: "10.0.0.1", port: 80))
        let b = try await register(
            harness, "web", "b", InstanceRegistration(address: "10.0.0.2", port: 81, healthy: false))
        #expect(!b.instance.healthy)
        var zones = harness.registry.zones
        #expect(answer(zones, "web.ecs.internal.", .a) == ["10.0.0.1"])
        #expect(answer(zones, "web.ecs.internal.", .srv) == ["1 1 80 a.web.ecs.internal."])
        // Its own name still answers: no other instance stands there.
        #expect(answer(zones, "b.web.ecs.internal.", .a) == ["10.0.0.2"])
        let down = try await setHealth(harness, "web", "a", false)
        #expect(down.operation == "UPDATE_HEALTH" && down.service == "web" && down.instance == "a")
        #expect(down.serial == 4 && down.status == "INSYNC")
        zones = harness.registry.zones
        #expect(answer(zones, "web.ecs.internal.", .a) == ["10.0.0.1", "10.0.0.2"])
        #expect(answer(zones, "web.ecs.internal.", .srv).count == 2)
        _ = try await setHealth(harness, "web", "b", true)
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["10.0.0.2"])
        try await harness.reopen()
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["10.0.0.2"])
        #expect(try await harness.registry.instance(zone: Self.zone, service: "web", id: "a").healthy == false)
        await harness.finish()
    }

    @Test func eachTypeFallsBackOnItsOwn() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await register(harness, "web", "a", InstanceRegistration(address: "10.0.0.1"))
        try await register(
            harness, "web", "b", InstanceRegistration(address: "10.0.0.2", ipv6: "fd00::2", healthy: false))
        let zones = harness.registry.zones
        #expect(answer(zones, "web.ecs.internal.", .a) == ["10.0.0.1"])
        #expect(answer(zones, "web.ecs.internal.", .aaaa) == ["fd00::2"])
        await harness.finish()
    }

    @Test func healthFlipsADeclaredChoice() async throws {
        let harness = try await Harness()
        try await harness.zone()
        _ = try await harness.registry.createService(
            zone: Self.zone,
            ServiceSpec(
                name: "web", routingPolicy: "MULTIVALUE",
                records: [ServiceRecord(type: "A", ttl: 30), ServiceRecord(type: "SRV", ttl: 20)]))
        try await register(harness, "web", "a", InstanceRegistration(address: "10.0.0.1", port: 80))
        try await register(harness, "web", "b", InstanceRegistration(address: "10.0.0.2", port: 81))
        let change = try await setHealth(harness, "web", "a", false)
        #expect(change.serial == 4)
        let registry = harness.registry
        #expect(
            choiceLines(publishedSet(registry, "web.ecs.internal.", .a)) == [
                "a w1 down 30 10.0.0.1", "b w1 up 30 10.0.0.2",
            ])
        #expect(choiceLines(publishedSet(registry, "a.web.ecs.internal.", .a)) == ["a w1 down 20 10.0.0.1"])
        #expect(answer(registry.zones, "web.ecs.internal.", .a) == ["10.0.0.2"])
        #expect(try await registry.instance(zone: Self.zone, service: "web", id: "a").healthy == false)
        _ = try await setHealth(harness, "web", "a", true)
        #expect(
            choiceLines(publishedSet(registry, "web.ecs.internal.", .a)) == [
                "a w1 up 30 10.0.0.1", "b w1 up 30 10.0.0.2",
            ])
        #expect(answer(registry.zones, "web.ecs.internal.", .a) == ["10.0.0.1", "10.0.0.2"])
        await harness.finish()
    }

    @Test func theSameHealthAgainIsAStoredChangeWithoutASerial() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await register(harness, "web", "a", InstanceRegistration(address: "10.0.0.1"))
        let published = harness.log.count
        let again = try await setHealth(harness, "web", "a", true)
        #expect(again.serial == 2 && again.operation == "UPDATE_HEALTH")
        #expect(try await serial(harness) == 2)
        #expect(harness.log.count == published)
        try await harness.reopen()
        #expect(try await harness.registry.change(id: again.changeId) == again)
        await harness.finish()
    }

    @Test func whereHealthCannotBeSet() async throws {
        let harness = try await Harness(fileZones: [try Harness.staticFileZone()])
        try await harness.zone()
        let missing = await registryError { _ = try await setHealth(harness, "web", "a", false) }
        #expect(missing?.code == .noSuchInstance)
        let badID = await registryError { _ = try await setHealth(harness, "web", "a.b", false) }
        #expect(badID?.code == .invalidName && badID?.field == "id")
        let noZone = await registryError {
            _ = try await harness.registry.setInstanceHealth(
                zone: "nowhere.test", service: "web", id: "a", healthy: true)
        }
        #expect(noZone?.code == .noSuchZone)
        let readOnly = await registryError {
            _ = try await harness.registry.setInstanceHealth(
                zone: "static.test", service: "web", id: "a", healthy: true)
        }
        #expect(readOnly?.code == .readOnlyZone)
        #expect(try await serial(harness) == 1)
        await harness.finish()
    }

    @Test func registeringAgainStartsHealthyUnlessTold() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await register(harness, "web", "a", InstanceRegistration(address: "10.0.0.1", healthy: false))
        #expect(try await register(harness, "web", "a", InstanceRegistration(address: "10.0.0.1")).instance.healthy)
        #expect(
            !(try await register(harness, "web", "a", InstanceRegistration(address: "10.0.0.1", healthy: false))
                .instance.healthy))
        await harness.finish()
    }

    @Test func instanceChangesNameTheirOperation() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let registered = try await register(harness, "web", "a", InstanceRegistration(address: "10.0.0.1"))
        #expect(registered.change.operation == "REGISTER_INSTANCE")
        #expect(registered.change.service == "web" && registered.change.instance == "a")
        #expect(try await harness.registry.change(id: registered.change.changeId) == registered.change)
        let gone = try await harness.registry.deregisterInstance(zone: Self.zone, service: "web", id: "a")
        #expect(gone.operation == "DEREGISTER_INSTANCE" && gone.service == "web" && gone.instance == "a")
        try await register(harness, "web", "short", InstanceRegistration(address: "10.0.0.2", lease: 1))
        var expired: ChangeInfo?
        for _ in 0..<40 where expired == nil {
            try await Task.sleep(for: .milliseconds(100))
            expired = try await harness.registry.changes(zone: Self.zone, limit: 1).first {
                $0.operation == "EXPIRE_INSTANCE"
            }
        }
        #expect(expired?.service == "web" && expired?.instance == "short")
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["NXDOMAIN"])
        await harness.finish()
    }
}
