/// The RDATA of an SOA record (RFC 1035 3.3.13).
public struct SOAData: Hashable, Sendable {
    public var primary: DomainName
    public var mailbox: DomainName
    public var serial: UInt32
    public var refresh: UInt32
    public var retry: UInt32
    public var expire: UInt32
    /// The negative-caching TTL (RFC 2308).
    public var minimum: UInt32

    public init(
        primary: DomainName, mailbox: DomainName, serial: UInt32, refresh: UInt32, retry: UInt32,
        expire: UInt32, minimum: UInt32
    ) {
        self.primary = primary
        self.mailbox = mailbox
        self.serial = serial
        self.refresh = refresh
        self.retry = retry
        self.expire = expire
        self.minimum = minimum
    }
}
