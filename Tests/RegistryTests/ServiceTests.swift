import DNSWire
import DNSZone
import Foundation
import Testing

@testable import Registry

/// The set DNS holds at `name` and `type` in the last published zones.
func publishedSet(_ registry: Registry, _ name: String, _ type: RRType) -> RRSet? {
    let owner = try! DomainName(parsing: name)
    return registry.zones.zone(for: owner)?.rrset(owner, type)
}

/// A policy set's choices as (identifier, weight, healthy, ttl, records) lines, in order.
func choiceLines(_ rrset: RRSet?) -> [String] {
    (rrset?.choices ?? []).map { choice in
        "\(choice.identifier) w\(choice.weight) \(choice.healthy ? "up" : "down") \(choice.ttl) "
            + choice.rdatas.map(\.description).joined(separator: ",")
    }
}

@Suite("Registry declared services: rules, the sets their instances make, delete, restarts")
struct ServiceTests {
    static let zone = "ecs.internal"

    @discardableResult
    func declare(
        _ harness: Harness, _ name: String, _ records: [(String, Int64)], policy: String = "MULTIVALUE",
        metadata: [String: String]? = nil
    ) async throws -> ServiceInfo {
        try await harness.registry.createService(
            zone: Self.zone,
            ServiceSpec(
                name: name, routingPolicy: policy, records: records.map { ServiceRecord(type: $0.0, ttl: $0.1) },
                metadata: metadata))
    }

    @discardableResult
    func register(_ harness: Harness, _ service: String, _ id: String, _ registration: InstanceRegistration)
        async throws -> InstanceRegistrationResult
    {
        try await harness.registry.registerInstance(zone: Self.zone, service: service, id: id, registration)
    }

