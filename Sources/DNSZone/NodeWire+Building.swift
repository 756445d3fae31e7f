import DNSWire

/// Making `NodeWire` blocks: once per name at load, and again for the one name a change touches.
extension NodeWire {
    /// A set on its way into a block.
    struct Part {
        var type: UInt16
        var ttl: UInt32
        var count: Int
        var isBoxed: Bool
        /// Where RDLENGTH and RDATA of each record lie in the buffer the block is made from;
        /// empty when boxed.
        var records: Range<Int>

        init(type: UInt16, ttl: UInt32, count: Int, isBoxed: Bool, records: Range<Int>) {
            self.type = type
            self.ttl = ttl
            self.count = count
            self.isBoxed = isBoxed
            self.records = records
        }

        /// `rrset` pre-rendered at the end of `buffer`, or boxed when only the value keeps what
        /// DNS must answer.
        init(_ rrset: RRSet, appendingTo buffer: inout [UInt8]) {
            let start = buffer.count
            let boxed = rrset.isDynamic || !rrset.rdatas.allSatisfy({ $0.survivesWireForm(as: rrset.type) })
            if !boxed {
                for rdata in rrset.rdatas {
                    let lengthAt = buffer.count
                    buffer += [0, 0]
                    rdata.appendUncompressed(to: &buffer)
                    let length = buffer.count - lengthAt - 2
                    buffer[lengthAt] = UInt8(length >> 8)
                    buffer[lengthAt + 1] = UInt8(truncatingIfNeeded: length)
                }
            }
            self.init(
                type: rrset.type.rawValue, ttl: rrset.ttl, count: boxed ? 0 : rrset.rdatas.count, isBoxed: boxed,
                records: start..<buffer.count)
        }

        /// A set already in a block, to be stored again from a copy of the block's bytes.
        init(_ set: SetWire) {
            self.init(
                type: set.type, ttl: set.ttl, count: set.count, isBoxed: set.isBoxed, records: set.start..<set.end)
        }
    }

    /// Octets of the block for an owner of `nameLength` octets holding `parts`.
    static func byteCount(nameLength: Int, parts: [Part]) -> Int {
        parts.reduce(3 + nameLength + parts.count * descriptorSize) { $0 + $1.records.count }
    }

    /// Writes the block for the owner `name` (wire bytes) holding `parts`, which must be sorted
    /// by type with no type twice, at `base` (`byteCount(nameLength:parts:)` octets): all but the
    /// records, which go after the descriptors in part order, each part's `records.count` octets.
    /// Returns where the first part's records go.
    static func writeHeader(name: UnsafeRawBufferPointer, parts: [Part], to base: UnsafeMutableRawPointer) -> Int {
        base.storeBytes(of: UInt8(name.count), as: UInt8.self)
        (base + 1).copyMemory(from: name.baseAddress!, byteCount: name.count)
        base.storeBytes(of: UInt16(parts.count), toByteOffset: 1 + name.count, as: UInt16.self)
        var descriptor = base + 3 + name.count
        let start = 3 + name.count + parts.count * descriptorSize
        var end = start
        for part in parts {
            // TYPE, CLASS and TTL in wire order: the prefix each record copies as it is.
            descriptor.storeBytes(of: part.type.bigEndian, toByteOffset: 0, as: UInt16.self)
            descriptor.storeBytes(of: UInt16(1).bigEndian, toByteOffset: 2, as: UInt16.self)
            descriptor.storeBytes(of: part.ttl.bigEndian, toByteOffset: 4, as: UInt32.self)
            descriptor.storeBytes(
                of: UInt32(part.count) | (part.isBoxed ? boxedBit : 0), toByteOffset: 8, as: UInt32.self)
            end += part.records.count
            descriptor.storeBytes(of: UInt32(end), toByteOffset: 12, as: UInt32.self)
            descriptor += descriptorSize
        }
        return start
    }
}
