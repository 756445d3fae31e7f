import DNSWire
import HashTreeCollections

/// What the fast path reads of one zone, made once per `ZoneSet` (once per snapshot): `let`
/// fields behind one reference, sharing the zone's trees, so a query borrows it and copies or
/// counts nothing. A node's block outlives any query that found it, since the set holding this
/// also holds the zone.
final class FastZone: @unchecked Sendable {
    let addresses: TreeDictionary<NameHash, NodeAddress>
    let collided: TreeDictionary<NameHash, [ZoneNode]>
    let delegationCount: Int
    let wildcardCount: Int
    let originLabels: Int
    let negativeTTL: UInt32
    /// RDLENGTH and RDATA of the SOA, as negative answers copy it; owned (an array would be
    /// counted on every read). Never written after init, hence @unchecked Sendable.
    let soaRecord: UnsafeMutableRawPointer

    init(_ zone: Zone) {
        addresses = zone.addresses
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
        if let address = addresses[NameHash(value: hash)], address.wire.named(wire, length: length) {
            return address.wire
        }
        guard !collided.isEmpty else { return nil }
        return collided[NameHash(value: hash)]?.first { $0.isNamed(wire, length: length) }?.wire
    }
}
