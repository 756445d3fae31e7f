import DNSWire

/// The records of one owner and type, sharing a TTL (RFC 2181 5).
public struct RRSet: Hashable, Sendable {
    public let name: DomainName
    public let type: RRType
    public let ttl: UInt32
    public let rdatas: [RData]

    public init(name: DomainName, type: RRType, ttl: UInt32, rdatas: [RData]) {
        self.name = name
        self.type = type
        self.ttl = ttl
        self.rdatas = rdatas
    }

    public var records: [ResourceRecord] {
        rdatas.map { ResourceRecord(name: name, type: type, ttl: ttl, rdata: $0) }
    }
}
