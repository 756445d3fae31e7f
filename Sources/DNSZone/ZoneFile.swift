import DNSWire

/// A parsed and validated master file: exactly one SOA at the apex, every owner inside the
/// zone, no CNAME beside other data, no duplicate records, one TTL per RRset.
public struct ZoneFile: Sendable {
    /// The zone's apex: the SOA owner.
    public let origin: DomainName
    /// The file the zone was read from (`<text>` for text).
    public let path: String
    private let soaData: SOAData
    /// The records as read (owners interned, RDATA in wire form, final TTLs), and their sets.
    let table: RecordTable
    let sets: SetTable

    init(origin: DomainName, table: RecordTable, sets: SetTable, soa: SOAData, path: String) {
        self.origin = origin
        self.table = table
        self.sets = sets
        self.soaData = soa
        self.path = path
    }

    /// In file order (after $INCLUDE expansion), SOA included; absolute names, class IN. Made
    /// afresh on each call: `Zone(_:)` builds from the compact form without them.
    public var records: [ResourceRecord] {
        (0..<Int32(table.rows.count)).filter(sets.isMember).map(table.record)
    }

    public var soa: SOAData { soaData }

    /// The records and their sets, handed over with the file.
    consuming func contents() -> (RecordTable, SetTable) {
        (table, sets)
    }
}
