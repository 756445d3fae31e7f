import DNSWire

/// Making `NodeWire` blocks: once per name at load, and again for the one name a change touches.
extension NodeWire {
    /// A set on its way into a block.
    struct Part {
        var type: UInt16
        var ttl: UInt32
        var count: Int
        var isBoxed: Bool
        /// RDLENGTH and RDATA of each record; empty when boxed.
        var records: ArraySlice<UInt8>

        /// `rrset` pre-rendered, or boxed when only the value keeps what DNS must answer.
        init(_ rrset: RRSet) {
            type = rrset.type.rawValue
            if rrset.isDynamic || !rrset.rdatas.allSatisfy({ $0.survivesWireForm(as: rrset.type) }) {
                ttl = rrset.ttl
                count = 0
                isBoxed = true
                records = []
                return
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(rrset.rdatas.count * 8)
            for rdata in rrset.rdatas {
                let lengthAt = bytes.count
                bytes += [0, 0]
                rdata.appendUncompressed(to: &bytes)
                let length = bytes.count - lengthAt - 2
                bytes[lengthAt] = UInt8(length >> 8)
                bytes[lengthAt + 1] = UInt8(truncatingIfNeeded: length)
            }
            ttl = rrset.ttl
            count = rrset.rdatas.count
            isBoxed = false
            records = bytes[...]
        }

        /// A set already in a block, copied out to be stored again.
        init(_ set: SetWire, of block: [UInt8]) {
            type = set.type
            ttl = set.ttl
            count = set.count
            isBoxed = set.isBoxed
            records = block[set.start..<set.end]
        }
    }

    /// The block for the owner `name` (wire bytes) holding `parts`, which must be sorted by type
    /// with no type twice.
    static func block(name: some Collection<UInt8>, parts: [Part]) -> [UInt8] {
        let header = 3 + name.count + parts.count * descriptorSize
        var bytes: [UInt8] = []
        bytes.reserveCapacity(header + parts.reduce(0) { $0 + $1.records.count })
        bytes.append(UInt8(name.count))
        bytes += name
        append(UInt16(parts.count), to: &bytes)
        var end = header
        for part in parts {
            // TYPE, CLASS and TTL in wire order: the prefix each record copies as it is.
            bytes += [UInt8(part.type >> 8), UInt8(truncatingIfNeeded: part.type), 0, 1]
            bytes += [
                UInt8(part.ttl >> 24), UInt8(truncatingIfNeeded: part.ttl >> 16),
                UInt8(truncatingIfNeeded: part.ttl >> 8), UInt8(truncatingIfNeeded: part.ttl),
            ]
            append(UInt32(part.count) | (part.isBoxed ? boxedBit : 0), to: &bytes)
            end += part.records.count
            append(UInt32(end), to: &bytes)
        }
        for part in parts { bytes += part.records }
        return bytes
    }

    /// The parts of an existing block, in type order.
    static func parts(of block: [UInt8]) -> [Part] {
        block.withUnsafeBytes { raw in
            let node = NodeWire(base: raw.baseAddress!)
            return (0..<node.setCount).map { Part(node.set(at: $0), of: block) }
        }
    }

    private static func append<Value: FixedWidthInteger>(_ value: Value, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value) { bytes += $0 }
    }
}
