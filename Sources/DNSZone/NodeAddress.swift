/// Where a node's `NodeWire` bytes start, as a plain value: the fast path finds a node through
/// these without counting a reference. Valid while the zone snapshot holding the node's block lives.
struct NodeAddress: @unchecked Sendable, Equatable {
    let base: UnsafeRawPointer

    init(_ node: ZoneNode) {
        base = node.wire.base
    }

    init(base: UnsafeRawPointer) {
        self.base = base
    }

    var wire: NodeWire { NodeWire(base: base) }
}
