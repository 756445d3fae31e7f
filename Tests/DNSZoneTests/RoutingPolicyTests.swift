import DNSWire
import Testing

@testable import DNSZone

@Suite("Routing policies: weighted and multivalue selection per answer")
struct RoutingPolicyTests {
    static let weighted = [
        PolicyZone.choice("light", weight: 1, ttl: 30, ["10.1.0.1"]),
        PolicyZone.choice("heavy", weight: 3, ttl: 90, ["10.1.0.2", "10.1.0.3"]),
        PolicyZone.choice("off", weight: 0, ttl: 60, ["10.1.0.9"]),
    ]

    func tally(_ choices: [RecordChoice], policy: RoutingPolicy = .weighted, count: Int = 4_000) -> [String: Int] {
        let zone = PolicyZone.zone([PolicyZone.set("pool", policy, choices)])
        return PolicyZone.tally(PolicyZone.answers(zone, "pool", .a, count: count), among: choices)
    }

    @Test func weightedAnswersOneChoiceInProportionToWeight() {
        let zone = PolicyZone.zone([PolicyZone.set("pool", .weighted, Self.weighted)])
        let answers = PolicyZone.answers(zone, "pool", .a, count: 4_000)
        for answer in answers {
            #expect(answer.rcode == .noError)
            #expect(answer.answer.count == 1)
            let set = answer.answer[0].rrset
            let chosen = Self.weighted.first { Set($0.rdatas) == Set(set.rdatas) }
            #expect(chosen != nil, "one choice's records, whole")
            #expect(set.ttl == chosen?.ttl, "the chosen choice's TTL")
            #expect(answer.answer[0].owner == TestZone.name("pool"))
        }
        let counts = PolicyZone.tally(answers, among: Self.weighted)
        #expect((800...1_200).contains(counts["light", default: 0]))
        #expect((2_800...3_200).contains(counts["heavy", default: 0]))
        #expect(counts["off"] == nil, "weight 0 is never chosen beside a positive weight")
    }

    @Test func weightZeroChoicesShareUniformlyWhenNoHealthyWeightIsPositive() {
        let allZero = [
            PolicyZone.choice("a", weight: 0, ["10.1.1.1"]), PolicyZone.choice("b", weight: 0, ["10.1.1.2"]),
        ]
        let even = tally(allZero)
        #expect((1_700...2_300).contains(even["a", default: 0]))
        #expect((1_700...2_300).contains(even["b", default: 0]))
        let onlyZeroHealthy = [
            PolicyZone.choice("zero", weight: 0, ["10.1.1.1"]),
            PolicyZone.choice("sick", weight: 5, healthy: false, ["10.1.1.2"]),
        ]
        #expect(tally(onlyZeroHealthy, count: 500) == ["zero": 500])
    }

    @Test func unhealthyChoicesAreLeftOutWhileAnyIsHealthy() {
        let choices = [
            PolicyZone.choice("up", weight: 1, ["10.1.2.1"]),
            PolicyZone.choice("down", weight: 200, healthy: false, ["10.1.2.2"]),
        ]
        #expect(tally(choices, count: 500) == ["up": 500])
    }

    @Test func whenNoneIsHealthyAllAnswerByWeight() {
        let choices = [
            PolicyZone.choice("one", weight: 1, healthy: false, ["10.1.3.1"]),
            PolicyZone.choice("three", weight: 3, healthy: false, ["10.1.3.3"]),
        ]
        let counts = tally(choices)
        #expect((800...1_200).contains(counts["one", default: 0]))
        #expect((2_800...3_200).contains(counts["three", default: 0]))
        let zeros = [
            PolicyZone.choice("x", weight: 0, healthy: false, ["10.1.3.7"]),
            PolicyZone.choice("y", weight: 0, healthy: false, ["10.1.3.8"]),
        ]
        let even = tally(zeros)
        #expect((1_700...2_300).contains(even["x", default: 0]))
        #expect((1_700...2_300).contains(even["y", default: 0]))
    }

