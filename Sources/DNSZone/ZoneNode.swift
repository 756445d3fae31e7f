import DNSWire

/// Everything a zone holds at one name: its RRsets pre-rendered in one `NodeWire` block, plus the
/// sets DNS selects from per answer (routing policies, aliases), kept as values. A node with no
/// RRsets is an empty non-terminal: it exists (NODATA, not NXDOMAIN) because names below it do.
///
/// Sendable though `NodeBlock` (a `ManagedBuffer`) cannot say so: a block never changes once made.
struct ZoneNode: @unchecked Sendable {
    /// The `NodeWire` bytes, and the sets they mark boxed.
    private(set) var block: NodeBlock
    /// Nodes directly below this one; an empty node with none left is removed.
    var children: UInt32 = 0

    /// A node holding `sets` (any order, one per type) at `name`.
    init(name: DomainName, sets: [RRSet] = [], children: UInt32 = 0) {
        let sorted = sets.sorted { $0.type.rawValue < $1.type.rawValue }
        var records: [UInt8] = []
        let parts = sorted.map { NodeWire.Part($0, appendingTo: &records) }
        let boxed = zip(sorted, parts).filter { $0.1.isBoxed }.map(\.0)
        block = name.wire.withUnsafeBytes { name in
            records.withUnsafeBytes { NodeBlock.make(name: name, parts: parts, records: $0, boxed: boxed) }
        }
        self.children = children
    }

    init(block: NodeBlock, children: UInt32) {
        self.block = block
        self.children = children
    }

    @inline(__always)
    func withWire<Result>(_ body: (NodeWire) -> Result) -> Result { block.withWire(body) }

    /// The block's bytes, valid as long as the block lives: for the fast path, which holds the
    /// zone (and so every block) for the whole query.
    var wire: NodeWire { block.withWire { $0 } }

    /// The sets selected per answer, by type.
    var boxed: [RRSet] { block.boxed }

    var name: DomainName {
        withWire { node in
            var reader = WireReader(UnsafeRawBufferPointer(start: node.base, count: 1 + node.nameLength), offset: 1)
            do throws(WireError) {
                return try reader.readName()
            } catch {
                preconditionFailure("a node block holds a well-formed owner name: \(error)")
            }
        }
    }

    var isEmptyNonTerminal: Bool { withWire { $0.setCount == 0 } }

    /// True when the node is named by the uncompressed name at `wire`, `length` octets.
    func isNamed(_ wire: UnsafeRawPointer, length: Int) -> Bool { withWire { $0.named(wire, length: length) } }

    func isNamed(_ other: DomainName) -> Bool {
        other.wire.withUnsafeBytes { isNamed($0.baseAddress!, length: $0.count) }
    }

    func has(_ type: RRType) -> Bool { withWire { $0.set(ofType: type.rawValue) != nil } }

    /// The stored set of `type`, named as the node is.
    func rrset(_ type: RRType) -> RRSet? {
        let found: (isBoxed: Bool, set: RRSet?)? = withWire { node in
            guard let set = node.set(ofType: type.rawValue) else { return nil }
            return set.isBoxed ? (true, nil) : (false, Self.decode(set, owner: name))
        }
        guard let found else { return nil }
        return found.isBoxed ? boxed.first { $0.type == type } : found.set
    }

    /// Every stored set, by type number.
    var rrsets: [RRSet] {
        let owner = name
        return withWire { node in
            (0..<node.setCount).map { index in
                let set = node.set(at: index)
                guard !set.isBoxed else { return boxed.first { $0.type.rawValue == set.type }! }
                return Self.decode(set, owner: owner)
            }
        }
    }

    /// Records of `type` the zone counts (see `RRSet.recordCount`); 0 when there is no such set.
    func recordCount(_ type: RRType) -> Int {
        let stored: (isBoxed: Bool, count: Int)? = withWire { node in
            node.set(ofType: type.rawValue).map { ($0.isBoxed, $0.count) }
        }
        guard let stored else { return 0 }
        return stored.isBoxed ? boxed.first { $0.type == type }!.recordCount : stored.count
    }

    /// This node with the set of `type` replaced by `rrset`, or removed when it is nil.
    func replacing(_ type: RRType, with rrset: RRSet?) -> ZoneNode {
        // The new set's records go after the old block's bytes, so every part reads one buffer.
        var bytes = block.bytes
        var parts = withWire { node in (0..<node.setCount).map { NodeWire.Part(node.set(at: $0)) } }
            .filter { $0.type != type.rawValue }
        var boxed = boxed.filter { $0.type != type }
        if let rrset {
            let part = NodeWire.Part(rrset, appendingTo: &bytes)
            parts.insert(part, at: parts.firstIndex { $0.type > type.rawValue } ?? parts.endIndex)
            if part.isBoxed { boxed.append(rrset) }
        }
        boxed.sort { $0.type.rawValue < $1.type.rawValue }
        let block = bytes.withUnsafeBytes { raw in
            NodeBlock.make(
                name: UnsafeRawBufferPointer(rebasing: raw[1..<1 + Int(raw[0])]), parts: parts, records: raw,
                boxed: boxed)
        }
        return ZoneNode(block: block, children: children)
    }

    /// A pre-rendered set as a value again; its bytes came from a value that decodes back to itself.
    static func decode(_ set: SetWire, owner: DomainName) -> RRSet {
        let type = RRType(rawValue: set.type)
        var reader = WireReader(UnsafeRawBufferPointer(start: set.records, count: set.byteCount))
        var rdatas: [RData] = []
        rdatas.reserveCapacity(set.count)
        do throws(WireError) {
            for _ in 0..<set.count {
                let length = Int(try reader.readUInt16())
                rdatas.append(try RData(type: type, from: &reader, length: length))
            }
        } catch {
            preconditionFailure("a pre-rendered \(type) set does not decode: \(error)")
        }
        return RRSet(name: owner, type: type, ttl: set.ttl, rdatas: rdatas)
    }
}