    @Test func declaringIsDurableWithoutADNSChange() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let published = harness.log.count
        let info = try await declare(
            harness, "Web", [("A", 30), ("srv", 20)], policy: "multivalue", metadata: ["cloudmap.description": "front"])
        #expect(info.zone == "ecs.internal" && info.name == "web" && info.routingPolicy == "MULTIVALUE")
        #expect(info.records == [ServiceRecord(type: "A", ttl: 30), ServiceRecord(type: "SRV", ttl: 20)])
        #expect(info.metadata == ["cloudmap.description": "front"] && info.instanceCount == 0)
        #expect(harness.log.count == published)
        #expect(try await harness.registry.zone(named: Self.zone).serial == 1)
        #expect(try await harness.registry.service(zone: Self.zone, name: "WEB") == info)
        try await declare(harness, "api", [("CNAME", 0)], policy: "WEIGHTED")
        #expect(try await harness.registry.services(zone: Self.zone).map(\.name) == ["api", "web"])
        try await harness.reopen()
        #expect(try await harness.registry.service(zone: Self.zone, name: "web") == info)
        #expect(
            try await harness.registry.services(zone: Self.zone).map(\.routingPolicy) == ["WEIGHTED", "MULTIVALUE"])
        await harness.finish()
    }

    @Test(arguments: [
        (
            ServiceSpec(name: "bad.name", routingPolicy: "MULTIVALUE", records: [.init(type: "A", ttl: 60)]),
            RegistryError.Code.invalidName, "name"
        ),
        (
            ServiceSpec(name: "", routingPolicy: "MULTIVALUE", records: [.init(type: "A", ttl: 60)]), .invalidName,
            "name"
        ),
        (
            ServiceSpec(name: "web", routingPolicy: "FAILOVER", records: [.init(type: "A", ttl: 60)]),
            .invalidRequest, "routingPolicy"
        ),
        (ServiceSpec(name: "web", routingPolicy: "MULTIVALUE", records: []), .invalidRequest, "records"),
        (
            ServiceSpec(name: "web", routingPolicy: "MULTIVALUE", records: [.init(type: "TXT", ttl: 60)]),
            .invalidType, "records[0].type"
        ),
        (
            ServiceSpec(
                name: "web", routingPolicy: "MULTIVALUE", records: [.init(type: "A", ttl: 6), .init(type: "a", ttl: 7)]),
            .invalidRequest, "records[1].type"
        ),
        (
            ServiceSpec(name: "web", routingPolicy: "MULTIVALUE", records: [.init(type: "A", ttl: -1)]),
            .invalidTTL, "records[0].ttl"
        ),
        (
            ServiceSpec(name: "web", routingPolicy: "MULTIVALUE", records: [.init(type: "AAAA", ttl: 2_147_483_648)]),
            .invalidTTL, "records[0].ttl"
        ),
        (
            ServiceSpec(
                name: "web", routingPolicy: "WEIGHTED",
                records: [.init(type: "CNAME", ttl: 6), .init(type: "A", ttl: 6)]),
            .invalidRequest, "records"
        ),
        (
            ServiceSpec(name: "web", routingPolicy: "MULTIVALUE", records: [.init(type: "CNAME", ttl: 6)]),
            .invalidRequest, "routingPolicy"
        ),
        (
            ServiceSpec(
                name: "web", routingPolicy: "MULTIVALUE", records: [.init(type: "A", ttl: 6)],
                metadata: Dictionary(uniqueKeysWithValues: (0..<51).map { ("k\($0)", "v") })),
            .invalidRequest, "metadata"
        ),
    ])
    func rejectsBadDeclarations(spec: ServiceSpec, code: RegistryError.Code, field: String) async throws {
        let harness = try await Harness()
        try await harness.zone()
        let error = await registryError { _ = try await harness.registry.createService(zone: Self.zone, spec) }
        #expect(error?.code == code)
        #expect(error?.field == field)
        #expect(try await harness.registry.services(zone: Self.zone).isEmpty)
        await harness.finish()
    }

    @Test func theTTLRangeEndsAreAccepted() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await declare(harness, "low", [("A", 0)])
        try await declare(harness, "high", [("AAAA", 2_147_483_647)])
        #expect(try await harness.registry.service(zone: Self.zone, name: "high").records[0].ttl == 2_147_483_647)
        await harness.finish()
    }

    @Test func whereAServiceCannotBeDeclared() async throws {
        let harness = try await Harness(fileZones: [try Harness.staticFileZone()])
        try await harness.zone()
        let spec = ServiceSpec(name: "web", routingPolicy: "MULTIVALUE", records: [.init(type: "A", ttl: 60)])
        try await declare(harness, "web", [("A", 60)])
        let twice = await registryError { _ = try await harness.registry.createService(zone: Self.zone, spec) }
        #expect(twice?.code == .serviceExists && twice?.field == "name")
        let readOnly = await registryError { _ = try await harness.registry.createService(zone: "static.test", spec) }
        #expect(readOnly?.code == .readOnlyZone)
        let missing = await registryError { _ = try await harness.registry.createService(zone: "nowhere.test", spec) }
        #expect(missing?.code == .noSuchZone)
        #expect(try await harness.registry.services(zone: "static.test").isEmpty)
        let notInFile = await registryError { _ = try await harness.registry.service(zone: "static.test", name: "web") }
        #expect(notInFile?.code == .noSuchService)
        let noZone = await registryError { _ = try await harness.registry.services(zone: "nowhere.test") }
        #expect(noZone?.code == .noSuchZone)
        // A service whose (undeclared) instances already make merged sets is declared before them, not after.
        try await register(harness, "db", "one", InstanceRegistration(address: "10.0.0.9"))
        let late = await registryError {
            _ = try await harness.registry.createService(
                zone: Self.zone,
                ServiceSpec(name: "db", routingPolicy: "MULTIVALUE", records: [.init(type: "A", ttl: 5)]))
        }
        #expect(late?.code == .invalidRequest && late?.field == "name")
        #expect(late?.message.contains("already has instances") == true)
        await harness.finish()
    }

    @Test func deleteServiceRules() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let missing = await registryError { try await harness.registry.deleteService(zone: Self.zone, name: "web") }
        #expect(missing?.code == .noSuchService)
        try await declare(harness, "web", [("A", 60)])
        try await register(harness, "web", "a", InstanceRegistration(address: "10.0.0.1"))
        #expect(try await harness.registry.service(zone: Self.zone, name: "web").instanceCount == 1)
        let busy = await registryError { try await harness.registry.deleteService(zone: Self.zone, name: "web") }
        #expect(busy?.code == .serviceNotEmpty)
        _ = try await harness.registry.deregisterInstance(zone: Self.zone, service: "web", id: "a")
        let serial = try await harness.registry.zone(named: Self.zone).serial
        try await harness.registry.deleteService(zone: Self.zone, name: "WEB")
        #expect(try await harness.registry.zone(named: Self.zone).serial == serial)
        let gone = await registryError { _ = try await harness.registry.service(zone: Self.zone, name: "web") }
        #expect(gone?.code == .noSuchService)
        try await harness.reopen()
        #expect(try await harness.registry.services(zone: Self.zone).isEmpty)
        // Undeclared again: the next instance makes a merged simple set.
        try await register(harness, "web", "b", InstanceRegistration(address: "10.0.0.2"))
        #expect(publishedSet(harness.registry, "web.ecs.internal.", .a)?.policy == nil)
        await harness.finish()
    }

    @Test func multivalueInstancesMakeOneChoiceEachPerDeclaredType() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await declare(harness, "web", [("A", 30), ("AAAA", 40), ("SRV", 20)])
        let first = try await register(
            harness, "web", "b", InstanceRegistration(address: "10.0.0.2", ipv6: "fd00::2", port: 8080, ttl: 999))
        #expect(first.change.serial == 2 && first.change.operation == "REGISTER_INSTANCE")
        #expect(
            first.instance.records == [
                "web.ecs.internal. 30 IN A 10.0.0.2",
                "web.ecs.internal. 40 IN AAAA fd00::2",
                "web.ecs.internal. 20 IN SRV 1 1 8080 b.web.ecs.internal.",
                "b.web.ecs.internal. 20 IN A 10.0.0.2",
                "b.web.ecs.internal. 20 IN AAAA fd00::2",
            ])
        #expect(first.instance.address == "10.0.0.2" && first.instance.ipv6 == "fd00::2" && first.instance.ttl == 999)
        // An instance's own TTL does not apply under a declared service; its records are listed as made.
        let v6 = try await declare(harness, "v6", [("AAAA", 10), ("SRV", 11)])
        #expect(v6.records.map(\.type) == ["AAAA", "SRV"])
        let only6 = try await register(harness, "v6", "x", InstanceRegistration(address: "fd00::9", port: 53))
        #expect(
            only6.instance.records == [
                "v6.ecs.internal. 10 IN AAAA fd00::9",
                "v6.ecs.internal. 11 IN SRV 1 1 53 x.v6.ecs.internal.",
                "x.v6.ecs.internal. 11 IN AAAA fd00::9",
            ])
        #expect(publishedSet(harness.registry, "x.v6.ecs.internal.", .a) == nil)
        await harness.finish()
    }

    @Test func theExactSetsOfEachDeclaredTypeAndPolicy() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await declare(harness, "web", [("A", 30), ("AAAA", 40), ("SRV", 20)])
        try await register(
            harness, "web", "b", InstanceRegistration(address: "10.0.0.2", ipv6: "fd00::2", port: 8080, ttl: 999))
        try await register(
            harness, "web", "a", InstanceRegistration(address: "10.0.0.1", ipv6: "fd00::1", port: 9090, healthy: false))
        let registry = harness.registry
        let a = publishedSet(registry, "web.ecs.internal.", .a)
        #expect(a?.policy == .multivalue && a?.ttl == 30)
        #expect(choiceLines(a) == ["a w1 down 30 10.0.0.1", "b w1 up 30 10.0.0.2"])
        #expect(
            choiceLines(publishedSet(registry, "web.ecs.internal.", .aaaa)) == [
                "a w1 down 40 fd00::1", "b w1 up 40 fd00::2",
            ])
        let srv = publishedSet(registry, "web.ecs.internal.", .srv)
        #expect(srv?.policy == .multivalue)
        #expect(
            choiceLines(srv) == [
                "a w1 down 20 1 1 9090 a.web.ecs.internal.", "b w1 up 20 1 1 8080 b.web.ecs.internal.",
            ])
        let hostA = publishedSet(registry, "a.web.ecs.internal.", .a)
        #expect(hostA?.policy == .multivalue && choiceLines(hostA) == ["a w1 down 20 10.0.0.1"])
        #expect(choiceLines(publishedSet(registry, "b.web.ecs.internal.", .aaaa)) == ["b w1 up 20 fd00::2"])
        #expect(publishedSet(registry, "web.ecs.internal.", .cname) == nil)
        // DNS answers the healthy choice only.
        #expect(answer(registry.zones, "web.ecs.internal.", .a) == ["10.0.0.2"])
        await harness.finish()
    }

    @Test func withoutSRVNoHostRecords() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await declare(harness, "web", [("A", 15)], policy: "WEIGHTED")
        let result = try await register(harness, "web", "a", InstanceRegistration(address: "10.0.0.1", port: 80))
        #expect(result.instance.records == ["web.ecs.internal. 15 IN A 10.0.0.1"])
        let a = publishedSet(harness.registry, "web.ecs.internal.", .a)
        #expect(a?.policy == .weighted && choiceLines(a) == ["a w1 up 15 10.0.0.1"])
        #expect(publishedSet(harness.registry, "web.ecs.internal.", .srv) == nil)
        #expect(answer(harness.registry.zones, "a.web.ecs.internal.", .a) == ["NXDOMAIN"])
        await harness.finish()
    }

    @Test func aWeightedCNAMEServiceMakesOneCNAMEChoicePerInstance() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await declare(harness, "api", [("CNAME", 45)], policy: "WEIGHTED")
        let first = try await register(harness, "api", "blue", InstanceRegistration(cname: "blue.example.com"))
        #expect(first.instance.cname == "blue.example.com" && first.instance.address == nil)
        #expect(first.instance.records == ["api.ecs.internal. 45 IN CNAME blue.example.com."])
        try await register(
            harness, "api", "green", InstanceRegistration(address: "10.0.0.1", cname: "green.example.com."))
        let cname = publishedSet(harness.registry, "api.ecs.internal.", .cname)
        #expect(cname?.policy == .weighted)
        #expect(choiceLines(cname) == ["blue w1 up 45 blue.example.com.", "green w1 up 45 green.example.com."])
        #expect(publishedSet(harness.registry, "api.ecs.internal.", .a) == nil)
        // One CNAME per answer.
        let answered = answer(harness.registry.zones, "api.ecs.internal.", .cname)
        #expect(answered == ["blue.example.com."] || answered == ["green.example.com."])
        await harness.finish()
    }

    @Test(arguments: [
        (["A"], InstanceRegistration(address: "fd00::1"), "address"),
        (["A"], InstanceRegistration(ipv6: "fd00::1"), "address"),
        (["AAAA"], InstanceRegistration(address: "10.0.0.1"), "ipv6"),
        (["A", "AAAA"], InstanceRegistration(address: "10.0.0.1"), "ipv6"),
        (["SRV"], InstanceRegistration(address: "10.0.0.1"), "port"),
        (["SRV"], InstanceRegistration(cname: "x.example.com", port: 80), "address"),
    ])
    func refusesAnInstanceLackingADeclaredValue(types: [String], registration: InstanceRegistration, field: String)
        async throws
    {
        let harness = try await Harness()
        try await harness.zone()
        try await declare(harness, "web", types.map { ($0, 5) })
        let error = await registryError { try await register(harness, "web", "a", registration) }
        #expect(error?.code == .invalidRequest)
        #expect(error?.field == field)
        #expect(try await harness.registry.zone(named: Self.zone).serial == 1)
        #expect(try await harness.registry.instances(zone: Self.zone, service: "web").isEmpty)
        await harness.finish()
    }

    @Test func aCNAMEServiceNeedsACNAME() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await declare(harness, "api", [("CNAME", 45)], policy: "WEIGHTED")
        let error = await registryError {
            try await register(harness, "api", "a", InstanceRegistration(address: "10.0.0.1"))
        }
        #expect(error?.code == .invalidRequest && error?.field == "cname")
        await harness.finish()
    }

    @Test func theSetsFollowRegisterReplaceAndDeregister() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await declare(harness, "web", [("A", 30), ("SRV", 20)], policy: "WEIGHTED")
        try await register(harness, "web", "a", InstanceRegistration(address: "10.0.0.1", port: 80))
        try await register(harness, "web", "b", InstanceRegistration(address: "10.0.0.2", port: 81))
        try await register(harness, "web", "a", InstanceRegistration(address: "10.0.0.3", port: 82))
        let registry = harness.registry
        #expect(
            choiceLines(publishedSet(registry, "web.ecs.internal.", .a)) == [
                "a w1 up 30 10.0.0.3", "b w1 up 30 10.0.0.2",
            ])
        #expect(choiceLines(publishedSet(registry, "a.web.ecs.internal.", .a)) == ["a w1 up 20 10.0.0.3"])
        let change = try await registry.deregisterInstance(zone: Self.zone, service: "web", id: "a")
        #expect(change.operation == "DEREGISTER_INSTANCE" && change.service == "web" && change.instance == "a")
        #expect(choiceLines(publishedSet(registry, "web.ecs.internal.", .a)) == ["b w1 up 30 10.0.0.2"])
        #expect(answer(registry.zones, "a.web.ecs.internal.", .a) == ["NXDOMAIN"])
        _ = try await registry.deregisterInstance(zone: Self.zone, service: "web", id: "b")
        #expect(answer(registry.zones, "web.ecs.internal.", .a) == ["NXDOMAIN"])
        #expect(try await registry.service(zone: Self.zone, name: "web").instanceCount == 0)
        await harness.finish()
    }

    @Test func declaredSetsSurviveARestart() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await declare(harness, "web", [("A", 30), ("AAAA", 40), ("SRV", 20)])
        try await declare(harness, "api", [("CNAME", 45)], policy: "WEIGHTED")
        try await register(harness, "web", "a", InstanceRegistration(address: "10.0.0.1", ipv6: "fd00::1", port: 80))
        try await register(harness, "web", "b", InstanceRegistration(address: "10.0.0.2", ipv6: "fd00::2", port: 81))
        try await register(harness, "api", "x", InstanceRegistration(cname: "x.example.com", healthy: false))
        let keys: [(String, RRType)] = [
            ("web.ecs.internal.", .a), ("web.ecs.internal.", .aaaa), ("web.ecs.internal.", .srv),
            ("a.web.ecs.internal.", .a), ("a.web.ecs.internal.", .aaaa), ("b.web.ecs.internal.", .aaaa),
            ("api.ecs.internal.", .cname),
        ]
        let before = keys.map { publishedSet(harness.registry, $0.0, $0.1) }
        let instances = try await harness.registry.instances(zone: Self.zone, service: "web")
        let services = try await harness.registry.services(zone: Self.zone)
        try await harness.reopen()
        let after = keys.map { publishedSet(harness.registry, $0.0, $0.1) }
        #expect(before.allSatisfy { $0?.policy != nil })
        #expect(after == before)
        #expect(try await harness.registry.instances(zone: Self.zone, service: "web") == instances)
        #expect(try await harness.registry.services(zone: Self.zone) == services)
        #expect(try await harness.registry.instance(zone: Self.zone, service: "api", id: "x").healthy == false)
        await harness.finish()
    }

    @Test func aForcedZoneDeleteTakesItsServices() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await declare(harness, "web", [("A", 30)])
        // A declared service alone is data: only a forced delete drops it.
        let refused = await registryError { _ = try await harness.registry.deleteZone(named: Self.zone, force: false) }
        #expect(refused?.code == .zoneNotEmpty)
        #expect(try await harness.registry.services(zone: Self.zone).count == 1)
        try await register(harness, "web", "a", InstanceRegistration(address: "10.0.0.1"))
        _ = try await harness.registry.deleteZone(named: Self.zone, force: true)
        try await harness.zone()
        #expect(try await harness.registry.services(zone: Self.zone).isEmpty)
        try await harness.reopen()
        #expect(try await harness.registry.services(zone: Self.zone).isEmpty)
        await harness.finish()
    }
}
