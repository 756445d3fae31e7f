/// A service declared ahead of its instances (Cloud Map's CreateService): which records each
/// instance makes, at which TTLs, under which routing policy. Instances of a service that was
/// never declared make merged simple sets instead (A/AAAA and SRV at the service name).
public struct ServiceSpec: Codable, Sendable {
    /// One label: letters, digits, `-` and `_`.
    public var name: String
    /// `MULTIVALUE` or `WEIGHTED`.
    public var routingPolicy: String
    /// At least one; types A, AAAA, SRV and CNAME (CNAME alone, and only with WEIGHTED).
    public var records: [ServiceRecord]
    /// Stored and returned as given (Cloud Map's description, ids, health check config).
    public var metadata: [String: String]?

    public init(name: String, routingPolicy: String, records: [ServiceRecord], metadata: [String: String]? = nil) {
        self.name = name
        self.routingPolicy = routingPolicy
        self.records = records
        self.metadata = metadata
    }
}

/// One record type a declared service's instances make.
public struct ServiceRecord: Codable, Sendable, Equatable {
    public var type: String
    public var ttl: Int64

    public init(type: String, ttl: Int64) {
        self.type = type
        self.ttl = ttl
    }
}
