import DNSWire
import DNSZone
import Foundation
import Testing

@testable import Registry

@Suite("Registry zone metadata: stored with the zone, returned as given, bounded")
struct ZoneMetadataTests {
    static let metadata = [
        "route53.callerReference": "ref-1", "route53.private": "true",
        "route53.vpcs": #"[{"VPCRegion":"eu-west-1","VPCId":"vpc-1"}]"#, "note": "",
        "ünïcode": "välue ✓",
    ]

    @Test func metadataIsReturnedByEveryZoneCallAndSurvivesARestart() async throws {
        let harness = try await Harness(fileZones: [try fileZone()])
        let created = try await harness.registry.createZone(ZoneSpec(name: "ecs.internal", metadata: Self.metadata))
        #expect(created.metadata == Self.metadata)
        try await harness.zone("plain.internal")
        #expect(try await harness.registry.zone(named: "ECS.internal.").metadata == Self.metadata)
        try await harness.reopen()
        let zones = try await harness.registry.listZones()
        #expect(zones.map(\.name) == ["ecs.internal", "example.org", "plain.internal"])
        #expect(zones.map(\.metadata) == [Self.metadata, [:], [:]])
        #expect(try await harness.registry.zone(named: "ecs.internal").metadata == Self.metadata)
        // Changes to the zone's records leave its metadata alone.
        try await harness.change("CREATE", "web", "A", ["10.0.0.1"])
        #expect(try await harness.registry.zone(named: "ecs.internal").metadata == Self.metadata)
        await harness.finish()
    }

    @Test func createZoneReturnsTheChangeThatCreatedIt() async throws {
        let harness = try await Harness()
        let created = try await harness.registry.createZone(ZoneSpec(name: "ecs.internal", comment: "zone comment"))
        let id = try #require(created.changeId)
        let change = try await harness.registry.change(id: id)
        #expect(change.operation == "CREATE_ZONE")
        #expect(change.zone == "ecs.internal" && change.serial == 1 && change.status == "INSYNC")
        #expect(change.service == nil && change.instance == nil)
        // What the lookups return is the zone as it is, not the creation.
        #expect(try await harness.registry.zone(named: "ecs.internal").changeId == nil)
        #expect(try await harness.registry.listZones().allSatisfy { $0.changeId == nil })
        let imported = try await harness.registry.importZone(try parsedFile())
        let importChange = try await harness.registry.change(id: try #require(imported.changeId))
        #expect(importChange.operation == "CREATE_ZONE" && importChange.zone == "example.org")
        #expect(importChange.serial == 2_024_010_101)
        await harness.finish()
    }

    @Test func theLimitsAreInclusive() async throws {
        let harness = try await Harness()
        var largest: [String: String] = [:]
        for index in 0..<49 { largest["key\(index)"] = "v" }
        largest[String(repeating: "k", count: 128)] = String(repeating: "v", count: 4096)
        let created = try await harness.registry.createZone(ZoneSpec(name: "ecs.internal", metadata: largest))
        #expect(created.metadata == largest)
        try await harness.reopen()
        #expect(try await harness.registry.zone(named: "ecs.internal").metadata == largest)
        await harness.finish()
    }

    static let tooMany = Dictionary(uniqueKeysWithValues: (0..<51).map { ("k\($0)", "v") })

    static let badMetadata: [([String: String], String, String)] = [
        (tooMany, "metadata", "metadata holds 51 keys; at most 50"),
        ([String(repeating: "k", count: 129): "v"], "metadata", "is 129 bytes; at most 128"),
        // Bytes, not characters: 65 two-byte characters.
        ([String(repeating: "é", count: 65): "v"], "metadata", "is 130 bytes; at most 128"),
        (["": "v"], "metadata", "a metadata key is empty"),
        (["big": String(repeating: "v", count: 4097)], "metadata.big", "is 4097 bytes; at most 4096"),
    ]

    @Test(arguments: badMetadata.indices)
    func refusesMetadataPastTheLimits(_ index: Int) async throws {
        let (metadata, field, message) = Self.badMetadata[index]
        let harness = try await Harness()
        let error = await registryError {
            _ = try await harness.registry.createZone(ZoneSpec(name: "ecs.internal", metadata: metadata))
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.field == field)
        #expect(error?.message.contains(message) == true)
        #expect(try await harness.registry.listZones().isEmpty)
        #expect(try await harness.registry.changes(zone: nil, limit: 10).isEmpty)
        await harness.finish()
    }
}
