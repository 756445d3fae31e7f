/// A bounded reader over a whole DNS message. It keeps the message's bytes so that
/// compression pointers resolve against them; every read checks the bytes left.
public struct WireReader {
    public let bytes: UnsafeRawBufferPointer
    public private(set) var offset: Int

    /// Compression pointers followed while reading one name; RFC 1035 gives no bound, we do.
    public static let maxPointersPerName = 32

    public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public var remaining: Int { bytes.count - offset }

    public mutating func skip(_ count: Int) throws(WireError) {
        guard count >= 0, count <= remaining else { throw WireError(.truncated, at: offset) }
        offset += count
    }

    public mutating func readUInt8() throws(WireError) -> UInt8 {
        guard remaining >= 1 else { throw WireError(.truncated, at: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func readUInt16() throws(WireError) -> UInt16 {
        guard remaining >= 2 else { throw WireError(.truncated, at: offset) }
        defer { offset += 2 }
        return getUInt16(at: offset)
    }

    public mutating func readUInt32() throws(WireError) -> UInt32 {
        guard remaining >= 4 else { throw WireError(.truncated, at: offset) }
        defer { offset += 4 }
        return UInt32(getUInt16(at: offset)) << 16 | UInt32(getUInt16(at: offset + 2))
    }

    public mutating func readBytes(_ count: Int) throws(WireError) -> [UInt8] {
        guard count >= 0, count <= remaining else { throw WireError(.truncated, at: offset) }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// Peeks a big-endian 16-bit value; the caller has checked the bounds.
    public func getUInt16(at index: Int) -> UInt16 {
        UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
    }

    /// Reads a possibly compressed name. Pointers must point strictly before the pointer
    /// itself, at most `maxPointersPerName` of them, and the name stays within 255 octets.
    public mutating func readName() throws(WireError) -> DomainName {
        var wire: [UInt8] = []
        wire.reserveCapacity(32)
        var position = offset
        var endOfName: Int? = nil
        var pointers = 0
        while true {
            guard position < bytes.count else { throw WireError(.truncated, at: position) }
            let length = bytes[position]
            switch length & 0xC0 {
            case 0x00:
                guard Int(length) < bytes.count - position else { throw WireError(.truncated, at: position) }
                guard wire.count + Int(length) + 1 <= DomainName.maxLength else {
                    throw WireError(.nameTooLong, at: position)
                }
                wire.append(contentsOf: bytes[position..<position + Int(length) + 1])
                position += Int(length) + 1
                if length == 0 {
                    offset = endOfName ?? position
                    return DomainName(uncheckedWire: wire)
                }
            case 0xC0:
                guard position + 1 < bytes.count else { throw WireError(.truncated, at: position) }
                let target = Int(getUInt16(at: position) & 0x3FFF)
                guard target < position else { throw WireError(.badPointer, at: position) }
                pointers += 1
                guard pointers <= Self.maxPointersPerName else { throw WireError(.tooManyPointers, at: position) }
                if endOfName == nil { endOfName = position + 2 }
                position = target
            default:
                throw WireError(.badLabelType, at: position)
            }
        }
    }
}