    @Test func theSameSeedGivesTheSameAnswers() {
        let zone = PolicyZone.zone([PolicyZone.set("pool", .weighted, Self.weighted)])
        let first = PolicyZone.answers(zone, "pool", .a, count: 50, seed: 9).map { $0.answer[0].rrset.rdatas }
        let again = PolicyZone.answers(zone, "pool", .a, count: 50, seed: 9).map { $0.answer[0].rrset.rdatas }
        #expect(first == again)
    }

    static let multivalue: [RecordChoice] =
        (1...12).map { PolicyZone.choice("up\($0)", ttl: UInt32(100 + $0), ["10.2.0.\($0)"]) }
        + (1...3).map { PolicyZone.choice("down\($0)", healthy: false, ttl: 5, ["10.2.9.\($0)"]) }

    @Test func multivalueAnswersAtMostEightHealthyRecordsWithTheSmallestTTLTaken() {
        let zone = PolicyZone.zone([PolicyZone.set("mv", .multivalue, Self.multivalue)])
        var seen: Set<RData> = []
        var orders: Set<[RData]> = []
        for answer in PolicyZone.answers(zone, "mv", .a, count: 300) {
            let set = answer.answer[0].rrset
            #expect(set.rdatas.count == 8)
            #expect(Set(set.rdatas).count == 8)
            let taken = Self.multivalue.filter { !Set($0.rdatas).isDisjoint(with: set.rdatas) }
            #expect(taken.allSatisfy { $0.healthy })
            #expect(set.ttl == taken.map(\.ttl).min())
            seen.formUnion(set.rdatas)
            orders.insert(set.rdatas)
        }
        #expect(seen.count == 12, "every healthy choice answers sometimes")
        #expect(orders.count > 100, "a fresh random draw per answer")
    }

    @Test func multivalueAnswersEveryChoiceWhenNoneIsHealthy() {
        let choices = (1...3).map {
            PolicyZone.choice("c\($0)", healthy: false, ttl: UInt32(10 * $0), ["10.2.1.\($0)"])
        }
        let zone = PolicyZone.zone([PolicyZone.set("mv", .multivalue, choices)])
        for answer in PolicyZone.answers(zone, "mv", .a, count: 50) {
            #expect(Set(answer.answer[0].rrset.rdatas) == Set(choices.flatMap(\.rdatas)))
            #expect(answer.answer[0].rrset.ttl == 10)
        }
    }

    @Test func multivalueStopsAtEightRecordsEvenInsideAChoice() {
        let choices = (1...3).map { group in
            PolicyZone.choice("g\(group)", ["10.3.\(group).1", "10.3.\(group).2", "10.3.\(group).3"])
        }
        let zone = PolicyZone.zone([PolicyZone.set("mv", .multivalue, choices)])
        for answer in PolicyZone.answers(zone, "mv", .a, count: 50) {
            #expect(answer.answer[0].rrset.rdatas.count == 8)
        }
    }

    @Test func simpleSetsAnswerAsTheyAreStored() {
        var random = SplitMix64(seed: 1)
        let answer = TestZone.zone.answer(name: TestZone.name("www"), type: .a, random: &random)
        #expect(answer.answer.first?.rrset == TestZone.zone.rrset(TestZone.name("www"), .a))
    }

    @Test func storedSetsStayUnselectedAndCountTheirRecords() {
        let pool = PolicyZone.set("pool", .weighted, Self.weighted + [PolicyZone.aliasChoice("via", to: "www")])
        var zone = PolicyZone.zone([pool])
        #expect(zone.rrset(TestZone.name("pool"), .a) == pool)
        #expect(zone.rrsets(at: TestZone.name("pool")) == [pool])
        #expect(zone.recordCount == TestZone.zone.recordCount + 4 + 1, "four records and one alias choice")
        zone.replaceRRSet(name: TestZone.name("pool"), type: .a, with: nil)
        #expect(zone.recordCount == TestZone.zone.recordCount)
        #expect(zone.answer(name: TestZone.name("pool"), type: .a).rcode == .nameError)
    }
}
