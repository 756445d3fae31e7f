import DNSWire

/// Memory one responder reuses for every query, so that the fast path allocates nothing once the
/// first queries have sized it. Used by one thread at a time, like its responder.
final class QueryScratch {
    static let arenaSize = 16_384
    static let maxEntries = 64
    static let messageSize = 65_535

    /// Label starts and suffix hashes of the name being looked at (`NameHash.suffixes`).
    let starts: UnsafeMutablePointer<UInt8>
    let hashes: UnsafeMutablePointer<UInt64>
    /// Copies of the names a plan refers to, so it can compare and write them wherever they came from.
    let arena: UnsafeMutableRawPointer
    /// The RRsets a plan will write (plain values, overwritten by each query).
    let entries: UnsafeMutablePointer<PlanEntry>
    /// Additional-section targets met while planning, to add each once.
    let seen: UnsafeMutablePointer<NameRef>
    /// Record offsets of a set being shuffled; grows to the largest set met.
    private(set) var offsets: UnsafeMutableBufferPointer<UInt32>
    /// Where a reply is written when the caller's buffer is smaller than a message can be.
    let message: UnsafeMutableRawPointer
    let names: FixedWireWriter.Workspace

    init() {
        starts = .allocate(capacity: NameHash.maxLabels + 1)
        hashes = .allocate(capacity: NameHash.maxLabels + 1)
        arena = .allocate(byteCount: Self.arenaSize, alignment: 8)
        entries = .allocate(capacity: Self.maxEntries)
        seen = .allocate(capacity: FastPlan.maxSeenTargets)
        offsets = .allocate(capacity: 64)
        message = .allocate(byteCount: Self.messageSize, alignment: 8)
        names = FixedWireWriter.Workspace()
    }

    deinit {
        starts.deallocate()
        hashes.deallocate()
        arena.deallocate()
        entries.deallocate()
        seen.deallocate()
        offsets.deallocate()
        message.deallocate()
    }

    /// Room for the offsets of a set of `count` records.
    func offsets(for count: Int) -> UnsafeMutableBufferPointer<UInt32> {
        if offsets.count < count {
            offsets.deallocate()
            offsets = .allocate(capacity: max(count, offsets.count * 2))
        }
        return UnsafeMutableBufferPointer(rebasing: offsets[..<count])
    }
}
