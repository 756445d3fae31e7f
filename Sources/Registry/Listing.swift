import DNSWire
import DNSZone

/// One line of a record set listing, with its place in DNS canonical order (RFC 4034 6.1).
struct ListingEntry: Sendable {
    enum Source: UInt8, Sendable {
        case api = 0, instance = 1, zone = 2

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

    init(_ key: SetKey, _ source: Source) {
        self.sortKey = Listing.sortKey(key.name)
        self.key = key
        self.source = source
    }

    /// Where the entry sits: compared as (canonical name, type number, source).
    var position: Listing.Position { Listing.Position(sortKey: sortKey, type: key.type.rawValue, source: source.rawValue) }
}

/// Listings in canonical order, paged by an opaque cursor naming the last entry returned.
enum Listing {
    struct Position: Comparable {
        var sortKey: [UInt8]
        var type: UInt16
        var source: UInt8

        static func < (lhs: Position, rhs: Position) -> Bool {
            if lhs.sortKey != rhs.sortKey { return lhs.sortKey.lexicographicallyPrecedes(rhs.sortKey) }
            return (lhs.type, lhs.source) < (rhs.type, rhs.source)
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

    /// Every set of a managed zone: its SOA, the sets written through changes, those instances make.
    static func entries(of zone: ManagedZone) -> [ListingEntry] {
        var entries = [ListingEntry(SetKey(zone.header.origin, .soa), .api)]
        entries.reserveCapacity(zone.sets.count + zone.instanceSets.count + 1)
        for key in zone.sets.keys { entries.append(ListingEntry(key, .api)) }
        for key in zone.instanceSets.keys { entries.append(ListingEntry(key, .instance)) }
        return sorted(entries)
    }

    static func entries(of zone: ManagedZone, at name: DomainName) -> [ListingEntry] {
        var entries: [ListingEntry] = []
        for rrset in zone.zone.rrsets(at: name) {
            let key = SetKey(name, rrset.type)
            if zone.sets[key] != nil || (key.type == .soa && name == zone.header.origin) {
                entries.append(ListingEntry(key, .api))
            }
            if zone.instanceSets[key] != nil { entries.append(ListingEntry(key, .instance)) }
        }
        return entries
    }

    static func entries(ofFile zone: Zone, at name: DomainName? = nil) -> [ListingEntry] {
        let sets = name.map { zone.rrsets(at: $0) } ?? zone.rrsets
        return sorted(sets.map { ListingEntry(SetKey(of: $0), .zone) })
    }

    static func render(_ rrset: RRSet, source: ListingEntry.Source) -> RecordSetInfo {
        RecordSetInfo(
            name: rrset.name.description, type: rrset.type.description, ttl: rrset.ttl,
            records: rrset.rdatas.map(\.description), source: source.name)
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
            if sets.count == limit, let last { return RecordSetPage(recordSets: sets, nextCursor: encode(last.position)) }
            guard let info = render(entry) else { continue }
            sets.append(info)
            last = entry
        }
        return RecordSetPage(recordSets: sets, nextCursor: nil)
    }

    static func encode(_ position: Position) -> String {
        let hex = position.sortKey.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        return "\(hex).\(position.type).\(position.source)"
    }

    static func decode(_ cursor: String) throws(RegistryError) -> Position {
        let parts = cursor.split(separator: ".", omittingEmptySubsequences: false)
        let bad = RegistryError(.invalidRequest, field: "cursor", "cursor '\(cursor)' was not returned by this API")
        guard parts.count == 3, parts[0].count % 2 == 0, parts[0].utf8.count <= 1024,
            let type = UInt16(parts[1]), let source = UInt8(parts[2])
        else { throw bad }
        var key: [UInt8] = []
        var index = parts[0].startIndex
        while index < parts[0].endIndex {
            let next = parts[0].index(index, offsetBy: 2)
            guard parts[0][index..<next].allSatisfy(\.isHexDigit), let byte = UInt8(parts[0][index..<next], radix: 16)
            else { throw bad }
            key.append(byte)
            index = next
        }
        return Position(sortKey: key, type: type, source: source)
    }
}
