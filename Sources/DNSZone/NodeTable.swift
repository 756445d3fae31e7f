import DNSWire
import HashTreeCollections

/// Node blocks by the hash of their name, in one flat open-addressed table (linear probing over
/// a power of two, at most half full), so the fast path finds a node in about one cache line.
/// Never changed once made: snapshots share it, and `NodeIndex` keeps what changed since apart.
final class NodeTable: @unchecked Sendable {
    struct Slot {
        var hash: UInt64
        /// The node's block; nil marks an empty slot.
        var base: UnsafeRawPointer?
    }

    let slots: UnsafeMutablePointer<Slot>
    let mask: Int
    /// Entries held.
    let count: Int

    static let empty = NodeTable(slots: .allocate(capacity: 8), capacity: 8)

    /// A table of `entries`, whose hashes must differ.
    convenience init(_ entries: some Sequence<(hash: UInt64, base: UnsafeRawPointer)>, count: Int) {
        let capacity = Self.capacity(for: count)
        self.init(slots: .allocate(capacity: capacity), capacity: capacity, count: count)
        for entry in entries { Self.insert(entry.hash, entry.base, into: slots, mask: mask) }
    }

    private init(slots: UnsafeMutablePointer<Slot>, capacity: Int, count: Int = 0) {
        slots.initialize(repeating: Slot(hash: 0, base: nil), count: capacity)
        self.slots = slots
        mask = capacity - 1
        self.count = count
    }

    deinit {
        slots.deallocate()
    }

    /// The smallest power of two at least twice `count` (and at least 8).
    static func capacity(for count: Int) -> Int {
        var size = 8
        while size < count * 2 { size *= 2 }
        return size
    }

    /// The block of the node whose name hashes to `hash`, if the table holds one.
    @inline(__always)
    static func lookup(_ hash: UInt64, in slots: UnsafePointer<Slot>, mask: Int) -> UnsafeRawPointer? {
        var index = Int(truncatingIfNeeded: hash) & mask
        while let base = slots[index].base {
            if slots[index].hash == hash { return base }
            index = (index + 1) & mask
        }
        return nil
    }

    func lookup(_ hash: UInt64) -> UnsafeRawPointer? {
        Self.lookup(hash, in: slots, mask: mask)
    }

    /// The entries this table would hold with `changes` applied (nil removes).
    func count(after changes: TreeDictionary<NameHash, NodeAddress?>) -> Int {
        changes.reduce(count) { total, change in
            switch (lookup(change.key.value) != nil, change.value != nil) {
            case (false, true): total + 1
            case (true, false): total - 1
            default: total
            }
        }
    }

    /// This table with `changes` applied (nil removes), made in one pass over the slots.
    func applying(_ changes: TreeDictionary<NameHash, NodeAddress?>) -> NodeTable {
        let final = count(after: changes)
        let capacity = Self.capacity(for: final)
        let table = NodeTable(slots: .allocate(capacity: capacity), capacity: capacity, count: final)
        if capacity == mask + 1 {
            table.slots.update(from: slots, count: capacity)
            for (hash, address) in changes {
                if let address {
                    Self.insert(hash.value, address.base, into: table.slots, mask: table.mask)
                } else {
                    Self.remove(hash.value, from: table.slots, mask: table.mask)
                }
            }
        } else {
            for index in 0...mask {
                guard slots[index].base != nil, changes[NameHash(value: slots[index].hash)] == nil else { continue }
                Self.insert(slots[index].hash, slots[index].base!, into: table.slots, mask: table.mask)
            }
            for case (let hash, let address?) in changes {
                Self.insert(hash.value, address.base, into: table.slots, mask: table.mask)
            }
        }
        return table
    }

    /// Puts `base` at `hash`, replacing what the hash held.
    private static func insert(
        _ hash: UInt64, _ base: UnsafeRawPointer, into slots: UnsafeMutablePointer<Slot>, mask: Int
    ) {
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].base != nil && slots[index].hash != hash { index = (index + 1) & mask }
        slots[index] = Slot(hash: hash, base: base)
    }

    /// Takes `hash` out, moving back the entries after it that probed past its slot, so every
    /// probe sequence stays unbroken.
    private static func remove(_ hash: UInt64, from slots: UnsafeMutablePointer<Slot>, mask: Int) {
        var hole = Int(truncatingIfNeeded: hash) & mask
        while slots[hole].hash != hash || slots[hole].base == nil {
            guard slots[hole].base != nil else { return }
            hole = (hole + 1) & mask
        }
        slots[hole].base = nil
        var next = hole
        while true {
            next = (next + 1) & mask
            guard slots[next].base != nil else { return }
            let home = Int(truncatingIfNeeded: slots[next].hash) & mask
            // The entry may fill the hole only if its home is not between the hole and it.
            let homeBetween = hole < next ? (home > hole && home <= next) : (home > hole || home <= next)
            if !homeBetween {
                slots[hole] = slots[next]
                slots[next].base = nil
                hole = next
            }
        }
    }
}
