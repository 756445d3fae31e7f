import DNSWire
import HashTreeCollections

/// What the fast path reads of one zone, made once per `ZoneSet` (once per snapshot): `let`
/// fields behind one reference, sharing the zone's trees, so a query borrows it and copies or
/// counts nothing. A node's block outlives any query that found it, since the set holds the zone.
final class FastZone: Sendable {
    let nodes: TreeDictionary<NameHash, ZoneNode>
    let collided: TreeDictionary<NameHash, [ZoneNode]>
    let delegationCount: Int
    let wildcardCount: Int
    let originLabels: Int
    let negativeTTL: UInt32
    /// RDLENGTH and RDATA of the SOA, as negative answers copy it.
    let soaRecord: [UInt8]

    init(_ zone: Zone) {
        nodes = zone.nodes
        collided = zone.collided
        delegationCount = zone.delegationCount
        wildcardCount = zone.wildcardCount
        originLabels = zone.originLabels
        negativeTTL = zone.negativeTTL
        soaRecord = zone.soaRecord
    }

    /// The block of the node named by the uncompressed name at `wire` (`length` octets) whose
    /// hash is `hash`.
    @inline(__always)
    func node(_ hash: UInt64, wire: UnsafeRawPointer, length: Int) -> NodeWire? {
        guard let node = Zone.node(NameHash(value: hash), wire: wire, length: length, in: nodes, collided) else {
            return nil
        }
        return node.wire
    }
}
