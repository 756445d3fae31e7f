import DNSWire
import HashTreeCollections

/// Makes a `Zone` from records gathered into sets, in one pass per name: links every owner to its
/// parent (adding the empty non-terminals between it and the apex), renders each node's block
/// straight from the RDATA bytes, and fills the trees, which are uniquely held while they grow.
struct ZoneBuilder {
    let origin: DomainName
    /// Let go once the nodes are rendered: when the builder holds the only reference, the
    /// records' memory is free before the trees take theirs.
    var table: RecordTable
    var sets: SetTable
    /// Names between owners and the apex that own nothing; node `names.count + i` is entry `i`.
    var empty = NameTable()
    /// Per node: the nodes directly below it, and whether it is linked to its parent yet.
    var children: [UInt32]
    private var linked: [Bool]
    var isNode: [Bool]

    init(origin: DomainName, table: RecordTable, sets: SetTable) {
        self.origin = origin
        self.table = table
        self.sets = sets
        children = Array(repeating: 0, count: table.names.count)
        linked = Array(repeating: false, count: table.names.count)
        isNode = Array(repeating: false, count: table.names.count)
    }

    /// The zone; `sets` must hold an SOA at `origin`.
    mutating func build() -> Zone {
        guard let apex = table.names.find(origin), let soaGroup = sets.group(at: apex, .soa),
            sets.groups[Int(soaGroup)].accepted > 0,
            case .soa(let soa) = table.rdata(sets.groups[Int(soaGroup)].first)
        else { preconditionFailure("a zone is built only from records with an SOA at the apex") }
        isNode[Int(apex)] = true
        linked[Int(apex)] = true
        let apexLabels = origin.labelCount
        var delegations = 0
        let names = table.names
        names.bytes.withUnsafeBytes { all in
            for entry in 0..<Int32(names.count) where names.canonical[Int(entry)] == entry {
                guard sets.hasGroups(entry) else { continue }
                isNode[Int(entry)] = true
                let range = names.range(entry)
                link(
                    entry, all.baseAddress! + range.lowerBound, length: range.count, apex: apex, apexLabels: apexLabels)
                if entry != apex, let ns = sets.group(at: entry, .ns), sets.groups[Int(ns)].accepted > 0 {
                    delegations += 1
                }
            }
        }
        var zone = Zone(
            origin: origin, soa: soa, soaTTL: sets.groups[Int(soaGroup)].ttl,
            recordCount: sets.groups.reduce(0) { $0 + Int($1.accepted) })
        zone.delegationCount = delegations
        let rendered = renderNodes()
        table = RecordTable()
        sets = SetTable()
        empty = NameTable()
        Self.plant(rendered, into: &zone)
        return zone
    }

    /// Links `entry`, named by the `length` octets at `wire`, to its parent, and the parent to
    /// its own, until one already is.
    private mutating func link(_ entry: Int32, _ wire: UnsafeRawPointer, length: Int, apex: Int32, apexLabels: Int) {
        guard !linked[Int(entry)] else { return }
        // A name right below the apex (most of them) needs no lookup.
        if Self.labelCount(wire) == apexLabels + 1 {
            linked[Int(entry)] = true
            children[Int(apex)] += 1
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: NameHash.maxLabels + 1) { starts in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: NameHash.maxLabels + 1) { hashes in
                let labels = NameHash.suffixes(of: wire, starts: starts.baseAddress!, hashes: hashes.baseAddress!)
                var child = Int(entry)
                var label = 1
                while !linked[child] && label <= labels - apexLabels {
                    linked[child] = true
                    let start = Int(starts[label])
                    let parent = node(wire + start, length: length - start, hash: hashes[label])
                    children[parent] += 1
                    child = parent
                    label += 1
                }
            }
        }
    }

    /// Labels of the uncompressed name at `wire`, besides the root.
    static func labelCount(_ wire: UnsafeRawPointer) -> Int {
        var count = 0
        var index = 0
        while true {
            let length = Int(wire.load(fromByteOffset: index, as: UInt8.self))
            if length == 0 { return count }
            count += 1
            index += length + 1
        }
    }

    /// The node named by the name at `wire`: an owner's, or an empty non-terminal's, made if new.
    private mutating func node(_ wire: UnsafeRawPointer, length: Int, hash: UInt64) -> Int {
        if let entry = table.names.find(wire, length: length, hash: hash) {
            isNode[Int(entry)] = true
            return Int(entry)
        }
        if let entry = empty.find(wire, length: length, hash: hash) { return table.names.count + Int(entry) }
        let entry = empty.intern(
            UnsafeBufferPointer(start: wire.assumingMemoryBound(to: UInt8.self), count: length), hash: hash)
        children.append(0)
        linked.append(false)
        isNode.append(true)
        return table.names.count + Int(entry)
    }
}
