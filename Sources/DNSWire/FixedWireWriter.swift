/// An append-only message builder over memory the caller owns, for the query hot path: it never
/// allocates. Names compress exactly as `WireWriter` compresses them (the same pointers, so the
/// same bytes): each suffix written in full is remembered in a fixed hash table keyed by
/// `NameHash`, and a candidate is confirmed against the bytes already written.
///
/// A writer exists only inside `Workspace.withWriter(base:capacity:_:)`, which keeps the workspace
/// alive without counting references per message; the memory behind `base` must outlive the call.
public struct FixedWireWriter {
    public let base: UnsafeMutableRawPointer
    public let capacity: Int
    public private(set) var count = 0
    /// A write did not fit in `capacity` and was dropped; `truncate(to:)` clears it.
    public private(set) var overflowed = false
    /// More suffixes than the table holds: from then on compression may differ from `WireWriter`'s.
    public private(set) var tableFull = false
    let slots: UnsafeMutablePointer<Slot>
    let starts: UnsafeMutablePointer<UInt8>
    let hashes: UnsafeMutablePointer<UInt64>
    let inserted: UnsafeMutablePointer<UInt16>
    let generation: UInt32
    var insertedCount = 0

    /// Starts an empty message at `base`; forgets the names of the workspace's previous message.
    @usableFromInline
    init(base: UnsafeMutableRawPointer, capacity: Int, workspace: borrowing Workspace) {
        self.base = base
        self.capacity = capacity
        slots = workspace.slots
        starts = workspace.starts
        hashes = workspace.hashes
        inserted = workspace.inserted
        generation = workspace.nextGeneration()
    }

    /// Once a write is dropped, later ones are too, until `truncate(to:)`: no gaps in the message.
    @inline(__always)
    func fits(_ extra: Int) -> Bool { !overflowed && count + extra <= capacity }

    public mutating func writeUInt8(_ value: UInt8) {
        guard fits(1) else { return overflow() }
        base.storeBytes(of: value, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    public mutating func writeUInt16(_ value: UInt16) {
        guard fits(2) else { return overflow() }
        base.storeBytes(of: value.bigEndian, toByteOffset: count, as: UInt16.self)
        count += 2
    }

    public mutating func writeUInt32(_ value: UInt32) {
        guard fits(4) else { return overflow() }
        base.storeBytes(of: value.bigEndian, toByteOffset: count, as: UInt32.self)
        count += 4
    }

    public mutating func writeBytes(_ source: UnsafeRawPointer, count length: Int) {
        guard fits(length) else { return overflow() }
        (base + count).copyMemory(from: source, byteCount: length)
        count += length
    }

    /// Overwrites two bytes already written.
    public func setUInt16(_ value: UInt16, at index: Int) {
        guard index + 2 <= count else { return }
        base.storeBytes(of: value.bigEndian, toByteOffset: index, as: UInt16.self)
    }

    /// Drops everything from `mark` on, and the names remembered there.
    public mutating func truncate(to mark: Int) {
        guard mark < count || overflowed else { return }
        count = min(count, mark)
        overflowed = false
        for index in 0..<insertedCount where slots[Int(inserted[index])].offset >= UInt32(mark) {
            slots[Int(inserted[index])].offset = Slot.forgotten
        }
    }

    mutating func overflow() { overflowed = true }

    /// Writes the uncompressed name at `wire` (trusted: well formed), as a pointer to an earlier
    /// copy of its longest known suffix when `compress` is true. Every suffix written in full is
    /// remembered either way while its offset fits a 14-bit pointer, replacing an earlier one.
    public mutating func writeName(_ wire: UnsafeRawPointer, compress: Bool = true) {
        let labels = NameHash.suffixes(of: wire, starts: starts, hashes: hashes)
        writeName(wire, labels: labels, starts: starts, hashes: hashes, compress: compress)
    }

    /// `writeName(_:compress:)` for a name whose suffixes are hashed already (`NameHash.suffixes`).
    public mutating func writeName(
        _ wire: UnsafeRawPointer, labels: Int, starts: UnsafePointer<UInt8>, hashes: UnsafePointer<UInt64>,
        compress: Bool = true
    ) {
        let nameLength = Int(starts[labels]) + 1
        var label = 0
        while label < labels {
            let suffix = wire + Int(starts[label])
            let suffixLength = nameLength - Int(starts[label])
            if compress, let target = find(hashes[label], suffix, length: suffixLength) {
                writeUInt16(0xC000 | UInt16(target))
                return
            }
            if count < 0x4000 { remember(hashes[label], suffix, length: suffixLength, at: count, replacing: !compress) }
            writeBytes(suffix, count: Int(suffix.load(as: UInt8.self)) + 1)
            label += 1
        }
        writeUInt8(0)
    }

    /// `writeName(_:compress:)` for a name of `length` octets whose hash is known: most names a
    /// reply writes are owners met before in full, so one probe usually settles it, unhashed.
    public mutating func writeName(_ wire: UnsafeRawPointer, length: Int, hash: UInt64) {
        if let target = find(hash, wire, length: length) {
            writeUInt16(0xC000 | UInt16(target))
        } else {
            writeName(wire)
        }
    }

    public mutating func writeName(_ name: DomainName, compress: Bool = true) {
        name.wire.withUnsafeBytes { writeName($0.baseAddress!, compress: compress) }
    }
}

extension FixedWireWriter {
    struct Slot {
        /// An offset no message reaches: the slot stays in probe chains but matches nothing.
        static let forgotten = UInt32.max
        var hash: UInt64
        var offset: UInt32
        var generation: UInt32
    }

    /// The offset of a name equal to `suffix` (`length` octets) written earlier, if remembered.
    func find(_ hash: UInt64, _ suffix: UnsafeRawPointer, length: Int) -> Int? {
        guard let slot = slot(for: hash, suffix, length: length) else { return nil }
        return Int(slots[slot].offset)
    }

    /// The live slot remembering `suffix`, if any.
    func slot(for hash: UInt64, _ suffix: UnsafeRawPointer, length: Int) -> Int? {
        let mask = Workspace.slotCount - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].generation == generation {
            let slot = slots[index]
            if slot.hash == hash, slot.offset != Slot.forgotten, written(suffix, length: length, at: Int(slot.offset)) {
                return index
            }
            index = (index + 1) & mask
        }
        return nil
    }

    mutating func remember(
        _ hash: UInt64, _ suffix: UnsafeRawPointer, length: Int, at offset: Int, replacing: Bool
    ) {
        if replacing, let existing = slot(for: hash, suffix, length: length) {
            slots[existing].offset = UInt32(offset)
            return
        }
        guard insertedCount < Workspace.maxNames else {
            tableFull = true
            return
        }
        let mask = Workspace.slotCount - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].generation == generation { index = (index + 1) & mask }
        slots[index] = Slot(hash: hash, offset: UInt32(offset), generation: generation)
        inserted[insertedCount] = UInt16(index)
        insertedCount += 1
    }

