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
    var addresses: TreeDictionary<NameHash, NodeAddress>
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
        var grouped: [DomainName: [RecordGroup]] = [:]
        var count = 0
        for record in records where record.name.isSubdomain(of: origin) {
            if RecordGroup.add(record, to: &grouped[record.name, default: []]) { count += 1 }
        }
        guard let soaGroup = grouped[origin]?.first(where: { $0.type == .soa }),
            case .soa(let soa)? = soaGroup.rdatas.first
        else { preconditionFailure("a zone is built only from records with an SOA at the apex") }
        self.origin = origin
        self.originLabels = origin.labelCount
        self.originHash = NameHash(origin)
        self.soa = soa
        self.soaTTL = soaGroup.ttl
        self.recordCount = count
        let apex = ZoneNode(name: origin)
        self.nodes = [NameHash(origin): apex]
        self.addresses = [NameHash(origin): NodeAddress(apex)]
        self.collided = [:]
        self.soaRecord = Self.render(soa)
        for (name, groups) in grouped {
            ensureNode(name)
            let sets = groups.map { RRSet(name: name, type: $0.type, ttl: $0.ttl, rdatas: $0.rdatas) }
            updateNode(NameHash(name), named: name) { $0 = ZoneNode(name: name, sets: sets, children: $0.children) }
            if name != origin && groups.contains(where: { $0.type == .ns }) { delegationCount += 1 }
        }
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
