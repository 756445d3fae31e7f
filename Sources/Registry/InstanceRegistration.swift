/// What registering an instance gives: its address, an optional port (SRV), a lease in seconds
/// (none: no expiry) and the TTL of the records it makes (default 60).
public struct InstanceRegistration: Codable, Sendable {
    public var address: String
    public var port: Int64?
    public var attributes: [String: String]?
    public var lease: Int64?
    public var ttl: Int64?

    public init(
        address: String, port: Int64? = nil, attributes: [String: String]? = nil, lease: Int64? = nil,
        ttl: Int64? = nil
    ) {
        self.address = address
        self.port = port
        self.attributes = attributes
        self.lease = lease
        self.ttl = ttl
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
