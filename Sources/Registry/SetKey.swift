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
    /// instances together, at the smaller TTL, without duplicate records.
    static func union(_ user: RRSet?, _ instance: RRSet?) -> RRSet? {
        guard let user else { return instance }
        guard let instance else { return user }
        var rdatas = user.rdatas
        var seen = Set(rdatas)
        for rdata in instance.rdatas where seen.insert(rdata).inserted { rdatas.append(rdata) }
        return RRSet(name: user.name, type: user.type, ttl: min(user.ttl, instance.ttl), rdatas: rdatas)
    }
}
