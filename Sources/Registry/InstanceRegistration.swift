/// What registering an instance gives: its addresses or a CNAME target, an optional port
/// (SRV), a lease in seconds (none: no expiry), the TTL of the records it makes (default 60;
/// a service created with `createService` sets its own TTLs) and its initial health.
public struct InstanceRegistration: Codable, Sendable {
    /// IPv4 or IPv6. Required unless `ipv6` or `cname` is given.
    public var address: String?
    /// An IPv6 address beside an IPv4 `address` (Cloud Map's AWS_INSTANCE_IPV6).
    public var ipv6: String?
    /// A domain name, for services whose records include CNAME.
    public var cname: String?
    public var port: Int64?
    public var attributes: [String: String]?
    public var lease: Int64?
    public var ttl: Int64?
    /// Default true. An unhealthy instance is left out of DNS answers unless all are unhealthy.
    public var healthy: Bool?

    public init(
        address: String? = nil, ipv6: String? = nil, cname: String? = nil, port: Int64? = nil,
        attributes: [String: String]? = nil, lease: Int64? = nil, ttl: Int64? = nil, healthy: Bool? = nil
    ) {
        self.address = address
        self.ipv6 = ipv6
        self.cname = cname
        self.port = port
        self.attributes = attributes
        self.lease = lease
        self.ttl = ttl
        self.healthy = healthy
    }
}

public struct InstanceRegistrationResult: Sendable {
    public var instance: InstanceInfo
    public var change: ChangeInfo
    /// False when an instance with this id was replaced.
    public var created: Bool

    public init(instance: InstanceInfo, change: ChangeInfo, created: Bool) {
        self.instance = instance
        self.change = change
        self.created = created
    }
}
