/// A registered instance and the records it makes.
public struct InstanceInfo: Codable, Sendable, Equatable {
    public var zone: String
    public var service: String
    public var id: String
    /// IPv4 or IPv6; nil for an instance with only `ipv6` or a `cname`.
    public var address: String?
    public var ipv6: String?
    public var cname: String?
    public var port: Int?
    public var attributes: [String: String]
    public var lease: Int?
    public var ttl: UInt32
    /// ISO 8601 UTC; nil without a lease.
    public var expiresAt: String?
    public var registeredAt: String
    public var healthy: Bool
    /// Master-file lines: `web.ecs.internal. 60 IN A 10.0.0.7`.
    public var records: [String]

    public init(
        zone: String, service: String, id: String, address: String?, ipv6: String? = nil, cname: String? = nil,
        port: Int?, attributes: [String: String], lease: Int?, ttl: UInt32, expiresAt: String?, registeredAt: String,
        healthy: Bool = true, records: [String]
    ) {
        self.zone = zone
        self.service = service
        self.id = id
        self.address = address
        self.ipv6 = ipv6
        self.cname = cname
        self.port = port
        self.attributes = attributes
        self.lease = lease
        self.ttl = ttl
        self.expiresAt = expiresAt
        self.registeredAt = registeredAt
        self.healthy = healthy
        self.records = records
    }
}
