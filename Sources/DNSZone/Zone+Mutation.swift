import DNSWire

/// Incremental changes, for zones written through the API: each costs the depth of the name and
/// the size of its node, not the size of the zone, and leaves the nodes, empty non-terminals and
/// counts as a fresh build would.
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
            soaRecord = Self.render(newSOA)
        }
        let hash = NameHash(name)
        let existing = node(hash, named: name)
        let previous = existing.flatMap { $0.has(type) ? $0.recordCount(type) : nil }
        let cut = type == .ns && name != origin
        if let rrset, rrset.recordCount > 0 {
            ensureNode(name)
            updateNode(hash, named: name) { $0 = $0.replacing(type, with: rrset) }
            recordCount += rrset.recordCount - (previous ?? 0)
            if cut && previous == nil { delegationCount += 1 }
        } else if let previous {
            updateNode(hash, named: name) { $0 = $0.replacing(type, with: nil) }
            recordCount -= previous
            if cut { delegationCount -= 1 }
            prune(name)
        }
    }

    public mutating func setSOA(_ soa: SOAData, ttl: UInt32) {
        replaceRRSet(name: origin, type: .soa, with: RRSet(name: origin, type: .soa, ttl: ttl, rdatas: [.soa(soa)]))
    }

    /// The RRsets at `name`, by type number.
    public func rrsets(at name: DomainName) -> [RRSet] {
        node(name)?.rrsets ?? []
    }

    /// Adds `name` and every missing node between it and the apex.
    mutating func ensureNode(_ name: DomainName) {
        var missing: [DomainName] = []
        var current = name
        while node(current) == nil, current != origin, let parent = current.parent {
            missing.append(current)
            current = parent
        }
        for added in missing.reversed() {
            insertNode(ZoneNode(name: added), hash: NameHash(added))
            if added.isWildcard { wildcardCount += 1 }
            let parent = added.parent!
            updateNode(NameHash(parent), named: parent) { $0.children += 1 }
        }
    }

    /// Removes `name` and then its ancestors while they hold nothing and have no children.
    mutating func prune(_ name: DomainName) {
        var current = name
        while current != origin, let node = node(current), node.isEmptyNonTerminal, node.children == 0,
            let parent = current.parent
        {
            removeNode(NameHash(current), named: current)
            if current.isWildcard { wildcardCount -= 1 }
            updateNode(NameHash(parent), named: parent) { $0.children -= 1 }
            current = parent
        }
    }
}
