import DNSWire

/// The fast path's `Answer`: what one query gets, decided before any byte is written and
/// without allocating. Its entries (answer sets, then additional sets) and the names they refer
/// to live in the responder's `QueryScratch`.
struct FastPlan {
    static let maxSeenTargets = 256

    let starts: UnsafeMutablePointer<UInt8>
    let hashes: UnsafeMutablePointer<UInt64>
    let arena: UnsafeMutableRawPointer
    let entries: UnsafeMutablePointer<PlanEntry>
    let seen: UnsafeMutablePointer<NameRef>
    var arenaUsed = 0
    /// Labels of the name copied last; `starts` and `hashes` describe it.
    var labels = 0

    /// False when no zone holds the name: the reply is REFUSED.
    var authoritative = true
    var rcode: UInt8 = 0
    var answerCount = 0
    /// The zone's SOA goes in the authority section (NXDOMAIN, NODATA).
    var negative = false
    var additionalCount = 0
    var seenCount = 0
    /// The question's last labels that name the zone's apex (the apex in the client's case).
    var apex = NameRef(offset: 0, length: 0, hash: 0)

    init(_ scratch: QueryScratch) {
        starts = scratch.starts
        hashes = scratch.hashes
        arena = scratch.arena
        entries = scratch.entries
        seen = scratch.seen
    }

    var entryCount: Int { answerCount + additionalCount }

    func bytes(_ name: NameRef) -> UnsafeRawPointer { UnsafeRawPointer(arena + name.offset) }

    /// Copies the uncompressed, well-formed name at `wire` into the arena and hashes it;
    /// `starts`, `hashes` and `labels` then describe it. Nil when the arena is full.
    mutating func copy(_ wire: UnsafeRawPointer) -> NameRef? {
        labels = NameHash.suffixes(of: wire, starts: starts, hashes: hashes)
        let length = Int(starts[labels]) + 1
        guard arenaUsed + length <= QueryScratch.arenaSize else { return nil }
        (arena + arenaUsed).copyMemory(from: wire, byteCount: length)
        defer { arenaUsed += length }
        return NameRef(offset: arenaUsed, length: length, hash: hashes[0])
    }

    /// Copies a name whose length and hash are known, leaving `starts` and `hashes` as they were.
    mutating func copy(_ wire: UnsafeRawPointer, length: Int, hash: UInt64) -> NameRef? {
        guard arenaUsed + length <= QueryScratch.arenaSize else { return nil }
        (arena + arenaUsed).copyMemory(from: wire, byteCount: length)
        defer { arenaUsed += length }
        return NameRef(offset: arenaUsed, length: length, hash: hash)
    }

    /// The last `count` labels of `name`, the name copied last.
    func suffix(of name: NameRef, labels count: Int) -> NameRef {
        let start = Int(starts[labels - count])
        return NameRef(offset: name.offset + start, length: name.length - start, hash: hashes[labels - count])
    }

    /// Gives back the arena space of `name`, the last name copied.
    mutating func drop(_ name: NameRef) { arenaUsed = name.offset }

    func same(_ a: NameRef, _ b: NameRef) -> Bool {
        a.hash == b.hash && a.length == b.length && NameHash.equalNames(bytes(a), bytes(b), length: a.length)
    }

    /// True when `name` owns one of the answer section's sets.
    func ownsAnAnswer(_ name: NameRef) -> Bool {
        // Plain loops here: a generic algorithm left unspecialised (debug builds) boxes its indexes.
        var index = 0
        while index < answerCount {
            if same(entries[index].owner, name) { return true }
            index += 1
        }
        return false
    }

    /// Adds the set at `index` of `node`, under `owner`, to the answer section (before any
    /// additional set) or else to the additional section. False when the plan is full.
    mutating func append(_ node: NodeWire, set index: Int, owner: NameRef, additional: Bool) -> Bool {
        guard entryCount < QueryScratch.maxEntries else { return false }
        entries[entryCount] = PlanEntry(node: node, set: index, owner: owner)
        if additional { additionalCount += 1 } else { answerCount += 1 }
        return true
    }

    /// Records `target` among the additional-section targets met; false when it was met before
    /// or there is no room left to remember it (`full` then says so).
    mutating func firstSighting(_ target: NameRef, full: inout Bool) -> Bool {
        var index = 0
        while index < seenCount {
            if same(seen[index], target) { return false }
            index += 1
        }
        guard seenCount < Self.maxSeenTargets else {
            full = true
            return false
        }
        seen[seenCount] = target
        seenCount += 1
        return true
    }
}
