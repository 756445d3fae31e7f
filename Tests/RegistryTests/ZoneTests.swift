import DNSWire
import DNSZone
import Testing

@testable import Registry

let exampleFile = """
    $ORIGIN example.org.
    $TTL 300
    @     3600 IN SOA ns1 hostmaster 2024010101 3600 600 86400 60
    @          IN NS  ns1
    ns1        IN A   192.0.2.53
    www        IN A   192.0.2.1
    www        IN A   192.0.2.2
    txt        IN TXT "hello world" "two"
    alias      IN CNAME www
    """

func parsedFile(_ text: String = exampleFile) throws -> ZoneFile {
    try ZoneFileParser.parse(text: text)
}

func fileZone(_ text: String = exampleFile) throws -> Zone {
    let file = try parsedFile(text)
    return Zone(origin: file.origin, records: file.records)
}

@Suite("Registry zones: create, list, get, delete, import")
struct ZoneTests {
    @Test func createsAZoneWithTheContractDefaults() async throws {
        let harness = try await Harness()
        let info = try await harness.zone("ECS.Internal.")
        #expect(info.name == "ecs.internal")
        #expect(info.kind == "managed")
        #expect(info.serial == 1)
        #expect(info.recordCount == 2)
        #expect(info.nameServers == ["ns1.ecs.internal."])
        #expect(
            info.soa
                == SOAInfo(
                    primary: "ns1.ecs.internal.", mailbox: "hostmaster.ecs.internal.", serial: 1, refresh: 3600,
                    retry: 600, expire: 1_209_600, minimum: 60, ttl: 900))
        #expect(info.createdAt?.hasSuffix("Z") == true)
        let zones = harness.registry.zones
        #expect(answer(zones, "ecs.internal.", .ns) == ["ns1.ecs.internal."])
        #expect(answerTTL(zones, "ecs.internal.", .ns) == 172_800)
        #expect(answerTTL(zones, "ecs.internal.", .soa) == 900)
        #expect(harness.log.last.map { answer($0, "ecs.internal.", .ns) } == ["ns1.ecs.internal."])
        await harness.finish()
    }

    @Test func takesSOAFieldsNameServersAndComment() async throws {
        let harness = try await Harness()
        let spec = ZoneSpec(
            name: "svc.local", soa: SOASpec(primary: "a.example.net.", mailbox: "ops", refresh: 100, ttl: 30),
            nameServers: ["ns1.example.net.", "ns2"], comment: "test zone")
        let info = try await harness.registry.createZone(spec)
        #expect(info.soa.primary == "a.example.net.")
        #expect(info.soa.mailbox == "ops.svc.local.")
        #expect(info.soa.refresh == 100)
        #expect(info.soa.retry == 600)
        #expect(info.soa.ttl == 30)
        #expect(info.comment == "test zone")
        #expect(info.nameServers == ["ns1.example.net.", "ns2.svc.local."])
        #expect(answer(harness.registry.zones, "svc.local.", .ns) == ["ns1.example.net.", "ns2.svc.local."])
        await harness.finish()
    }

    @Test(arguments: [
        (ZoneSpec(name: ""), RegistryError.Code.invalidName, "name"),
        (ZoneSpec(name: "."), .invalidName, "name"),
        (ZoneSpec(name: "a..b"), .invalidName, "name"),
        (ZoneSpec(name: "x.test", soa: SOASpec(ttl: -1)), .invalidTTL, "soa.ttl"),
        (ZoneSpec(name: "x.test", soa: SOASpec(refresh: 2_147_483_648)), .invalidRequest, "soa.refresh"),
        (ZoneSpec(name: "x.test", soa: SOASpec(primary: "a..b")), .invalidName, "soa.primary"),
        (ZoneSpec(name: "x.test", nameServers: ["ok", ""]), .invalidName, "nameServers[1]"),
        (ZoneSpec(name: "x.test", comment: String(repeating: "c", count: 257)), .invalidRequest, "comment"),
    ])
    func rejectsBadZoneSpecs(spec: ZoneSpec, code: RegistryError.Code, field: String) async throws {
        let harness = try await Harness()
        let error = await registryError { _ = try await harness.registry.createZone(spec) }
        #expect(error?.code == code)
        #expect(error?.field == field)
        #expect(await harness.registry.listZones().isEmpty)
        await harness.finish()
    }

    @Test func refusesExistingManagedAndFileZones() async throws {
        let harness = try await Harness(fileZones: [try fileZone()])
        try await harness.zone()
        let again = await registryError { try await harness.zone("ecs.internal.") }
        #expect(again?.code == .zoneExists)
        let file = await registryError { try await harness.zone("Example.org") }
        #expect(file?.code == .zoneExists)
        #expect(file?.message.contains("zone file") == true)
        await harness.finish()
    }

    @Test func listsFileAndManagedZonesByName() async throws {
        let harness = try await Harness(fileZones: [try fileZone()])
        try await harness.zone("zeta.test")
        try await harness.zone("alpha.test")
        let zones = await harness.registry.listZones()
        #expect(zones.map(\.name) == ["alpha.test", "example.org", "zeta.test"])
        #expect(zones.map(\.kind) == ["managed", "file", "managed"])
        let file = try await harness.registry.zone(named: "EXAMPLE.ORG.")
        #expect(file.kind == "file")
        #expect(file.serial == 2_024_010_101)
        #expect(file.recordCount == 7)
        #expect(file.createdAt == nil)
        let missing = await registryError { _ = try await harness.registry.zone(named: "nope.test") }
        #expect(missing?.code == .noSuchZone)
        await harness.finish()
    }

    @Test func deletesEmptyZonesAndRefusesFullOnesWithoutForce() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "web", "A", ["10.0.0.1"])
        let full = await registryError { try await harness.registry.deleteZone(named: "ecs.internal", force: false) }
        #expect(full?.code == .zoneNotEmpty)
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["10.0.0.1"])
        try await harness.registry.deleteZone(named: "ecs.internal.", force: true)
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["REFUSED"])
        #expect(answer(harness.log.last, "ecs.internal.", .soa) == ["REFUSED"])
        #expect(await harness.registry.listZones().isEmpty)
        let gone = await registryError { try await harness.registry.deleteZone(named: "ecs.internal", force: false) }
        #expect(gone?.code == .noSuchZone)
        // Only the apex SOA and NS: deletes without force, and stays deleted after a restart.
        try await harness.zone("empty.test")
        try await harness.registry.deleteZone(named: "empty.test", force: false)
        try await harness.reopen()
        #expect(await harness.registry.listZones().isEmpty)
        await harness.finish()
    }

    @Test func aZoneWithOnlyAnInstanceIsNotEmpty() async throws {
        let harness = try await Harness()
        try await harness.zone()
        _ = try await harness.registry.registerInstance(
            zone: "ecs.internal", service: "web", id: "one", InstanceRegistration(address: "10.0.0.7"))
        let error = await registryError { try await harness.registry.deleteZone(named: "ecs.internal", force: false) }
        #expect(error?.code == .zoneNotEmpty)
        try await harness.registry.deleteZone(named: "ecs.internal", force: true)
        // Recreated under the same name, it starts empty.
        try await harness.zone()
        #expect(try await harness.registry.instances(zone: "ecs.internal", service: "web").isEmpty)
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["NXDOMAIN"])
        await harness.finish()
    }

    @Test func fileZonesAreReadOnly() async throws {
        let harness = try await Harness(fileZones: [try fileZone()])
        let delete = await registryError { try await harness.registry.deleteZone(named: "example.org", force: true) }
        #expect(delete?.code == .readOnlyZone)
        let change = await registryError { try await harness.change("example.org", "CREATE", "new", "A", ["10.0.0.1"]) }
        #expect(change?.code == .readOnlyZone)
        #expect(
            change?.message.contains(
                "remove zones/example.org.zone and run: shoal import zones/example.org.zone --data \(harness.directory.path)")
                == true)
        let register = await registryError {
            _ = try await harness.registry.registerInstance(
                zone: "example.org", service: "web", id: "a", InstanceRegistration(address: "10.0.0.1"))
        }
        #expect(register?.code == .readOnlyZone)
        #expect(answer(harness.registry.zones, "www.example.org.", .a) == ["192.0.2.1", "192.0.2.2"])
        await harness.finish()
    }

    @Test func importsAZoneFileWithItsSOAAndRecords() async throws {
        let harness = try await Harness()
        let info = try await harness.registry.importZone(try parsedFile())
        #expect(info.name == "example.org")
        #expect(info.kind == "managed")
        #expect(info.serial == 2_024_010_101)
        #expect(info.recordCount == 7)
        #expect(info.soa.ttl == 3600)
        let zones = harness.registry.zones
        #expect(answer(zones, "www.example.org.", .a) == ["192.0.2.1", "192.0.2.2"])
        #expect(answer(zones, "txt.example.org.", .txt) == ["\"hello world\" \"two\""])
        #expect(answer(zones, "alias.example.org.", .cname) == ["www.example.org."])
        let page = try await harness.registry.recordSets(
            zone: "example.org", name: nil, type: nil, cursor: nil, limit: 100)
        #expect(page.recordSets.allSatisfy { $0.source == "api" })
        #expect(page.recordSets.count == 6)
        // Imported sets are ordinary sets: the next change bumps the file's serial.
        let change = try await harness.change("example.org", "DELETE", "www", "A", ttl: nil, ["192.0.2.1", "192.0.2.2"])
        #expect(change.serial == 2_024_010_102)
        let again = await registryError { _ = try await harness.registry.importZone(try parsedFile()) }
        #expect(again?.code == .zoneExists)
        try await harness.reopen()
        #expect(answer(harness.registry.zones, "txt.example.org.", .txt) == ["\"hello world\" \"two\""])
        #expect(answer(harness.registry.zones, "www.example.org.", .a) == ["NXDOMAIN"])
        await harness.finish()
    }

    @Test func openFailsWhenAManagedZoneIsAlsoAFileZone() async throws {
        let directory = TempDirectory()
        let first = try await Harness(directory: directory)
        _ = try await first.registry.importZone(try parsedFile())
        await first.registry.close()
        let error = await registryError {
            _ = try await Harness.open(directory.path, fileZones: [try fileZone()], log: PublishLog())
        }
        #expect(error?.message.contains("example.org") == true)
        #expect(error?.message.contains("zone file") == true)
        directory.remove()
    }
}
