/// A 64-bit hash of a domain name in ASCII lower case. It takes the labels from the rightmost to
/// the leftmost, so one pass over a name yields the hash of each of its suffixes (the zone apex,
/// every ancestor): lookups key on it straight from a packet's bytes, with no `DomainName` built.
/// Equal hashes do not prove equal names; callers compare the bytes.
public struct NameHash: Hashable, Sendable {
    public let value: UInt64

    public init(value: UInt64) { self.value = value }

    /// The hash of `name`, the same as `suffixes(of:starts:hashes:)` gives for the whole name.
    public init(_ name: DomainName) {
        self = name.wire.withUnsafeBytes { NameHash(wire: $0.baseAddress!) }
    }

    /// The hash of the uncompressed name at `wire` (trusted: well formed, at most 255 octets).
    public init(wire: UnsafeRawPointer) {
        value = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxLabels + 1) { starts in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.maxLabels + 1) { hashes in
                _ = Self.suffixes(of: wire, starts: starts.baseAddress!, hashes: hashes.baseAddress!)
                return hashes[0]
            }
        }
    }

    /// Labels a name of 255 octets can hold, besides the root.
    public static let maxLabels = 127

    /// Hashes the uncompressed name at `wire` (trusted: well-formed, at most 255 octets):
    /// `hashes[i]` becomes the hash of the name from label `i` on (`hashes[0]` the whole name,
    /// `hashes[count]` the root), `starts[i]` the offset of label `i` (`starts[count]` the root's,
    /// so the name takes `starts[count] + 1` octets). Returns the label count.
    @inlinable
    public static func suffixes(
        of wire: UnsafeRawPointer, starts: UnsafeMutablePointer<UInt8>, hashes: UnsafeMutablePointer<UInt64>
    ) -> Int {
        var count = 0
        var index = 0
        while true {
            let length = Int(wire.load(fromByteOffset: index, as: UInt8.self))
            if length == 0 { break }
            starts[count] = UInt8(truncatingIfNeeded: index)
            count += 1
            index += length + 1
        }
        starts[count] = UInt8(truncatingIfNeeded: index)
        let nameLength = index + 1
        var state = seed
        hashes[count] = finish(state)
        var label = count - 1
        while label >= 0 {
            state = absorb(wire, label: Int(starts[label]), nameLength: nameLength, into: state)
            hashes[label] = finish(state)
            label -= 1
        }
        return count
    }

    /// Mixes in the label at offset `start` of the name at `wire` (`nameLength` octets): its length
    /// octet and bytes in lower case, eight at a time, never reading outside the name.
    @inlinable @inline(__always)
    static func absorb(_ wire: UnsafeRawPointer, label start: Int, nameLength: Int, into state: UInt64) -> UInt64 {
        let end = start + Int(wire.load(fromByteOffset: start, as: UInt8.self)) + 1
        var state = state
        var offset = start
        while offset + 8 <= end {
            state = mix(
                state, lowered(UInt64(littleEndian: wire.loadUnaligned(fromByteOffset: offset, as: UInt64.self))))
            offset += 8
        }
        if offset < end {
            state = mix(state, lowered(tail(wire, from: offset, count: end - offset, nameLength: nameLength)))
        }
        return state
    }

    /// `count` (1 to 7) octets from `offset` as the low bytes of a word, the rest zero.
    @inlinable @inline(__always)
    static func tail(_ wire: UnsafeRawPointer, from offset: Int, count: Int, nameLength: Int) -> UInt64 {
        let keep: UInt64 = (1 << (UInt64(count) &* 8)) &- 1
        if offset + 8 <= nameLength {
            return UInt64(littleEndian: wire.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) & keep
        }
        if nameLength >= 8 {
            // The name's last eight octets hold these: shift off the ones before.
            let word = UInt64(littleEndian: wire.loadUnaligned(fromByteOffset: nameLength - 8, as: UInt64.self))
            return (word >> (UInt64(offset - (nameLength - 8)) &* 8)) & keep
        }
        var word: UInt64 = 0
        for index in 0..<count {
            word |= UInt64(wire.load(fromByteOffset: offset + index, as: UInt8.self)) << (UInt64(index) &* 8)
        }
        return word
    }

    @inlinable @inline(__always)
    static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let product = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
        return product ^ (product >> 29)
    }

    /// Spreads the state over all 64 bits (murmur3's finalizer), so tables may use any bits.
    @inlinable @inline(__always)
    static func finish(_ state: UInt64) -> UInt64 {
        var x = state
        x = (x ^ (x >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        x = (x ^ (x >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return x ^ (x >> 33)
    }

    /// A fixed start, so hashes repeat from run to run.
    @usableFromInline
    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325

    /// The value itself: it is already well mixed, so hashed collections need not hash it again.
    public func _rawHashValue(seed: Int) -> Int { Int(truncatingIfNeeded: value) }

    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension NameHash {
    /// True when the uncompressed names at `a` and `b`, `length` octets each, are equal ignoring
    /// ASCII case (length octets are at most 63, so lowering them changes nothing). Compares
    /// eight octets at a time without reading past `length`.
    @inlinable
    public static func equalNames(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, length: Int) -> Bool {
        guard length >= 8 else {
            var index = 0
            while index < length {
                let x = a.load(fromByteOffset: index, as: UInt8.self)
                let y = b.load(fromByteOffset: index, as: UInt8.self)
                if x != y && (x &- 0x41 < 26 ? x | 0x20 : x) != (y &- 0x41 < 26 ? y | 0x20 : y) { return false }
                index += 1
            }
            return true
        }
        var index = 0
        while true {
            // The last word overlaps the one before it rather than reading past the end.
            let at = min(index, length - 8)
            let x = a.loadUnaligned(fromByteOffset: at, as: UInt64.self)
            let y = b.loadUnaligned(fromByteOffset: at, as: UInt64.self)
            if x != y && lowered(x) != lowered(y) { return false }
            index += 8
            if index >= length { return true }
        }
    }

    /// ASCII upper-case letters in `word` turned to lower case, eight octets at once; octets of
    /// 0x80 and above pass unchanged.
    @inlinable @inline(__always)
    public static func lowered(_ word: UInt64) -> UInt64 {
        let heptets = word & 0x7F7F_7F7F_7F7F_7F7F
        // High bit of each octet: at least "A", then past "Z"; neither sum carries into the next.
        let atLeastA = heptets &+ 0x3F3F_3F3F_3F3F_3F3F
        let pastZ = heptets &+ 0x2525_2525_2525_2525
        let upper = atLeastA & ~pastZ & ~word & 0x8080_8080_8080_8080
        return word | (upper >> 2)
    }
}
