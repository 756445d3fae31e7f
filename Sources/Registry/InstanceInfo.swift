/// A registered instance and the records it makes.
public struct InstanceInfo: Codable, Sendable, Equatable {
    public var zone: String
    public var service: String
    public var id: String
    public var address: String
    public var port: Int?
    public var attributes: [String: String]
    public var lease: Int?
    public var ttl: UInt32
    /// ISO 8601 UTC; nil without a lease.
    public var expiresAt: String?
    public var registeredAt: String
    /// Master-file lines: `web.ecs.internal. 60 IN A 10.0.0.7`.
    public var records: [String]

    public init(
        zone: String, service: String, id: String, address: String, port: Int?, attributes: [String: String],
        lease: Int?, ttl: UInt32, expiresAt: String?, registeredAt: String, records: [String]
    ) {
        self.zone = zone
        self.service = service
        self.id = id
        self.address = address
        self.port = port
        self.attributes = attributes
        self.lease = lease
        self.ttl = ttl
        self.expiresAt = expiresAt
        self.registeredAt = registeredAt
        self.records = records
    }
}
