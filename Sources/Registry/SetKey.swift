import DNSWire
import DNSZone

/// Owner and type of one record set; the name compares without regard to ASCII case.
struct SetKey: Hashable, Sendable, Comparable {
    var name: DomainName
    var type: RRType

    init(_ name: DomainName, _ type: RRType) {
        self.name = name
        self.type = type
    }

    init(of rrset: RRSet) { self.init(rrset.name, rrset.type) }

    static func < (lhs: SetKey, rhs: SetKey) -> Bool {
        lhs.name == rhs.name ? lhs.type.rawValue < rhs.type.rawValue : lhs.name < rhs.name
    }
}

extension RRSet {
    /// What DNS answers at one name and type: sets written through changes and sets made by
    /// instances together. Two simple sets merge at the smaller TTL, without duplicate records;
    /// two groups of one policy make one group of every choice (the api's first, identifiers
    /// as they are, even when both sides use one). Sets of different kinds (simple, alias,
    /// weighted, multivalue) do not mix: the api's set answers alone, what an operator wrote
    /// winning over what instances make.
    static func union(_ user: RRSet?, _ instance: RRSet?) -> RRSet? {
        guard let user else { return instance }
        guard let instance else { return user }
        if user.isDynamic || instance.isDynamic {
            guard let policy = user.policy, instance.policy == policy else { return user }
            return RRSet(name: user.name, type: user.type, policy: policy, choices: user.choices + instance.choices)
        }
        var rdatas = user.rdatas
        var seen = Set(rdatas)
        for rdata in instance.rdatas where seen.insert(rdata).inserted { rdatas.append(rdata) }
        return RRSet(name: user.name, type: user.type, ttl: min(user.ttl, instance.ttl), rdatas: rdatas)
    }
}
