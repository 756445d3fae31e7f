import DNSWire
import Testing

@testable import DNSZone

@Suite("Zone lookup (RFC 1034 4.3.2, RFC 2308, RFC 4592)")
struct ZoneLookupTests {
    let zone = TestZone.zone

    func answer(_ name: String, _ type: RRType) -> Answer { zone.answer(name: TestZone.name(name), type: type) }

    @Test func exactMatchIsAuthoritative() {
        let result = answer("www", .a)
        #expect(result.rcode == .noError)
        #expect(result.authoritative)
        #expect(result.answer.map(\.rrset.rdatas.count) == [3])
        #expect(result.authority.isEmpty)
    }

    @Test func countsRecordsNotRRsets() {
        #expect(zone.recordCount == TestZone.records.count)
    }

    @Test func cnameChainIsFollowedInsideTheZone() {
        let result = answer("chain1", .a)
        #expect(result.answer.map(\.rrset.type) == [.cname, .cname, .a])
        #expect(result.answer.map(\.owner) == [TestZone.name("chain1"), TestZone.name("chain2"), TestZone.name("www")])
    }

    @Test func cnameLoopStops() {
        let result = answer("loop1", .a)
        #expect(result.rcode == .noError)
        #expect(result.answer.map(\.rrset.type) == [.cname, .cname])
    }

    @Test func cnameOutOfZoneStopsAtTheCNAME() {
        let result = answer("outside", .a)
        #expect(result.answer.map(\.rrset.type) == [.cname])
        #expect(result.authority.isEmpty)
    }

    @Test func cnameToMissingNameIsNXDomainWithTheChain() {
        let result = answer("dangling", .a)
        #expect(result.rcode == .nameError)
        #expect(result.answer.map(\.rrset.type) == [.cname])
        #expect(result.authority.map(\.rrset.type) == [.soa])
    }

    @Test func cnameQueryReturnsTheCNAMEOnly() {
        #expect(answer("chain1", .cname).answer.map(\.rrset.type) == [.cname])
    }

    @Test func nxdomainCarriesSOAWithMinimumTTL() {
        let result = answer("nothere", .a)
        #expect(result.rcode == .nameError)
        #expect(result.answer.isEmpty)
        #expect(result.authority.map(\.rrset.type) == [.soa])
        #expect(result.authority.first?.rrset.ttl == 60)
    }

    @Test func noDataCarriesSOA() {
        let result = answer("www", .aaaa)
        #expect(result.rcode == .noError)
        #expect(result.answer.isEmpty)
        #expect(result.authority.first?.rrset.ttl == 60)
    }

    @Test(arguments: ["b.c", "c"])
    func emptyNonTerminalIsNoData(_ name: String) {
        let result = answer(name, .a)
        #expect(result.rcode == .noError)
        #expect(result.answer.isEmpty)
        #expect(result.authority.map(\.rrset.type) == [.soa])
    }

    @Test func wildcardSynthesisesWithTheQueryName() {
        let result = answer("anything.wild", .a)
        #expect(result.rcode == .noError)
        #expect(result.answer.first?.owner == TestZone.name("anything.wild"))
        #expect(result.answer.first?.rrset.rdatas == [.a(IPv4Address("10.0.9.9")!)])
        #expect(answer("deeper.anything.wild", .txt).answer.count == 1)
    }

    @Test func wildcardNoDataForMissingType() {
        let result = answer("x.wild", .aaaa)
        #expect(result.rcode == .noError)
        #expect(result.answer.isEmpty)
        #expect(result.authority.count == 1)
    }

    @Test func wildcardDoesNotCoverExistingNames() {
        // `wild` itself exists as an empty non-terminal, so it is NODATA, not synthesised.
        #expect(answer("wild", .a).answer.isEmpty)
        #expect(answer("wild", .a).rcode == .noError)
    }

    @Test func delegationGivesReferralWithGlue() {
        for name in ["sub", "host.sub", "ns.sub"] {
            let result = answer(name, .a)
            #expect(!result.authoritative)
            #expect(result.rcode == .noError)
            #expect(result.answer.isEmpty)
            #expect(result.authority.map(\.rrset.type) == [.ns])
            #expect(result.additional.map(\.rrset.name) == [TestZone.name("ns.sub")])
        }
    }

    @Test func additionalAddressesForSRVAndMX() {
        let srv = answer("_http._tcp", .srv)
        #expect(srv.additional.map(\.rrset.name) == [TestZone.name("web1")])
        let mx = answer("@", .mx)
        #expect(mx.additional.map(\.rrset.name) == [TestZone.name("mail")])
        let ns = answer("@", .ns)
        #expect(ns.additional.map(\.rrset.type) == [.a, .aaaa])
    }

    @Test func anyReturnsEveryRRset() {
        let result = answer("@", .any)
        #expect(Set(result.answer.map(\.rrset.type)) == [.soa, .ns, .mx])
    }

    @Test func lookupIgnoresCase() {
        #expect(answer("WwW", .a).answer.count == 1)
    }

    @Test func zoneSetFindsTheDeepestZone() {
        let child = Zone(
            origin: TestZone.name("sub"),
            records: [
                ResourceRecord(
                    name: TestZone.name("sub"), type: .soa, ttl: 60,
                    rdata: .soa(
                        SOAData(
                            primary: TestZone.name("ns.sub"), mailbox: TestZone.name("h.sub"), serial: 1, refresh: 1,
                            retry: 1, expire: 1, minimum: 1)))
            ])
        let set = ZoneSet([zone, child])
        #expect(set.zone(for: TestZone.name("a.sub"))?.origin == TestZone.name("sub"))
        #expect(set.zone(for: TestZone.name("www"))?.origin == TestZone.origin)
        #expect(set.zone(for: try! DomainName(parsing: "example.net.")) == nil)
    }
}
