import DNSWire

/// One identified record set among those sharing a name and type under a routing policy, or
/// an alias standing in for the records of another name of the same zone.
public struct RecordChoice: Hashable, Sendable {
    /// Route 53's SetIdentifier; unique within the name and type.
    public let identifier: String
    /// 0...255; used by the weighted policy only.
    public let weight: UInt32
    public let healthy: Bool
    public let ttl: UInt32
    /// Empty when `alias` is set.
    public let rdatas: [RData]
    /// Answer the records of this type at that name (same zone) instead.
    public let alias: DomainName?

    public init(
        identifier: String, weight: UInt32 = 1, healthy: Bool = true, ttl: UInt32, rdatas: [RData],
        alias: DomainName? = nil
    ) {
        self.identifier = identifier
        self.weight = weight
        self.healthy = healthy
        self.ttl = ttl
        self.rdatas = rdatas
        self.alias = alias
    }
}
