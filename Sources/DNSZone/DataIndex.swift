/// The members of large groups by their data, so a set of thousands of records finds duplicates
/// without comparing with each: one open-addressed table for every such group of a `SetTable`.
struct DataIndex {
    private struct Slot {
        var hash: UInt64
        var group: Int32
        /// The member row + 1; 0 is free.
        var row: Int32
    }

    private var slots: [Slot] = []
    private var count = 0

    /// Adds `row` to `group`'s members; false when a member already holds the same data.
    mutating func insert(_ row: Int32, group: Int32, of table: RecordTable) -> Bool {
        if (count + 1) * 2 > slots.count { grow() }
        let hash = Self.mix(table.dataHash(row), group)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].row != 0 {
            let found = slots[slot]
            if found.hash == hash && found.group == group && table.sameData(found.row - 1, row) { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = Slot(hash: hash, group: group, row: row + 1)
        count += 1
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(hash: 0, group: 0, row: 0), count: max(old.count * 2, 256))
        let mask = slots.count - 1
        for found in old where found.row != 0 {
            var slot = Int(truncatingIfNeeded: found.hash) & mask
            while slots[slot].row != 0 { slot = (slot + 1) & mask }
            slots[slot] = found
        }
    }

    /// The data's hash mixed with its group, spread over all bits (murmur3's finalizer).
    private static func mix(_ hash: UInt64, _ group: Int32) -> UInt64 {
        var x = hash ^ UInt64(UInt32(bitPattern: group)) &* 0x9E37_79B9_7F4A_7C15
        x = (x ^ (x >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        x = (x ^ (x >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return x ^ (x >> 33)
    }
}
