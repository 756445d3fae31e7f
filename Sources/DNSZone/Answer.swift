import DNSWire

/// What a lookup decided, before any bytes: the encoder adds the header, EDNS and truncation.
public struct Answer: Sendable {
    /// An RRset placed in a section, under the owner name to write (a wildcard's answer
    /// carries the query name, not `*`).
    public struct Entry: Sendable {
        public let owner: DomainName
        public let rrset: RRSet

        public init(owner: DomainName, rrset: RRSet) {
            self.owner = owner
            self.rrset = rrset
        }

        init(_ rrset: RRSet) { self.init(owner: rrset.name, rrset: rrset) }
    }

    public var rcode: ResponseCode = .noError
    public var authoritative = true
    public var answer: [Entry] = []
    public var authority: [Entry] = []
    public var additional: [Entry] = []

    public init() {}

    /// A non-authoritative answer with only a response code.
    public static func error(_ rcode: ResponseCode) -> Answer {
        var answer = Answer()
        answer.rcode = rcode
        answer.authoritative = false
        return answer
    }

    public static func refused() -> Answer { .error(.refused) }
}
