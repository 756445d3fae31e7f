import DNSWire
import HashTreeCollections

/// An immutable snapshot of one zone: one node per name, holding its RRsets pre-rendered, with
/// every name between the apex and an owner present, so empty non-terminals and closest enclosers
/// are one lookup. Nodes are keyed by the `NameHash` of their name, so a query finds them straight
/// from its bytes. They live in persistent hash trees: a changed copy shares everything it did not
/// touch, so the next snapshot costs what the change touches, not the zone's size.
public struct Zone: Sendable {
    public let origin: DomainName
    public internal(set) var soa: SOAData
    public internal(set) var soaTTL: UInt32
    /// The number of records (not RRsets) the zone holds.
    public internal(set) var recordCount: Int
    /// Nodes by the hash of their name. A name whose hash another name holds there goes to
    /// `collided` instead (64-bit collisions: in practice never, but answers must stay right).
    var nodes: TreeDictionary<NameHash, ZoneNode>
    var collided: TreeDictionary<NameHash, [ZoneNode]>
    /// The block of each node in `nodes`, uncounted, for the fast path (kept with `nodes`).
    var nodeIndex = NodeIndex()
    /// NS sets below the apex. While there are none no name is under a zone cut, and answers
    /// skip looking for one.
    var delegationCount = 0
    /// Nodes whose first label is `*`. While there are none a missing name is plainly NXDOMAIN.
    var wildcardCount = 0
    /// The SOA's RDLENGTH and RDATA (names uncompressed), as negative answers copy it.
    var soaRecord: [UInt8] = []
    let originLabels: Int
    let originHash: NameHash

    /// Builds a zone from records already validated (one SOA at `origin`, everything at or
    /// below it, no CNAME beside other data). Duplicates merge; an RRset keeps its first TTL.
    public init(origin: DomainName, records: [ResourceRecord]) {
        var table = RecordTable()
        var sets = SetTable()
        for record in records where record.name.isSubdomain(of: origin) {
            let row = table.append(record)
            if let group = sets.add(row, of: table) { sets.accept(row, into: group, of: table) }
        }
        var builder = ZoneBuilder(origin: origin, table: table, sets: sets)
        self = builder.build()
    }

    /// The zone a parsed file holds. A file given up to it (not used afterwards) has its
    /// records freed as soon as the nodes are made.
    public init(_ file: consuming ZoneFile) {
        let origin = file.origin
        let (table, sets) = file.contents()
        var builder = ZoneBuilder(origin: origin, table: consume table, sets: consume sets)
        self = builder.build()
    }

    /// A zone with no nodes yet, for `ZoneBuilder` to fill.
    init(origin: DomainName, soa: SOAData, soaTTL: UInt32, recordCount: Int) {
        self.origin = origin
        self.originLabels = origin.labelCount
        self.originHash = NameHash(origin)
        self.soa = soa
        self.soaTTL = soaTTL
        self.recordCount = recordCount
        self.nodes = [:]
        self.collided = [:]
        self.soaRecord = Self.render(soa)
    }

    public var serial: UInt32 { soa.serial }

    public func rrset(_ name: DomainName, _ type: RRType) -> RRSet? {
        node(name)?.rrset(type)
    }

    /// Every RRset of the zone, apex first, then in canonical name order.
    public var rrsets: [RRSet] {
        allNodes.map { ($0.name, $0) }.sorted { $0.0 < $1.0 }.flatMap { $0.1.rrsets }
    }

    /// The SOA as negative answers carry it: TTL min(SOA TTL, MINIMUM) (RFC 2308 3).
    var negativeSOA: RRSet {
        RRSet(name: origin, type: .soa, ttl: negativeTTL, rdatas: [.soa(soa)])
    }

    var negativeTTL: UInt32 { min(soaTTL, soa.minimum) }

    /// RDLENGTH and RDATA of `soa`, names in full.
    static func render(_ soa: SOAData) -> [UInt8] {
        var bytes: [UInt8] = [0, 0]
        RData.soa(soa).appendUncompressed(to: &bytes)
        bytes[0] = UInt8((bytes.count - 2) >> 8)
        bytes[1] = UInt8(truncatingIfNeeded: bytes.count - 2)
        return bytes
    }
}
