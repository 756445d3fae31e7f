import DNSWire
import Testing

@testable import DNSZone

@Suite("Zone mutation: incremental snapshots")
struct ZoneMutationTests {
    static func rrset(_ owner: String, _ type: RRType, _ rdatas: [String], ttl: UInt32 = 60) -> RRSet {
        RRSet(
            name: TestZone.name(owner), type: type, ttl: ttl,
            rdatas: rdatas.map { TestZone.record(owner, type, $0).rdata })
    }

    /// What a fresh build from the same records would hold, node for node.
    static func expectSameAsFreshBuild(_ zone: Zone) {
        let fresh = Zone(origin: zone.origin, records: zone.rrsets.flatMap(\.records))
        func children(_ zone: Zone) -> [DomainName: UInt32] {
            Dictionary(uniqueKeysWithValues: zone.allNodes.map { ($0.name, $0.children) })
        }
        #expect(children(zone) == children(fresh))
        #expect(zone.recordCount == fresh.recordCount)
        #expect(zone.delegationCount == fresh.delegationCount)
        #expect(zone.wildcardCount == fresh.wildcardCount)
        expectAddressesMatchNodes(zone)
        expectAddressesMatchNodes(fresh)
    }

    /// The fast path finds nodes through `nodeIndex` alone: exactly one per node, at its block.
    static func expectAddressesMatchNodes(_ zone: Zone) {
        #expect(zone.nodeIndex.count == zone.nodes.count)
        for (hash, node) in zone.nodes {
            #expect(zone.nodeIndex[hash] == NodeAddress(node), "address of \(node.name)")
        }
    }

    @Test func addingCreatesEmptyNonTerminalsAndAnswers() {
        var zone = Zone(origin: TestZone.origin, soa: SOAData.example, soaTTL: 900)
        zone.replaceRRSet(name: TestZone.name("web.svc.deep"), type: .a, with: Self.rrset("web.svc.deep", .a, ["10.0.0.1"]))
        #expect(zone.answer(name: TestZone.name("web.svc.deep"), type: .a).answer.count == 1)
        #expect(zone.answer(name: TestZone.name("svc.deep"), type: .a).rcode == .noError)
        #expect(zone.recordCount == 2)
        Self.expectSameAsFreshBuild(zone)
    }

    @Test func removingPrunesEmptyAncestorsButKeepsSharedOnes() {
        var zone = TestZone.zone
        zone.replaceRRSet(name: TestZone.name("x.b.c"), type: .a, with: Self.rrset("x.b.c", .a, ["10.9.9.9"]))
        zone.replaceRRSet(name: TestZone.name("a.b.c"), type: .txt, with: nil)
        #expect(zone.answer(name: TestZone.name("a.b.c"), type: .txt).rcode == .nameError)
        #expect(zone.answer(name: TestZone.name("b.c"), type: .a).rcode == .noError)
        zone.replaceRRSet(name: TestZone.name("x.b.c"), type: .a, with: nil)
        #expect(zone.answer(name: TestZone.name("b.c"), type: .a).rcode == .nameError)
        #expect(zone.answer(name: TestZone.name("c"), type: .a).rcode == .nameError)
        Self.expectSameAsFreshBuild(zone)
    }

    @Test func copiesAreIndependentSnapshots() throws {
        let before = TestZone.zone
        var after = before
        after.replaceRRSet(name: TestZone.name("www"), type: .a, with: Self.rrset("www", .a, ["10.7.7.7"]))
        after.setSOA(SOAData.example, ttl: 30)
        #expect(before.answer(name: TestZone.name("www"), type: .a).answer.first?.rrset.rdatas.count == 3)
        #expect(after.answer(name: TestZone.name("www"), type: .a).answer.first?.rrset.rdatas.count == 1)
        #expect(after.serial == SOAData.example.serial)
        #expect(before.serial == 2_026_112_101)
        #expect(after.recordCount == before.recordCount - 2)
        Self.expectAddressesMatchNodes(before)
        Self.expectAddressesMatchNodes(after)
        // Each snapshot's fast path answers from its own blocks.
        let query = ResponderTests.query("www", .a)
        let beforeReply = try Message(decoding: #require(Responder(zones: ZoneSet([before])).respond(to: query)))
        let afterReply = try Message(decoding: #require(Responder(zones: ZoneSet([after])).respond(to: query)))
        #expect(beforeReply.answers.count == 3)
        #expect(afterReply.answers.count == 1)
    }

    @Test func removingTheSOAIsIgnored() {
        var zone = TestZone.zone
        zone.replaceRRSet(name: TestZone.origin, type: .soa, with: nil)
        #expect(zone.rrset(TestZone.origin, .soa) != nil)
    }

    @Test func manyChangesMatchAFreshBuild() {
        var zone = Zone(origin: TestZone.origin, soa: SOAData.example, soaTTL: 900)
        var generator = SplitMix64(seed: 42)
        var snapshots: [Zone] = []
        for step in 0..<2_000 {
            if step % 100 == 0 { snapshots.append(zone) }
            let label = "n\(generator.next() % 50).g\(generator.next() % 5)"
            if generator.next() % 3 == 0 {
                zone.replaceRRSet(name: TestZone.name(label), type: .a, with: nil)
            } else {
                zone.replaceRRSet(
                    name: TestZone.name(label), type: .a, with: Self.rrset(label, .a, ["10.0.\(step % 250).1"]))
            }
        }
        Self.expectSameAsFreshBuild(zone)
        // Later changes fold the node index into new tables; earlier snapshots keep their own.
        for snapshot in snapshots { Self.expectAddressesMatchNodes(snapshot) }
    }
}

extension SOAData {
    static let example = SOAData(
        primary: TestZone.name("ns1"), mailbox: TestZone.name("hostmaster"), serial: 7, refresh: 3600, retry: 600,
        expire: 86400, minimum: 60)
}
