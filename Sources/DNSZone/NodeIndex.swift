import DNSWire
import HashTreeCollections

/// The block of each node in a zone's `nodes` by name hash, for the fast path: a flat table made
/// at build time and shared by later snapshots, plus the few hashes changed since, in a small
/// persistent tree looked at first. A change costs a tree update; once the changes grow past a
/// share of the table (capped), they are folded into a fresh table, so a query mostly reads
/// one flat slot and publishing a change never copies the zone.
struct NodeIndex: Sendable {
    private(set) var table: NodeTable
    /// Hashes whose block differs from the table's: a new block, or nil where a node went away.
    private(set) var changes: TreeDictionary<NameHash, NodeAddress?> = [:]

    /// Changes held apart at most: enough to fold rarely, few enough that a lookup in them stays
    /// in cache.
    static let maximumChanges = 4096

    init(_ table: NodeTable = .empty) {
        self.table = table
    }

    /// Entries: one per hash that has a node.
    var count: Int { table.count(after: changes) }

    subscript(hash: NameHash) -> NodeAddress? {
        if let changed = changes[hash] { return changed }
        return table.lookup(hash.value).map(NodeAddress.init(base:))
    }

    /// Points `hash` at `address`, or at nothing.
    mutating func set(_ address: NodeAddress?, for hash: NameHash) {
        if table.lookup(hash.value) == address?.base {
            changes[hash] = nil
        } else {
            changes[hash] = .some(address)
        }
        if changes.count > min(Self.maximumChanges, max(64, table.count / 8)) {
            table = table.applying(changes)
            changes = [:]
        }
    }
}
