import DNSWire
import DNSZone

/// Routing-policy and alias sets for the tests, added to `TestZone.zone` through the same
/// `replaceRRSet` the registry uses.
enum PolicyZone {
    static func rdata(_ type: RRType, _ text: String) -> RData { TestZone.record("@", type, text).rdata }

    static func choice(
        _ identifier: String, weight: UInt32 = 1, healthy: Bool = true, ttl: UInt32 = 60, type: RRType = .a,
        _ values: [String]
    ) -> RecordChoice {
        RecordChoice(
            identifier: identifier, weight: weight, healthy: healthy, ttl: ttl, rdatas: values.map { rdata(type, $0) })
    }

    static func aliasChoice(
        _ identifier: String, weight: UInt32 = 1, healthy: Bool = true, to target: String
    ) -> RecordChoice {
        RecordChoice(
            identifier: identifier, weight: weight, healthy: healthy, ttl: 0, rdatas: [],
            alias: TestZone.name(target))
    }

    static func set(_ owner: String, type: RRType = .a, _ policy: RoutingPolicy, _ choices: [RecordChoice]) -> RRSet {
        RRSet(name: TestZone.name(owner), type: type, policy: policy, choices: choices)
    }

    static func alias(_ owner: String, type: RRType = .a, to target: String) -> RRSet {
        RRSet(name: TestZone.name(owner), type: type, alias: TestZone.name(target))
    }

    /// `TestZone.zone` with `sets` stored over whatever it held at their names and types.
    static func zone(_ sets: [RRSet]) -> Zone {
        var zone = TestZone.zone
        for set in sets { zone.replaceRRSet(name: set.name, type: set.type, with: set) }
        return zone
    }

    /// `count` answers to one question, drawn from one seeded generator so runs repeat.
    static func answers(_ zone: Zone, _ name: String, _ type: RRType, count: Int, seed: UInt64 = 4) -> [Answer] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in zone.answer(name: TestZone.name(name), type: type, random: &random) }
    }

    /// The identifier of the choice whose records (as a set) `rdatas` are, or nil.
    static func identify(_ rdatas: [RData], among choices: [RecordChoice]) -> String? {
        choices.first { Set($0.rdatas) == Set(rdatas) }?.identifier
    }

    /// How many times each choice answered `type` at `name` over `answers`.
    static func tally(_ answers: [Answer], among choices: [RecordChoice]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for answer in answers {
            let rdatas = answer.answer.last?.rrset.rdatas ?? []
            counts[identify(rdatas, among: choices) ?? "?", default: 0] += 1
        }
        return counts
    }
}
