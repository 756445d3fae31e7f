import DNSWire
import HotPathMix
import Testing

@testable import DNSZone

/// A zone is built in one place from compact records: nodes rendered straight from RDATA bytes,
/// sets gathered by name entry. These hold it to the value-based forms it must agree with: each
/// block is what `ZoneNode(name:sets:)` makes of the node's sets, and a file's zone is the zone
/// of its records.
@Suite("Zone building: the compact path agrees with the value forms")
struct ZoneBuildAgreementTests {
    static let zones: [(label: String, zone: Zone)] = [
        ("test zone", TestZone.zone),
        ("service zone", AgreementZones.service),
        ("child zone", AgreementZones.child),
        (
            "generated zone",
            Zone(try! ZoneFileParser.parse(text: GeneratedZone.text(seed: 1), origin: GeneratedZone.origin))
        ),
    ]

    @Test func everyBlockIsWhatItsSetsMake() {
        for (label, zone) in Self.zones {
            for node in zone.allNodes {
                let remade = ZoneNode(name: node.name, sets: node.rrsets, children: node.children)
                #expect(node.block.bytes == remade.block.bytes, "\(label): \(node.name)")
                #expect(node.boxed == remade.boxed, "\(label): \(node.name)")
            }
            ZoneMutationTests.expectAddressesMatchNodes(zone)
        }
    }

    @Test(arguments: 1...8)
    func aFilesZoneIsTheZoneOfItsRecords(seed: UInt64) throws {
        let file = try ZoneFileParser.parse(text: GeneratedZone.text(seed: seed), origin: GeneratedZone.origin)
        let records = file.records
        Self.expectSame(Zone(file), Zone(origin: file.origin, records: records), "seed \(seed)")
        // Records given again in any order make the same sets, bar the order of their data.
        var generator = SplitMix64(seed: seed)
        let reordered = records.shuffled(using: &generator)
        let again = Zone(origin: file.origin, records: reordered)
        #expect(again.recordCount == records.count)
        for set in Zone(file).rrsets {
            let other = try #require(again.rrset(set.name, set.type), "seed \(seed): \(set.name) \(set.type)")
            #expect(Set(other.rdatas) == Set(set.rdatas), "seed \(seed): \(set.name) \(set.type)")
        }
    }

    @Test func dataWhoseWireFormDiffersIsBoxedAndMerged() throws {
        let odd = RData.unknown([1, 2, 3])
        let zone = Zone(
            origin: TestZone.origin,
            records: TestZone.records + [
                ResourceRecord(name: TestZone.name("odd"), type: .a, ttl: 60, rdata: odd),
                ResourceRecord(name: TestZone.name("ODD"), type: .a, ttl: 90, rdata: odd),
                ResourceRecord(name: TestZone.name("odd"), type: .a, ttl: 60, rdata: .a(IPv4Address(0x0A00_0001))),
                ResourceRecord(name: TestZone.name("odd"), type: .txt, ttl: 60, rdata: .txt([])),
            ])
        let set = try #require(zone.rrset(TestZone.name("odd"), .a))
        #expect(set.rdatas == [odd, .a(IPv4Address(0x0A00_0001))])
        #expect(set.ttl == 60)
        #expect(zone.rrset(TestZone.name("odd"), .txt)?.rdatas == [.txt([])])
        let node = try #require(zone.node(TestZone.name("odd")))
        #expect(node.boxed.map(\.type) == [.a, .txt])
        #expect(zone.recordCount == TestZone.records.count + 3)
        #expect(node.block.bytes == ZoneNode(name: node.name, sets: node.rrsets).block.bytes)
    }

    @Test func largeSetsDropDuplicatesWhateverTheCaseOfTheirNames() throws {
        let records = (0..<40).map { index in
            TestZone.record("big", .mx, "\(index % 10) \(index % 20 < 10 ? "mail" : "MAIL")\(index % 10)")
        }
        let zone = Zone(origin: TestZone.origin, records: TestZone.records + records)
        let set = try #require(zone.rrset(TestZone.name("big"), .mx))
        #expect(set.rdatas == records.prefix(10).map(\.rdata))
        #expect(zone.recordCount == TestZone.records.count + 10)
    }

    /// Node for node: the same names in the same case, blocks, children and counts.
    static func expectSame(_ zone: Zone, _ other: Zone, _ label: String) {
        func nodes(_ zone: Zone) -> [[UInt8]: (bytes: [UInt8], children: UInt32)] {
            Dictionary(uniqueKeysWithValues: zone.allNodes.map { ($0.name.wire, ($0.block.bytes, $0.children)) })
        }
        let mine = nodes(zone)
        let theirs = nodes(other)
        #expect(Set(mine.keys) == Set(theirs.keys), "\(label): node names")
        for (name, node) in mine {
            #expect(theirs[name]?.bytes == node.bytes, "\(label): block of \(name)")
            #expect(theirs[name]?.children == node.children, "\(label): children of \(name)")
        }
        #expect(zone.recordCount == other.recordCount, "\(label)")
        #expect(zone.delegationCount == other.delegationCount, "\(label)")
        #expect(zone.wildcardCount == other.wildcardCount, "\(label)")
        #expect(zone.soa == other.soa && zone.soaTTL == other.soaTTL, "\(label)")
        ZoneMutationTests.expectAddressesMatchNodes(zone)
    }
}
