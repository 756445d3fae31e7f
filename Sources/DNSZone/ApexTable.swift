import DNSWire

/// Zone apexes by `NameHash`, so a query finds its zone from the hashes of its name's suffixes,
/// with no `DomainName` built. Open addressing over a power-of-two table at most half full; each
/// slot also holds where its apex's wire bytes are, to confirm a match.
struct ApexTable: Sendable {
    struct Slot: Sendable {
        var hash: UInt64 = 0
        /// Index of the zone in the set's list, or -1 for an empty slot.
        var zone: Int32 = -1
        /// The apex's bytes in `names`.
        var offset: Int32 = 0
        var length: Int32 = 0
    }

    private let slots: [Slot]
    private let names: [UInt8]
    private let mask: Int
    /// The fewest and most labels an apex has: the only suffixes worth hashing a lookup for.
    let minLabels: Int
    let maxLabels: Int

    init(_ apexes: [DomainName]) {
        var size = 8
        while size < apexes.count * 2 { size *= 2 }
        var slots = [Slot](repeating: Slot(), count: size)
        var names: [UInt8] = []
        for (index, apex) in apexes.enumerated() {
            let hash = NameHash(apex).value
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while slots[slot].zone >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Slot(
                hash: hash, zone: Int32(index), offset: Int32(names.count), length: Int32(apex.wire.count))
            names += apex.wire
        }
        self.slots = slots
        self.names = names
        mask = size - 1
        minLabels = apexes.map(\.labelCount).min() ?? Int.max
        maxLabels = apexes.map(\.labelCount).max() ?? -1
    }

    /// The zone whose apex is the uncompressed name at `wire` (`length` octets, hashing to `hash`).
    func zone(_ hash: UInt64, named wire: UnsafeRawPointer, length: Int) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            names.withUnsafeBytes { names in
                var index = Int(truncatingIfNeeded: hash) & mask
                while slots[index].zone >= 0 {
                    let slot = slots[index]
                    if slot.hash == hash, Int(slot.length) == length,
                        NameHash.equalNames(names.baseAddress! + Int(slot.offset), wire, length: length)
                    {
                        return Int(slot.zone)
                    }
                    index = (index + 1) & mask
                }
                return nil
            }
        }
    }
}
