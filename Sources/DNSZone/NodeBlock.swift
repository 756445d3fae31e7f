import DNSWire

/// A node's `NodeWire` bytes with its boxed sets (by type) as the header, in one object: a node is
/// one allocation, and copying it one reference count. Never changed once made.
final class NodeBlock: ManagedBuffer<[RRSet], UInt8> {
    /// The block for the owner `name` (wire bytes) holding `parts` (sorted by type), their
    /// records taken from `records` where each part's range says.
    static func make(
        name: UnsafeRawBufferPointer, parts: [NodeWire.Part], records: UnsafeRawBufferPointer, boxed: [RRSet]
    ) -> NodeBlock {
        make(name: name, parts: parts, boxed: boxed) { destination in
            var offset = 0
            for part in parts where !part.records.isEmpty {
                (destination + offset).copyMemory(
                    from: records.baseAddress! + part.records.lowerBound, byteCount: part.records.count)
                offset += part.records.count
            }
        }
    }

    /// The block for the owner `name` holding `parts`, whose records `writeRecords` writes from
    /// the pointer it is given, in part order (each part's `records.count` octets).
    static func make(
        name: UnsafeRawBufferPointer, parts: [NodeWire.Part], boxed: [RRSet],
        writeRecords: (UnsafeMutableRawPointer) -> Void
    ) -> NodeBlock {
        let count = NodeWire.byteCount(nameLength: name.count, parts: parts)
        let block = unsafeDowncast(create(minimumCapacity: count) { _ in boxed }, to: NodeBlock.self)
        block.withUnsafeMutablePointerToElements { elements in
            let base = UnsafeMutableRawPointer(elements)
            writeRecords(base + NodeWire.writeHeader(name: name, parts: parts, to: base))
        }
        return block
    }

    var boxed: [RRSet] { header }

    @inline(__always)
    func withWire<Result>(_ body: (NodeWire) -> Result) -> Result {
        withUnsafeMutablePointerToElements { body(NodeWire(base: UnsafeRawPointer($0))) }
    }

    /// A copy of the block's bytes, to build a changed block from.
    var bytes: [UInt8] {
        withWire { Array(UnsafeRawBufferPointer(start: $0.base, count: $0.byteCount)) }
    }
}
