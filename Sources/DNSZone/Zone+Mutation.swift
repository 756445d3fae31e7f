import DNSWire

/// Incremental changes, for zones written through the API: each costs the depth of the name,
/// not the size of the zone, and leaves the nodes and empty non-terminals as a fresh build would.
extension Zone {
    /// An empty zone holding only its SOA.
    public init(origin: DomainName, soa: SOAData, soaTTL: UInt32) {
        self.init(origin: origin, records: [ResourceRecord(name: origin, type: .soa, ttl: soaTTL, rdata: .soa(soa))])
    }

    /// Replaces the RRset of `type` at `name` (which must be in the zone), or removes it when
    /// `rrset` is nil or holds nothing (no records, no alias). The apex SOA can be replaced,
    /// never removed. Policy and alias sets are stored as given and selected per answer.
    public mutating func replaceRRSet(name: DomainName, type: RRType, with rrset: RRSet?) {
        precondition(name.isSubdomain(of: origin), "\(name) is not in zone \(origin)")
        if type == .soa {
            guard name == origin, let rrset, case .soa(let newSOA)? = rrset.rdatas.first else { return }
            soa = newSOA
            soaTTL = rrset.ttl
        }
        let previous = nodes[name]?.rrsets[type]?.recordCount
        if let rrset, rrset.recordCount > 0 {
            ensureNode(name)
            nodes[name]!.rrsets[type] = rrset
            recordCount += rrset.recordCount - (previous ?? 0)
        } else if let previous {
            nodes[name]!.rrsets[type] = nil
            recordCount -= previous
            prune(name)
        }
    }

    public mutating func setSOA(_ soa: SOAData, ttl: UInt32) {
        replaceRRSet(name: origin, type: .soa, with: RRSet(name: origin, type: .soa, ttl: ttl, rdatas: [.soa(soa)]))
    }

    /// The RRsets at `name`, by type number.
    public func rrsets(at name: DomainName) -> [RRSet] {
        (nodes[name]?.rrsets.values).map { $0.sorted { $0.type.rawValue < $1.type.rawValue } } ?? []
    }

    /// Adds `name` and every missing node between it and the apex.
    mutating func ensureNode(_ name: DomainName) {
        var missing: [DomainName] = []
        var current = name
        while nodes[current] == nil, current != origin, let parent = current.parent {
            missing.append(current)
            current = parent
        }
        for added in missing.reversed() {
            nodes[added] = ZoneNode()
            nodes[added.parent!]!.children += 1
        }
    }

    /// Removes `name` and then its ancestors while they hold nothing and have no children.
    mutating func prune(_ name: DomainName) {
        var current = name
        while current != origin, let node = nodes[current], node.rrsets.isEmpty, node.children == 0,
            let parent = current.parent
        {
            nodes[current] = nil
            nodes[parent]!.children -= 1
            current = parent
        }
    }
}
