/// What `createZone` is given. Integers are Int64 so an out-of-range value gets a precise
/// error instead of a JSON decoding failure.
public struct ZoneSpec: Codable, Sendable {
    public var name: String
    public var soa: SOASpec?
    public var nameServers: [String]?
    public var comment: String?
    /// Stored with the zone and returned as given; the registry does not read it. The AWS
    /// APIs keep their own fields here (a caller reference, VPCs, a namespace's description).
    public var metadata: [String: String]?

    public init(
        name: String, soa: SOASpec? = nil, nameServers: [String]? = nil, comment: String? = nil,
        metadata: [String: String]? = nil
    ) {
        self.name = name
        self.soa = soa
        self.nameServers = nameServers
        self.comment = comment
        self.metadata = metadata
    }
}

/// SOA fields to override; each nil keeps the default.
public struct SOASpec: Codable, Sendable {
    public var primary: String?
    public var mailbox: String?
    public var refresh: Int64?
    public var retry: Int64?
    public var expire: Int64?
    public var minimum: Int64?
    public var ttl: Int64?

    public init(
        primary: String? = nil, mailbox: String? = nil, refresh: Int64? = nil, retry: Int64? = nil,
        expire: Int64? = nil, minimum: Int64? = nil, ttl: Int64? = nil
    ) {
        self.primary = primary
        self.mailbox = mailbox
        self.refresh = refresh
        self.retry = retry
        self.expire = expire
        self.minimum = minimum
        self.ttl = ttl
    }
}
