import DNSWire
import HashTreeCollections

/// An immutable snapshot of one zone: RRsets by owner, with every name between the apex and
/// an owner present as a node, so empty non-terminals and closest enclosers are one lookup.
/// The nodes live in a persistent hash tree: a changed copy shares everything it did not
/// touch, so the next snapshot costs what the change touches, not the zone's size.
public struct Zone: Sendable {
    public let origin: DomainName
    public internal(set) var soa: SOAData
    public internal(set) var soaTTL: UInt32
    /// The number of records (not RRsets) the zone holds.
    public internal(set) var recordCount: Int
    var nodes: TreeDictionary<DomainName, ZoneNode>

    /// Builds a zone from records already validated (one SOA at `origin`, everything at or
    /// below it, no CNAME beside other data). Duplicates merge; an RRset keeps its first TTL.
    public init(origin: DomainName, records: [ResourceRecord]) {
        var grouped: [DomainName: [RRType: (owner: DomainName, ttl: UInt32, rdatas: [RData])]] = [:]
        var seen: Set<ResourceRecord> = []
        var count = 0
        for record in records where record.name.isSubdomain(of: origin) {
            // Duplicates by owner, type and data, whatever their TTL (RFC 2181 5).
            var key = record
            key.ttl = 0
            guard seen.insert(key).inserted else { continue }
            grouped[record.name, default: [:]][record.type, default: (record.name, record.ttl, [])].rdatas.append(
                record.rdata)
            count += 1
        }
        self.origin = origin
        self.nodes = [origin: ZoneNode()]
        self.recordCount = count
        self.soa = SOAData(primary: origin, mailbox: origin, serial: 0, refresh: 0, retry: 0, expire: 0, minimum: 0)
        self.soaTTL = 0
        for (name, sets) in grouped {
            ensureNode(name)
            for (type, set) in sets {
                nodes[name]!.rrsets[type] = RRSet(name: set.owner, type: type, ttl: set.ttl, rdatas: set.rdatas)
            }
        }
        let soaSet = nodes[origin]?.rrsets[.soa]
        guard case .soa(let soa)? = soaSet?.rdatas.first else {
            preconditionFailure("a zone is built only from records with an SOA at the apex")
        }
        self.soa = soa
        self.soaTTL = soaSet!.ttl
    }

    public var serial: UInt32 { soa.serial }

    public func rrset(_ name: DomainName, _ type: RRType) -> RRSet? {
        nodes[name]?.rrsets[type]
    }

    /// Every RRset of the zone, apex first, then in canonical name order.
    public var rrsets: [RRSet] {
        nodes.keys.sorted().flatMap { name in
            nodes[name]!.rrsets.values.sorted { $0.type.rawValue < $1.type.rawValue }
        }
    }

    /// The SOA as negative answers carry it: TTL min(SOA TTL, MINIMUM) (RFC 2308 3).
    var negativeSOA: RRSet {
        RRSet(name: origin, type: .soa, ttl: min(soaTTL, soa.minimum), rdatas: [.soa(soa)])
    }
}
