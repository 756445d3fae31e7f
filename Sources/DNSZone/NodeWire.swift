import DNSWire

/// One name's RRsets pre-rendered in a single block of bytes, made when the set is stored, so an
/// answer is mostly copies and the zone holds one object per name:
///
///     name length (1) | owner name, uncompressed, in its given case | set count (2, native)
///     per set, by type: TYPE CLASS TTL as on the wire (8) | records (4, native) | end (4, native)
///     per set, in the same order: per record RDLENGTH (2, wire) and RDATA, names uncompressed
///
/// `end` is where the set's records stop; the first set's start right after the descriptors.
/// A set kept as an `RRSet` value (a routing policy, an alias, or data whose wire form would not
/// decode back to the same value) has the `boxed` bit in its record count and no records here.
struct NodeWire {
    /// The block's first byte.
    let base: UnsafeRawPointer

    static let descriptorSize = 16
    static let boxedBit: UInt32 = 0x8000_0000

    var nameLength: Int { Int(base.load(as: UInt8.self)) }
    var name: UnsafeRawPointer { base + 1 }
    var setCount: Int { Int(base.loadUnaligned(fromByteOffset: 1 + nameLength, as: UInt16.self)) }
    var descriptors: UnsafeRawPointer { base + 3 + nameLength }

    /// Octets of the whole block.
    var byteCount: Int { setCount == 0 ? 3 + nameLength : set(at: setCount - 1).end }

    /// The set at `index` in type order.
    func set(at index: Int) -> SetWire {
        let descriptor = descriptors + index * Self.descriptorSize
        let start =
            index == 0
            ? 3 + nameLength + setCount * Self.descriptorSize
            : Int(descriptor.loadUnaligned(fromByteOffset: 12 - Self.descriptorSize, as: UInt32.self))
        return SetWire(block: base, descriptor: descriptor, start: start)
    }

    /// The position of the set of `type` (its numeric value), if the name has one.
    func index(ofType type: UInt16) -> Int? {
        let wireType = type.bigEndian
        let count = setCount
        var index = 0
        while index < count {
            if descriptors.loadUnaligned(fromByteOffset: index * Self.descriptorSize, as: UInt16.self) == wireType {
                return index
            }
            index += 1
        }
        return nil
    }

    func set(ofType type: UInt16) -> SetWire? {
        index(ofType: type).map(set(at:))
    }

    /// Octets of the uncompressed, well-formed name at `wire`.
    static func nameLength(_ wire: UnsafeRawPointer) -> Int {
        var index = 0
        while true {
            let length = Int(wire.load(fromByteOffset: index, as: UInt8.self))
            index += length + 1
            if length == 0 { return index }
        }
    }

    /// True when the owner equals the uncompressed name at `other`, `length` octets, ignoring case.
    func named(_ other: UnsafeRawPointer, length: Int) -> Bool {
        nameLength == length && NameHash.equalNames(name, other, length: length)
    }
}
