import DNSWire

/// The records of one owner and type, sharing a TTL (RFC 2181 5). Under a routing policy it
/// holds identified choices and DNS answers a selection of them; `rdatas` is then every
/// choice's records together (for listings, counts and transfers) at the smallest TTL.
public struct RRSet: Hashable, Sendable {
    public let name: DomainName
    public let type: RRType
    public let ttl: UInt32
    public let rdatas: [RData]
    /// Nil for a simple set.
    public let policy: RoutingPolicy?
    /// Non-empty exactly when `policy` is set.
    public let choices: [RecordChoice]
    /// A simple alias set: no records of its own, answers those of `alias` (same zone, same type).
    public let alias: DomainName?

    public init(name: DomainName, type: RRType, ttl: UInt32, rdatas: [RData]) {
        self.name = name
        self.type = type
        self.ttl = ttl
        self.rdatas = rdatas
        self.policy = nil
        self.choices = []
        self.alias = nil
    }

    /// A set under a routing policy; `choices` must not be empty.
    public init(name: DomainName, type: RRType, policy: RoutingPolicy, choices: [RecordChoice]) {
        precondition(!choices.isEmpty, "a routing policy needs at least one choice")
        self.name = name
        self.type = type
        self.policy = policy
        self.choices = choices
        self.alias = nil
        self.ttl = choices.map(\.ttl).min() ?? 0
        var seen: Set<RData> = []
        self.rdatas = choices.flatMap(\.rdatas).filter { seen.insert($0).inserted }
    }

    /// A simple alias to the set of the same type at `target`.
    public init(name: DomainName, type: RRType, alias target: DomainName) {
        self.name = name
        self.type = type
        self.ttl = 0
        self.rdatas = []
        self.policy = nil
        self.choices = []
        self.alias = target
    }

    /// True when DNS answers a selection or another name's records rather than `rdatas` as they are.
    public var isDynamic: Bool { policy != nil || alias != nil }

    /// What the set adds to a zone's record count: its records, plus one for each alias
    /// (a simple alias set, or each alias choice), which holds none.
    public var recordCount: Int {
        rdatas.count + (alias == nil ? 0 : 1) + choices.reduce(0) { $0 + ($1.alias == nil ? 0 : 1) }
    }

    public var records: [ResourceRecord] {
        rdatas.map { ResourceRecord(name: name, type: type, ttl: ttl, rdata: $0) }
    }
}
