import DNSWire
import HashTreeCollections

/// What the fast path reads of one zone, made once per `ZoneSet` (once per snapshot): `let`
/// fields behind one reference, sharing the zone's table and trees, so a query borrows it and
/// copies or counts nothing. A node's block outlives any query that found it, since the set holding this
/// also holds the zone.
final class FastZone: @unchecked Sendable {
    /// The zone's node table, held so its slots (read raw below) stay allocated.
    let table: NodeTable
    let slots: UnsafePointer<NodeTable.Slot>
    let mask: Int
    /// Blocks changed since the table was made, looked at first.
    let changes: TreeDictionary<NameHash, NodeAddress?>
    let collided: TreeDictionary<NameHash, [ZoneNode]>
    let delegationCount: Int
    let wildcardCount: Int
    let originLabels: Int
    let negativeTTL: UInt32
    /// RDLENGTH and RDATA of the SOA, as negative answers copy it; owned (an array would be
    /// counted on every read). Never written after init, hence @unchecked Sendable.
    let soaRecord: UnsafeMutableRawPointer

    init(_ zone: Zone) {
        table = zone.nodeIndex.table
        slots = UnsafePointer(table.slots)
        mask = table.mask
        changes = zone.nodeIndex.changes
        collided = zone.collided
        delegationCount = zone.delegationCount
        wildcardCount = zone.wildcardCount
        originLabels = zone.originLabels
        negativeTTL = zone.negativeTTL
        soaRecord = .allocate(byteCount: zone.soaRecord.count, alignment: 2)
        zone.soaRecord.withUnsafeBytes { soaRecord.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    }

    deinit {
        soaRecord.deallocate()
    }

    /// The block of the node named by the uncompressed name at `wire` (`length` octets) whose
    /// hash is `hash`; found without counting a reference (the set holds every block).
    @inline(__always)
    func node(_ hash: UInt64, wire: UnsafeRawPointer, length: Int) -> NodeWire? {
        let base: UnsafeRawPointer?
        if !changes.isEmpty, let changed = changes[NameHash(value: hash)] {
            base = changed?.base
        } else {
            base = NodeTable.lookup(hash, in: slots, mask: mask)
        }
        if let base, NodeWire(base: base).named(wire, length: length) { return NodeWire(base: base) }
        guard !collided.isEmpty else { return nil }
        return collided[NameHash(value: hash)]?.first { $0.isNamed(wire, length: length) }?.wire
    }
}
