import DNSWire

/// A node's `NodeWire` bytes with its boxed sets (by type) as the header, in one object: a node is
/// one allocation, and copying it one reference count. Never changed once made.
final class NodeBlock: ManagedBuffer<[RRSet], UInt8> {
    static func make(_ bytes: [UInt8], boxed: [RRSet]) -> NodeBlock {
        let block = unsafeDowncast(create(minimumCapacity: bytes.count) { _ in boxed }, to: NodeBlock.self)
        block.withUnsafeMutablePointerToElements { elements in
            bytes.withUnsafeBufferPointer { elements.initialize(from: $0.baseAddress!, count: $0.count) }
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
