/// A declared service as the APIs show it.
public struct ServiceInfo: Codable, Sendable, Equatable {
    public var zone: String
    public var name: String
    public var routingPolicy: String
    public var records: [ServiceRecord]
    public var metadata: [String: String]
    public var instanceCount: Int
    /// ISO 8601 UTC.
    public var createdAt: String

    public init(
        zone: String, name: String, routingPolicy: String, records: [ServiceRecord], metadata: [String: String],
        instanceCount: Int, createdAt: String
    ) {
        self.zone = zone
        self.name = name
        self.routingPolicy = routingPolicy
        self.records = records
        self.metadata = metadata
        self.instanceCount = instanceCount
        self.createdAt = createdAt
    }
}
