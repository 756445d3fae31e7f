import DNSWire
import DNSZone

/// One line of a record set listing, with its place in DNS canonical order (RFC 4034 6.1). A
/// routing-policy group makes one line per choice, told apart by `identifier`.
struct ListingEntry: Sendable {
    enum Source: UInt8, Sendable {
        case api = 0
        case instance = 1
        case zone = 2

        var name: String {
            switch self {
            case .api: "api"
            case .instance: "instance"
            case .zone: "zone"
            }
        }
    }

    var sortKey: [UInt8]
    var key: SetKey
    var source: Source
    /// The choice's set identifier; nil for a simple set.
    var identifier: String?

    init(_ key: SetKey, _ source: Source, identifier: String? = nil) {
        self.sortKey = Listing.sortKey(key.name)
        self.key = key
        self.source = source
        self.identifier = identifier
    }

    /// Where the entry sits: compared as (canonical name, type number, source, identifier).
    var position: Listing.Position {
        Listing.Position(
            sortKey: sortKey, type: key.type.rawValue, source: source.rawValue,
            identifier: identifier.map { Array($0.utf8) })
    }
}

/// Listings in canonical order, paged by an opaque cursor naming the last entry returned.
enum Listing {
    struct Position: Comparable {
        var sortKey: [UInt8]
        var type: UInt16
        var source: UInt8
        /// UTF-8 of the set identifier, compared as bytes; nil (a simple set) first.
        var identifier: [UInt8]?

        static func < (lhs: Position, rhs: Position) -> Bool {
            if lhs.sortKey != rhs.sortKey { return lhs.sortKey.lexicographicallyPrecedes(rhs.sortKey) }
            if (lhs.type, lhs.source) != (rhs.type, rhs.source) {
                return (lhs.type, lhs.source) < (rhs.type, rhs.source)
            }
            switch (lhs.identifier, rhs.identifier) {
            case (nil, nil), (.some, nil): return false
            case (nil, .some): return true
            case (.some(let left), .some(let right)): return left.lexicographicallyPrecedes(right)
            }
        }
    }

    /// Bytes that compare (as plain bytes) the way names compare canonically: labels from the
    /// right, lower-cased, each ended by 0; octets 0 and 1 inside a label become 1,1 and 1,2 so
    /// the terminator stays the smallest byte.
    static func sortKey(_ name: DomainName) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(name.wire.count + 4)
        for label in name.labels.reversed() {
            for byte in label {
                let lower = byte &- 0x41 < 26 ? byte | 0x20 : byte
                if lower <= 1 {
                    key.append(1)
                    key.append(lower + 1)
                } else {
                    key.append(lower)
                }
            }
            key.append(0)
        }
        return key
    }

    static func sorted(_ entries: [ListingEntry]) -> [ListingEntry] {
        entries.sorted { $0.position < $1.position }
    }

    /// The entries one set makes: one, or one per choice of a group.
    static func entries(_ key: SetKey, _ rrset: RRSet, _ source: ListingEntry.Source) -> [ListingEntry] {
        guard rrset.policy != nil else { return [ListingEntry(key, source)] }
        return rrset.choices.map { ListingEntry(key, source, identifier: $0.identifier) }
    }

    /// Whether replacing `old` by `new` adds or removes entries (so a cached listing is stale).
    static func changesEntries(_ old: RRSet?, _ new: RRSet?) -> Bool {
        guard let old, let new else { return (old == nil) != (new == nil) }
        guard old.policy != nil || new.policy != nil else { return false }
        return old.policy != new.policy || old.choices.map(\.identifier) != new.choices.map(\.identifier)
    }

    /// Every set of a managed zone: its SOA, the sets written through changes, those instances make.
    static func entries(of zone: ManagedZone) -> [ListingEntry] {
        var entries = [ListingEntry(SetKey(zone.header.origin, .soa), .api)]
        entries.reserveCapacity(zone.sets.count + zone.instanceSets.count + 1)
        for (key, rrset) in zone.sets { entries += Self.entries(key, rrset, .api) }
        for (key, rrset) in zone.instanceSets { entries += Self.entries(key, rrset, .instance) }
        return sorted(entries)
    }

    static func entries(of zone: ManagedZone, at name: DomainName) -> [ListingEntry] {
        var entries: [ListingEntry] = []
        for rrset in zone.zone.rrsets(at: name) {
            let key = SetKey(name, rrset.type)
            if key.type == .soa && name == zone.header.origin { entries.append(ListingEntry(key, .api)) }
            if let user = zone.sets[key] { entries += Self.entries(key, user, .api) }
            if let made = zone.instanceSets[key] { entries += Self.entries(key, made, .instance) }
        }
        return sorted(entries)
    }

    static func entries(ofFile zone: Zone, at name: DomainName? = nil) -> [ListingEntry] {
        let sets = name.map { zone.rrsets(at: $0) } ?? zone.rrsets
        return sorted(sets.map { ListingEntry(SetKey(of: $0), .zone) })
    }

    /// The listing line of a simple set, or of the choice `identifier` of a group (nil when the
    /// group no longer holds it). `targetHealth`: see ManagedZone.
    static func render(
        _ rrset: RRSet, source: ListingEntry.Source, identifier: String? = nil, targetHealth: Set<String> = []
    ) -> RecordSetInfo? {
        let name = rrset.name.description
        let type = rrset.type.description
        guard let identifier, let policy = rrset.policy else {
            guard let target = rrset.alias else {
                return RecordSetInfo(
                    name: name, type: type, ttl: rrset.ttl, records: rrset.rdatas.map(\.description),
                    source: source.name)
            }
            return RecordSetInfo(
                name: name, type: type, ttl: 0, records: [], source: source.name,
                alias: AliasTarget(name: target.description, evaluateTargetHealth: targetHealth.contains("")))
        }
        guard let choice = rrset.choices.first(where: { $0.identifier == identifier }) else { return nil }
        return RecordSetInfo(
            name: name, type: type, ttl: choice.ttl, records: choice.rdatas.map(\.description), source: source.name,
            setIdentifier: identifier, weight: policy == .weighted ? choice.weight : nil,
            multiValue: policy == .multivalue ? true : nil,
            alias: choice.alias.map {
                AliasTarget(name: $0.description, evaluateTargetHealth: targetHealth.contains(identifier))
            }, healthy: choice.healthy)
    }

    /// Up to `limit` entries after `cursor` (of `type` when given); the cursor of the next
    /// page only when another entry follows.
    static func page(
        _ entries: [ListingEntry], type: RRType?, cursor: Position?, limit: Int,
        render: (ListingEntry) -> RecordSetInfo?
    ) -> RecordSetPage {
        var index = 0
        if let cursor {
            // First entry after the cursor: binary search, the entries being sorted.
            var high = entries.count
            while index < high {
                let middle = (index + high) / 2
                if cursor < entries[middle].position { high = middle } else { index = middle + 1 }
            }
        }
        var sets: [RecordSetInfo] = []
        var last: ListingEntry?
        while index < entries.count {
            let entry = entries[index]
            index += 1
            if let type, entry.key.type != type { continue }
            if sets.count == limit, let last {
                return RecordSetPage(recordSets: sets, nextCursor: encode(last.position))
            }
            guard let info = render(entry) else { continue }
            sets.append(info)
            last = entry
        }
        return RecordSetPage(recordSets: sets, nextCursor: nil)
    }
}
