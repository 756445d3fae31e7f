/// An append-only message builder. Names written with `writeName(_:compress:)` are remembered so
/// later names point at their longest common suffix (RFC 1035 4.1.4).
public struct WireWriter {
    public private(set) var bytes: [UInt8]
    /// Offsets of name suffixes already written, keyed by the suffix (case-insensitive).
    private var suffixOffsets: [DomainName: Int] = [:]

    public init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }

    /// Empties the writer, keeping its storage for the next message.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        suffixOffsets.removeAll(keepingCapacity: true)
    }

    /// Drops everything written from `mark` on (used to cut a message at an RRset boundary).
    public mutating func truncate(to mark: Int) {
        guard mark < bytes.count else { return }
        bytes.removeSubrange(mark...)
        suffixOffsets = suffixOffsets.filter { $0.value < mark }
    }

    public mutating func writeUInt8(_ value: UInt8) { bytes.append(value) }

    public mutating func writeUInt16(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    public mutating func writeUInt32(_ value: UInt32) {
        writeUInt16(UInt16(value >> 16))
        writeUInt16(UInt16(truncatingIfNeeded: value))
    }

    public mutating func writeBytes(_ value: some Sequence<UInt8>) { bytes.append(contentsOf: value) }

    public mutating func setUInt16(_ value: UInt16, at index: Int) {
        bytes[index] = UInt8(value >> 8)
        bytes[index + 1] = UInt8(truncatingIfNeeded: value)
    }

    /// Writes `name`, as a pointer to an earlier copy of its longest known suffix when
    /// `compress` is true. Every suffix written in full is remembered either way, as long as
    /// its offset fits in a 14-bit pointer.
    public mutating func writeName(_ name: DomainName, compress: Bool = true) {
        var suffix = name
        var wireIndex = 0
        while !suffix.isRoot {
            if compress, let target = suffixOffsets[suffix] {
                writeUInt16(0xC000 | UInt16(target))
                return
            }
            if bytes.count < 0x4000 { suffixOffsets[suffix] = bytes.count }
            let length = Int(name.wire[wireIndex])
            bytes.append(contentsOf: name.wire[wireIndex...wireIndex + length])
            wireIndex += length + 1
            suffix = suffix.parent!
        }
        bytes.append(0)
    }
}
