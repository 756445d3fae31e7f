import DNSWire
import HashTreeCollections

/// Nodes by name, over the hash-keyed trees: every lookup confirms the name's bytes, and a name
/// whose hash is taken waits in `collided`.
extension Zone {
    func node(_ name: DomainName) -> ZoneNode? {
        node(NameHash(name), named: name)
    }

    func node(_ hash: NameHash, named name: DomainName) -> ZoneNode? {
        name.wire.withUnsafeBytes { node(hash, wire: $0.baseAddress!, length: $0.count) }
    }

    /// The node named by the uncompressed name at `wire` (`length` octets) whose hash is `hash`.
    func node(_ hash: NameHash, wire: UnsafeRawPointer, length: Int) -> ZoneNode? {
        Self.node(hash, wire: wire, length: length, in: nodes, collided)
    }

    /// The lookup itself, shared with `FastZone`, which holds the same trees.
    @inline(__always)
    static func node(
        _ hash: NameHash, wire: UnsafeRawPointer, length: Int, in nodes: TreeDictionary<NameHash, ZoneNode>,
        _ collided: TreeDictionary<NameHash, [ZoneNode]>
    ) -> ZoneNode? {
        if let node = nodes[hash], node.isNamed(wire, length: length) { return node }
        guard !collided.isEmpty else { return nil }
        return collided[hash]?.first { $0.isNamed(wire, length: length) }
    }

    var allNodes: [ZoneNode] {
        Array(nodes.values) + collided.values.joined()
    }

    /// Adds `node`, whose name the zone does not hold yet.
    mutating func insertNode(_ node: ZoneNode, hash: NameHash) {
        if nodes[hash] == nil {
            nodes[hash] = node
            nodeIndex.set(NodeAddress(node), for: hash)
        } else {
            collided[hash, default: []].append(node)
        }
    }

    /// Changes the node named `name` in place; it must exist.
    mutating func updateNode(_ hash: NameHash, named name: DomainName, _ change: (inout ZoneNode) -> Void) {
        if nodes[hash]?.isNamed(name) == true {
            change(&nodes[hash]!)
            let address = NodeAddress(nodes[hash]!)
            // Most changes only count children: the block, and so the address, stays.
            if nodeIndex[hash] != address { nodeIndex.set(address, for: hash) }
            return
        }
        guard let index = collided[hash]?.firstIndex(where: { $0.isNamed(name) }) else {
            preconditionFailure("no node \(name) to update")
        }
        change(&collided[hash]![index])
    }

    /// Removes the node named `name`, if present.
    mutating func removeNode(_ hash: NameHash, named name: DomainName) {
        if nodes[hash]?.isNamed(name) == true {
            if var waiting = collided.removeValue(forKey: hash) {
                let promoted = waiting.removeFirst()
                nodes[hash] = promoted
                nodeIndex.set(NodeAddress(promoted), for: hash)
                if !waiting.isEmpty { collided[hash] = waiting }
            } else {
                nodes[hash] = nil
                nodeIndex.set(nil, for: hash)
            }
            return
        }
        guard var bucket = collided.removeValue(forKey: hash) else { return }
        bucket.removeAll { $0.isNamed(name) }
        if !bucket.isEmpty { collided[hash] = bucket }
    }
}

extension DomainName {
    /// `*.something`: a wildcard owner (RFC 4592).
    var isWildcard: Bool { wire.count > 2 && wire[0] == 1 && wire[1] == UInt8(ascii: "*") }
}
