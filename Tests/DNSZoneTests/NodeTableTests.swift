import DNSWire
import HashTreeCollections
import Testing

@testable import DNSZone

@Suite("Node table: flat lookup with changes folded in")
struct NodeTableTests {
    /// A fake block address: the table only stores and compares them.
    static func base(_ value: Int) -> UnsafeRawPointer { UnsafeRawPointer(bitPattern: value * 16 + 16)! }

    /// Hashes crowded onto a few home slots, so probes run long and wrap around the table's end.
    static func crowdedHash(_ key: Int) -> UInt64 { UInt64(key) << 32 | UInt64(key % 5) | 0xFFF0 }

    static func expectMatches(_ table: NodeTable, _ model: [UInt64: UnsafeRawPointer], probes: Range<Int>) {
        #expect(table.count == model.count)
        for key in probes {
            let hash = crowdedHash(key)
            #expect(table.lookup(hash) == model[hash], "hash of key \(key)")
        }
    }

    @Test func applyingChangesMatchesADictionary() {
        var generator = SplitMix64(seed: 7)
        var model: [UInt64: UnsafeRawPointer] = [:]
        var table = NodeTable.empty
        var largestCapacity = 0
        for round in 0..<60 {
            var changes = TreeDictionary<NameHash, NodeAddress?>()
            // Early rounds grow the table, later ones shrink it, the middle ones churn in place.
            let additions = round < 20 ? 12 : round < 40 ? 4 : 1
            let removals = round < 20 ? 2 : round < 40 ? 4 : 9
            for _ in 0..<additions {
                let hash = Self.crowdedHash(Int(generator.next() % 400))
                let address = Self.base(Int(generator.next() % 1_000))
                changes[NameHash(value: hash)] = .some(NodeAddress(base: address))
            }
            for _ in 0..<removals {
                let hash = Self.crowdedHash(Int(generator.next() % 400))
                changes[NameHash(value: hash)] = .some(nil)
            }
            for (hash, address) in changes { model[hash.value] = address?.base }
            table = table.applying(changes)
            Self.expectMatches(table, model, probes: 0..<400)
            largestCapacity = max(largestCapacity, table.mask + 1)
        }
        // The shrinking rounds gave the table a smaller capacity than it had at its largest.
        #expect(table.mask + 1 < largestCapacity)
    }

    @Test func buildingFromEntriesFindsEachAndNothingElse() {
        let entries = (0..<1_000).map { (hash: Self.crowdedHash($0), base: Self.base($0)) }
        let table = NodeTable(entries, count: entries.count)
        var model: [UInt64: UnsafeRawPointer] = [:]
        for entry in entries { model[entry.hash] = entry.base }
        Self.expectMatches(table, model, probes: 0..<1_500)
        #expect(table.mask + 1 == 2_048)
    }

    @Test func indexFoldsChangesAndKeepsEarlierCopiesWhole() {
        var index = NodeIndex()
        var copies: [(NodeIndex, [UInt64: UnsafeRawPointer])] = []
        var model: [UInt64: UnsafeRawPointer] = [:]
        var generator = SplitMix64(seed: 11)
        for step in 0..<3_000 {
            let hash = Self.crowdedHash(Int(generator.next() % 700))
            let address = generator.next() % 4 == 0 ? nil : NodeAddress(base: Self.base(step))
            index.set(address, for: NameHash(value: hash))
            model[hash] = address?.base
            if step % 250 == 0 { copies.append((index, model)) }
            #expect(index.changes.count <= max(64, index.table.count / 8))
        }
        copies.append((index, model))
        for (copy, expected) in copies {
            #expect(copy.count == expected.count)
            for key in 0..<700 {
                let hash = Self.crowdedHash(key)
                #expect(copy[NameHash(value: hash)]?.base == expected[hash])
            }
        }
    }
}
