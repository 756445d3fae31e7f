import DNSWire
import Testing

@testable import DNSZone

@Suite("Aliases, CNAME groups, ANY and additional addresses under routing policies")
struct AliasTests {
    static let www = TestZone.zone.rrset(TestZone.name("www"), .a)!

    func answer(_ zone: Zone, _ name: String, _ type: RRType, seed: UInt64 = 3) -> Answer {
        var random = SplitMix64(seed: seed)
        return zone.answer(name: TestZone.name(name), type: type, random: &random)
    }

    func expectNoData(_ answer: Answer) {
        #expect(answer.rcode == .noError)
        #expect(answer.answer.isEmpty)
        #expect(answer.authority.map(\.rrset.type) == [.soa])
    }

    @Test func aSimpleAliasAnswersTheTargetsRecordsUnderTheQueriedName() {
        let zone = PolicyZone.zone([PolicyZone.alias("front", to: "www")])
        let result = answer(zone, "front", .a)
        #expect(result.answer.count == 1)
        #expect(result.answer[0].owner == TestZone.name("front"))
        #expect(result.answer[0].rrset.rdatas == Self.www.rdatas)
        #expect(result.answer[0].rrset.ttl == Self.www.ttl)
        #expect(zone.recordCount == TestZone.zone.recordCount + 1, "a simple alias counts as one record")
        #expect(zone.rrset(TestZone.name("front"), .a)?.alias == TestZone.name("www"))
        expectNoData(answer(zone, "front", .aaaa))
    }

    @Test func anAliasChoiceIsChosenLikeAnyOther() {
        let choices = [
            PolicyZone.aliasChoice("via-www", weight: 1, to: "www"),
            PolicyZone.choice("direct", weight: 1, ttl: 20, ["10.4.0.1"]),
        ]
        let zone = PolicyZone.zone([PolicyZone.set("mix", .weighted, choices)])
        var viaAlias = 0
        for result in PolicyZone.answers(zone, "mix", .a, count: 400) {
            let set = result.answer[0].rrset
            if set.rdatas == Self.www.rdatas {
                viaAlias += 1
                #expect(set.ttl == Self.www.ttl, "the target's TTL")
            } else {
                #expect(set.rdatas == choices[1].rdatas)
                #expect(set.ttl == 20)
            }
        }
        #expect((120...280).contains(viaAlias))
    }

    @Test func anAliasToAPolicySetIsSelectedThere() {
        let pool = [PolicyZone.choice("p", ["10.4.1.1"]), PolicyZone.choice("q", ["10.4.1.2"])]
        let zone = PolicyZone.zone([PolicyZone.set("pool", .weighted, pool), PolicyZone.alias("front", to: "pool")])
        let counts = PolicyZone.tally(PolicyZone.answers(zone, "front", .a, count: 400), among: pool)
        #expect(counts.keys.sorted() == ["p", "q"])
    }

    @Test func aliasChainsAreFollowedForEightHops() {
        // hop0 -> hop1 -> ... -> hop8 -> www: nine aliases to follow from hop0, eight from hop1.
        let chain = (0...8).map { PolicyZone.alias("hop\($0)", to: $0 == 8 ? "www" : "hop\($0 + 1)") }
        let zone = PolicyZone.zone(chain)
        #expect(answer(zone, "hop1", .a).answer.first?.rrset.rdatas == Self.www.rdatas)
        #expect(answer(zone, "hop1", .a).answer.first?.owner == TestZone.name("hop1"))
        expectNoData(answer(zone, "hop0", .a))
    }

    @Test func aliasLoopsAndMissingTargetsAreNoData() {
        let zone = PolicyZone.zone([
            PolicyZone.alias("loop-a", to: "loop-b"), PolicyZone.alias("loop-b", to: "loop-a"),
            PolicyZone.alias("nowhere", to: "missing"), PolicyZone.alias("wrong-type", type: .aaaa, to: "www"),
        ])
        expectNoData(answer(zone, "loop-a", .a))
        expectNoData(answer(zone, "nowhere", .a))
        expectNoData(answer(zone, "wrong-type", .aaaa))
    }

    @Test func multivalueSkipsAnAliasThatLeadsNowhere() {
        let choices = [PolicyZone.aliasChoice("gone", to: "missing"), PolicyZone.choice("here", ["10.4.2.1"])]
        let zone = PolicyZone.zone([PolicyZone.set("mv", .multivalue, choices)])
        #expect(answer(zone, "mv", .a).answer.first?.rrset.rdatas == choices[1].rdatas)
    }

    @Test func aliasesAmongManyChoicesShareOneBudget() {
        // Forty choices each aliasing their own set would branch forty ways per hop without it.
        let choices = (1...40).map { PolicyZone.aliasChoice("self\($0)", to: "spin") }
        let zone = PolicyZone.zone([PolicyZone.set("spin", .multivalue, choices)])
        expectNoData(answer(zone, "spin", .a))
    }

