import DNSWire
import HashTreeCollections

/// Rendering: each node's block written straight from the table's RDATA, then the trees filled.
extension ZoneBuilder {
    /// What rendering reads, borrowed for the whole pass.
    private struct Sources {
        let rows: UnsafeBufferPointer<RecordTable.Row>
        let next: UnsafeBufferPointer<Int32>
        let groups: UnsafeBufferPointer<SetTable.Group>
        let firstGroup: UnsafeBufferPointer<Int32>
        let arena: UnsafeRawBufferPointer
    }

    /// Buffers reused from node to node.
    private struct Scratch {
        var groups: [Int32] = []
        var parts: [NodeWire.Part] = []
        var boxed: [RRSet] = []
    }

    /// Every node made, waiting to go into the trees.
    struct Rendered {
        /// Owned here until `plant` moves each into the trees.
        let nodes: UnsafeMutablePointer<ZoneNode>
        var hashes: [UInt64] = []
        /// Each node's block, for the fast path's table.
        var addresses: [NodeAddress] = []
        var wildcards = 0
    }

    /// Renders every node, in name order: that is (mostly) the order of the rows each reads.
    func renderNodes() -> Rendered {
        let owners = table.names
        let count = isNode.reduce(0) { $0 + ($1 ? 1 : 0) }
        var rendered = Rendered(nodes: .allocate(capacity: count))
        rendered.hashes.reserveCapacity(count)
        rendered.addresses.reserveCapacity(count)
        withSources { sources in
            var scratch = Scratch()
            for entry in 0..<owners.count where isNode[entry] {
                let made = render(Int32(entry), of: owners, owned: true, children: children[entry], sources, &scratch)
                Self.add(made, Int32(entry), of: owners, to: &rendered)
            }
            for entry in 0..<empty.count {
                let children = children[owners.count + entry]
                let made = render(Int32(entry), of: empty, owned: false, children: children, sources, &scratch)
                Self.add(made, Int32(entry), of: empty, to: &rendered)
            }
        }
        return rendered
    }

    private static func add(_ node: ZoneNode, _ entry: Int32, of names: NameTable, to rendered: inout Rendered) {
        rendered.addresses.append(NodeAddress(node))
        (rendered.nodes + rendered.hashes.count).initialize(to: node)
        rendered.hashes.append(names.hashes[Int(entry)])
        let start = names.range(entry).lowerBound
        if names.bytes[start] == 1 && names.bytes[start + 1] == UInt8(ascii: "*") { rendered.wildcards += 1 }
    }

    /// Puts the rendered nodes in the zone's trees.
    static func plant(_ rendered: Rendered, into zone: inout Zone) {
        let hashes = rendered.hashes
        defer { rendered.nodes.deallocate() }
        // Nodes go into their tree in the order they were made, which is the order of their
        // blocks in memory: putting a node in counts a reference, and so reads its block.
        var nodes = TreeDictionary<NameHash, ZoneNode>()
        var collided = TreeDictionary<NameHash, [ZoneNode]>()
        var first = [Bool](repeating: true, count: hashes.count)
        for index in hashes.indices {
            let hash = NameHash(value: hashes[index])
            if let previous = nodes.updateValue((rendered.nodes + index).move(), forKey: hash) {
                collided[hash, default: []].append(nodes.updateValue(previous, forKey: hash)!)
                first[index] = false
            }
        }
        let firsts = hashes.indices.lazy.filter { first[$0] }
        let table = NodeTable(
            firsts.map { (hash: hashes[$0], base: rendered.addresses[$0].base) }, count: nodes.count)
        zone.nodes = nodes
        zone.nodeIndex = NodeIndex(table)
        zone.collided = collided
        zone.wildcardCount = rendered.wildcards
    }

