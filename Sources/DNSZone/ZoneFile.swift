import DNSWire

/// A parsed and validated master file: exactly one SOA at the apex, every owner inside the
/// zone, no CNAME beside other data, no duplicate records, one TTL per RRset.
public struct ZoneFile: Sendable {
    /// The zone's apex: the SOA owner.
    public let origin: DomainName
    /// In file order (after $INCLUDE expansion), SOA included; absolute names, class IN.
    public let records: [ResourceRecord]
    /// The file the zone was read from (`<text>` for text).
    public let path: String
    private let soaData: SOAData

    init(origin: DomainName, records: [ResourceRecord], soa: SOAData, path: String) {
        self.origin = origin
        self.records = records
        self.soaData = soa
        self.path = path
    }

    public var soa: SOAData { soaData }
}
