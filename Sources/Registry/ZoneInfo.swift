/// A zone as the API shows it, managed or loaded from a file.
public struct ZoneInfo: Codable, Sendable, Equatable {
    /// Without the trailing dot, lower case: `ecs.internal`.
    public var name: String
    /// `managed` or `file`.
    public var kind: String
    public var serial: UInt32
    public var recordCount: Int
    public var nameServers: [String]
    public var soa: SOAInfo
    public var comment: String?
    /// ISO 8601 UTC; nil for file zones.
    public var createdAt: String?
    /// As given to `createZone`; empty for file zones.
    public var metadata: [String: String]
    /// Only in what `createZone` returns: the change that created the zone.
    public var changeId: String?

    public init(
        name: String, kind: String, serial: UInt32, recordCount: Int, nameServers: [String], soa: SOAInfo,
        comment: String?, createdAt: String?, metadata: [String: String] = [:], changeId: String? = nil
    ) {
        self.metadata = metadata
        self.changeId = changeId
        self.name = name
        self.kind = kind
        self.serial = serial
        self.recordCount = recordCount
        self.nameServers = nameServers
        self.soa = soa
        self.comment = comment
        self.createdAt = createdAt
    }
}

public struct SOAInfo: Codable, Sendable, Equatable {
    public var primary: String
    public var mailbox: String
    public var serial: UInt32
    public var refresh: UInt32
    public var retry: UInt32
    public var expire: UInt32
    public var minimum: UInt32
    public var ttl: UInt32

    public init(
        primary: String, mailbox: String, serial: UInt32, refresh: UInt32, retry: UInt32, expire: UInt32,
        minimum: UInt32, ttl: UInt32
    ) {
        self.primary = primary
        self.mailbox = mailbox
        self.serial = serial
        self.refresh = refresh
        self.retry = retry
        self.expire = expire
        self.minimum = minimum
        self.ttl = ttl
    }
}