    private func withSources(_ body: (Sources) -> Void) {
        table.rows.withUnsafeBufferPointer { rows in
            sets.nextMember.withUnsafeBufferPointer { next in
                sets.groups.withUnsafeBufferPointer { groups in
                    sets.firstGroup.withUnsafeBufferPointer { firstGroup in
                        table.arena.withUnsafeBytes { arena in
                            body(Sources(rows: rows, next: next, groups: groups, firstGroup: firstGroup, arena: arena))
                        }
                    }
                }
            }
        }
    }

    /// The node of `entry` in `names` (the owners' table, or `empty`).
    private func render(
        _ entry: Int32, of names: NameTable, owned: Bool, children: UInt32, _ sources: Sources,
        _ scratch: inout Scratch
    ) -> ZoneNode {
        scratch.groups.removeAll(keepingCapacity: true)
        scratch.parts.removeAll(keepingCapacity: true)
        scratch.boxed.removeAll(keepingCapacity: true)
        if owned { Self.collectGroups(at: entry, sources, into: &scratch.groups) }
        var offset = 0
        for group in scratch.groups {
            let set = sources.groups[Int(group)]
            var count = 0
            var bytes = 0
            var isValue = false
            var member = set.first
            while member >= 0 {
                count += 1
                bytes += 2 + Int(sources.rows[Int(member)].rdataLength)
                isValue = isValue || sources.rows[Int(member)].isValue
                member = sources.next[Int(member)]
            }
            if isValue {
                // Only the value keeps what DNS must answer: the set is boxed, as `Part` boxes it.
                let rdatas = sets.members(group).map(table.rdata)
                scratch.boxed.append(RRSet(name: names.name(entry), type: set.type, ttl: set.ttl, rdatas: rdatas))
                scratch.parts.append(
                    NodeWire.Part(
                        type: set.type.rawValue, ttl: set.ttl, count: 0, isBoxed: true, records: offset..<offset))
            } else {
                scratch.parts.append(
                    NodeWire.Part(
                        type: set.type.rawValue, ttl: set.ttl, count: count, isBoxed: false,
                        records: offset..<offset + bytes))
                offset += bytes
            }
        }
        let range = names.range(entry)
        let block = names.bytes.withUnsafeBytes { all in
            NodeBlock.make(
                name: UnsafeRawBufferPointer(rebasing: all[range]), parts: scratch.parts, boxed: scratch.boxed
            ) {
                Self.copyRecords(of: scratch.groups, scratch.parts, sources, to: $0)
            }
        }
        return ZoneNode(block: block, children: children)
    }

    /// RDLENGTH and RDATA of every member of `groups` (those not boxed), in order, from `to` on.
    private static func copyRecords(
        of groups: [Int32], _ parts: [NodeWire.Part], _ sources: Sources, to destination: UnsafeMutableRawPointer
    ) {
        var at = destination
        for (group, part) in zip(groups, parts) where !part.isBoxed {
            var member = sources.groups[Int(group)].first
            while member >= 0 {
                let row = sources.rows[Int(member)]
                at.storeBytes(of: row.rdataLength.bigEndian, as: UInt16.self)
                if row.rdataLength > 0 {
                    (at + 2).copyMemory(from: sources.arena.baseAddress! + row.rdata, byteCount: Int(row.rdataLength))
                }
                at += 2 + Int(row.rdataLength)
                member = sources.next[Int(member)]
            }
        }
    }

    /// The groups at `owner` holding records, by type.
    private static func collectGroups(at owner: Int32, _ sources: Sources, into found: inout [Int32]) {
        let groups = sources.groups
        var group = sources.firstGroup[Int(owner)]
        while group >= 0 {
            if groups[Int(group)].accepted > 0 {
                // Insertion sort: a name holds few types.
                var at = found.count
                found.append(group)
                while at > 0 && groups[Int(found[at - 1])].type.rawValue > groups[Int(group)].type.rawValue {
                    found.swapAt(at, at - 1)
                    at -= 1
                }
            }
            group = groups[Int(group)].nextAtOwner
        }
    }
}