    @Test func aCNAMEAliasAnswersTheTargetsCNAMEAndTheChainGoesOn() {
        let zone = PolicyZone.zone([PolicyZone.alias("to-cname", type: .cname, to: "alias")])
        let result = answer(zone, "to-cname", .a)
        #expect(result.answer.map(\.owner) == [TestZone.name("to-cname"), TestZone.name("www")])
        #expect(result.answer.map(\.rrset.type) == [.cname, .a])
        #expect(result.answer[0].rrset.rdatas == [PolicyZone.rdata(.cname, "www")])
    }

    @Test func aCNAMEGroupChoosesOneTargetAndChasesIt() {
        let choices = [
            PolicyZone.choice("web", ttl: 40, type: .cname, ["web1"]),
            PolicyZone.choice("mail", ttl: 50, type: .cname, ["mail"]),
        ]
        let zone = PolicyZone.zone([PolicyZone.set("svc", type: .cname, .weighted, choices)])
        var targets: Set<DomainName> = []
        for result in PolicyZone.answers(zone, "svc", .a, count: 200) {
            #expect(result.answer.map(\.rrset.type) == [.cname, .a])
            #expect(result.answer[0].rrset.rdatas.count == 1)
            guard case .cname(let target) = result.answer[0].rrset.rdatas[0] else { continue }
            #expect(result.answer[1].owner == target)
            #expect(result.answer[0].rrset.ttl == (target == TestZone.name("web1") ? 40 : 50))
            targets.insert(target)
        }
        #expect(targets == [TestZone.name("web1"), TestZone.name("mail")])
        #expect(answer(zone, "svc", .cname).answer.map(\.rrset.rdatas.count) == [1])
    }

    @Test func anyAnswersEachSetSelected() {
        let choices = [PolicyZone.choice("a", ["10.5.0.1"]), PolicyZone.choice("b", ["10.5.0.2"])]
        let zone = PolicyZone.zone([
            PolicyZone.set("www", .weighted, choices), PolicyZone.alias("www", type: .aaaa, to: "ns1"),
            PolicyZone.alias("www", type: .txt, to: "missing"),
        ])
        var chosen: Set<[RData]> = []
        for result in PolicyZone.answers(zone, "www", .any, count: 100) {
            #expect(result.answer.map(\.rrset.type) == [.a, .aaaa], "the dangling TXT alias is left out")
            #expect(result.answer[0].rrset.rdatas.count == 1)
            #expect(result.answer[1].rrset.rdatas == [PolicyZone.rdata(.aaaa, "fd00::53")])
            chosen.insert(result.answer[0].rrset.rdatas)
        }
        #expect(chosen.count == 2)
    }

    @Test func additionalAddressesAreSelectedToo() {
        let choices = [PolicyZone.choice("a", ["10.6.0.1"]), PolicyZone.choice("b", ["10.6.0.2", "10.6.0.3"])]
        let zone = PolicyZone.zone([
            PolicyZone.set("web1", .weighted, choices), PolicyZone.alias("mail", to: "www"),
        ])
        var seen: Set<String> = []
        for result in PolicyZone.answers(zone, "_http._tcp", .srv, count: 100) {
            #expect(result.additional.map(\.rrset.name) == [TestZone.name("web1")])
            seen.insert(PolicyZone.identify(result.additional[0].rrset.rdatas, among: choices) ?? "?")
        }
        #expect(seen == ["a", "b"])
        let mx = answer(zone, "@", .mx)
        #expect(mx.additional.map(\.rrset.name) == [TestZone.name("mail")])
        #expect(mx.additional.first?.rrset.rdatas == Self.www.rdatas)
    }

    @Test func aWildcardPolicySetAnswersUnderTheQueryName() {
        let choices = [PolicyZone.choice("a", ["10.7.0.1"]), PolicyZone.choice("b", ["10.7.0.2"])]
        let zone = PolicyZone.zone([PolicyZone.set("*.wild", .weighted, choices)])
        let result = answer(zone, "x.wild", .a)
        #expect(result.answer.first?.owner == TestZone.name("x.wild"))
        #expect(result.answer.first?.rrset.rdatas.count == 1)
    }

    @Test func anEmptySetStillRemoves() {
        var zone = PolicyZone.zone([PolicyZone.alias("front", to: "www")])
        zone.replaceRRSet(
            name: TestZone.name("front"), type: .a,
            with: RRSet(name: TestZone.name("front"), type: .a, ttl: 1, rdatas: []))
        #expect(zone.rrset(TestZone.name("front"), .a) == nil)
        #expect(zone.recordCount == TestZone.zone.recordCount)
    }
}
