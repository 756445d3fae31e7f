import DNSWire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The names of a zone being read or built, each spelling kept once: an owner written a million
/// times is one entry, and records refer to it by number. Entries that differ only in ASCII case
/// are separate (records keep the case they were written in) but share a `canonical` entry, the
/// first spelling seen, which stands for the name in the zone. Found by `NameHash` in an
/// open-addressed table, confirmed against the bytes.
struct NameTable {
    /// Every entry's uncompressed wire form, back to back.
    private(set) var bytes: [UInt8] = []
    /// Entry `i` is `bytes[starts[i]..<starts[i + 1]]`.
    private(set) var starts: [Int32] = [0]
    private(set) var hashes: [UInt64] = []
    private(set) var canonical: [Int32] = []
    /// Entry number + 1 in the low half, the hash's high half above; 0 is free.
    private var slots: [UInt64] = []

    var count: Int { hashes.count }

    func range(_ entry: Int32) -> Range<Int> {
        Int(starts[Int(entry)])..<Int(starts[Int(entry) + 1])
    }

    func name(_ entry: Int32) -> DomainName {
        Self.name(bytes[range(entry)])
    }

    /// The name whose uncompressed wire form `wire` is (well formed: the tables hold no other).
    static func name(_ wire: ArraySlice<UInt8>) -> DomainName {
        wire.withUnsafeBytes { raw in
            var reader = WireReader(raw)
            do throws(WireError) {
                return try reader.readName()
            } catch {
                preconditionFailure("a name table holds well-formed names: \(error)")
            }
        }
    }

    /// The entry spelled exactly as `wire` (uncompressed, well formed), added when new.
    mutating func intern(_ wire: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        if (count + 1) * 10 > slots.count * 7 { grow() }
        let mask = slots.count - 1
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        var sameName: Int32 = -1
        while slots[slot] != 0 {
            let entry = Int32(truncatingIfNeeded: slots[slot] & 0xFFFF_FFFF) - 1
            if slots[slot] >> 32 == tag && hashes[Int(entry)] == hash {
                let found = range(entry)
                if found.count == wire.count {
                    let (exact, equal) = bytes.withUnsafeBufferPointer { all in
                        let stored = UnsafeRawPointer(all.baseAddress! + found.lowerBound)
                        let given = UnsafeRawPointer(wire.baseAddress!)
                        return (
                            memcmp(stored, given, wire.count) == 0,
                            NameHash.equalNames(stored, given, length: wire.count)
                        )
                    }
                    if exact { return entry }
                    if equal && sameName < 0 { sameName = canonical[Int(entry)] }
                }
            }
            slot = (slot + 1) & mask
        }
        let entry = Int32(count)
        bytes.append(contentsOf: wire)
        starts.append(Int32(bytes.count))
        hashes.append(hash)
        canonical.append(sameName >= 0 ? sameName : entry)
        slots[slot] = tag << 32 | UInt64(entry + 1)
        return entry
    }

    mutating func intern(_ name: DomainName) -> Int32 {
        name.wire.withUnsafeBufferPointer { intern($0, hash: NameHash(name).value) }
    }

    /// True when entry `entry` is spelled exactly as `wire`.
    func equals(_ entry: Int32, _ wire: [UInt8]) -> Bool {
        let range = range(entry)
        guard range.count == wire.count else { return false }
        return bytes.withUnsafeBufferPointer { all in
            wire.withUnsafeBufferPointer { wire in
                var index = 0
                while index < wire.count && all[range.lowerBound + index] == wire[index] { index += 1 }
                return index == wire.count
            }
        }
    }

    /// True when entry `entry` is `ancestor` or lies below it.
    func isSubdomain(_ entry: Int32, of ancestor: DomainName) -> Bool {
        let range = range(entry)
        let extra = range.count - ancestor.wire.count
        guard extra >= 0 else { return false }
        return bytes.withUnsafeBytes { all in
            // The suffix must start on a label boundary.
            var index = 0
            while index < extra { index += Int(all[range.lowerBound + index]) + 1 }
            guard index == extra else { return false }
            return ancestor.wire.withUnsafeBytes { wire in
                NameHash.equalNames(all.baseAddress! + range.lowerBound + extra, wire.baseAddress!, length: wire.count)
            }
        }
    }

    /// The canonical entry of the name at `wire` (`length` octets) ignoring case, if any.
    func find(_ wire: UnsafeRawPointer, length: Int, hash: UInt64) -> Int32? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = Int32(truncatingIfNeeded: slots[slot] & 0xFFFF_FFFF) - 1
            if slots[slot] >> 32 == tag && hashes[Int(entry)] == hash {
                let found = range(entry)
                let equal =
                    found.count == length
                    && bytes.withUnsafeBufferPointer { all in
                        NameHash.equalNames(all.baseAddress! + found.lowerBound, wire, length: length)
                    }
                if equal { return canonical[Int(entry)] }
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    func find(_ name: DomainName) -> Int32? {
        name.wire.withUnsafeBytes { find($0.baseAddress!, length: $0.count, hash: NameHash(name).value) }
    }

    /// Reserves room for about `names` entries of `bytes` octets in all.
    mutating func reserve(names: Int, bytes count: Int) {
        bytes.reserveCapacity(count)
        starts.reserveCapacity(names + 1)
        hashes.reserveCapacity(names)
        canonical.reserveCapacity(names)
    }

    /// Drops the room the arrays grew beyond what they hold.
    mutating func shrink() {
        bytes.shrinkToFit()
        starts.shrinkToFit()
        hashes.shrinkToFit()
        canonical.shrinkToFit()
    }

    /// Doubles the slots, kept at most 70% full: linear probing stays short.
    private mutating func grow() {
        var size = max(slots.count * 2, 1024)
        while (count + 1) * 10 > size * 7 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (hash >> 32) << 32 | UInt64(entry + 1)
        }
    }
}