    /// True when the name written at `offset` (following its pointers) equals the uncompressed
    /// `suffix` of `length` octets, ignoring case. Pointers in written names always lead backwards.
    func written(_ suffix: UnsafeRawPointer, length: Int, at offset: Int) -> Bool {
        // Most often the name is there in full, and one comparison settles it.
        if offset + length <= count && NameHash.equalNames(base + offset, suffix, length: length) { return true }
        var position = offset
        var index = 0
        while position < count {
            var length = Int(base.load(fromByteOffset: position, as: UInt8.self))
            if length & 0xC0 == 0xC0 {
                let target = (length & 0x3F) << 8 | Int(base.load(fromByteOffset: position + 1, as: UInt8.self))
                guard target < position else { return false }
                position = target
                continue
            }
            guard length == Int(suffix.load(fromByteOffset: index, as: UInt8.self)) else { return false }
            if length == 0 { return true }
            length += 1
            guard position + length <= count,
                NameHash.equalNames(base + position + 1, suffix + index + 1, length: length - 1)
            else { return false }
            position += length
            index += length
        }
        return false
    }
}

extension FixedWireWriter {
    /// The memory a writer remembers names in, made once and reused for every message.
    public final class Workspace {
        /// Twice the names a message may remember, so probe chains stay short.
        static let slotCount = 1024
        static let maxNames = 512

        let slots: UnsafeMutablePointer<Slot>
        let starts: UnsafeMutablePointer<UInt8>
        let hashes: UnsafeMutablePointer<UInt64>
        let inserted: UnsafeMutablePointer<UInt16>
        private var generation: UInt32 = 0

        public init() {
            slots = .allocate(capacity: Self.slotCount)
            slots.initialize(repeating: Slot(hash: 0, offset: 0, generation: 0), count: Self.slotCount)
            starts = .allocate(capacity: NameHash.maxLabels + 1)
            hashes = .allocate(capacity: NameHash.maxLabels + 1)
            inserted = .allocate(capacity: Self.maxNames)
        }

        deinit {
            slots.deallocate()
            starts.deallocate()
            hashes.deallocate()
            inserted.deallocate()
        }

        /// Runs `body` with a writer for one message at `base` (`capacity` octets); the writer
        /// must not be kept past the call.
        @inlinable
        public func withWriter<Result>(
            base: UnsafeMutableRawPointer, capacity: Int, _ body: (inout FixedWireWriter) -> Result
        ) -> Result {
            var writer = FixedWireWriter(base: base, capacity: capacity, workspace: self)
            return withExtendedLifetime(self) { body(&writer) }
        }

        /// A fresh stamp for the next message; slots stamped otherwise count as empty.
        func nextGeneration() -> UInt32 {
            generation &+= 1
            if generation == 0 {
                slots.update(repeating: Slot(hash: 0, offset: 0, generation: 0), count: Self.slotCount)
                generation = 1
            }
            return generation
        }
    }
}
