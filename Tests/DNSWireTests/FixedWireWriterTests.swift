import Testing

@testable import DNSWire

/// `FixedWireWriter` must produce `WireWriter`'s bytes for the same writes: the fast path's
/// replies are compared with the general path's on that promise.
@Suite("Fixed-memory writer: WireWriter's bytes without allocating")
struct FixedWireWriterTests {
    /// Labels from a small alphabet in mixed case, so names share suffixes often.
    static func randomName(_ random: inout RandomSource) -> DomainName {
        let pool = ["www", "WWW", "mail", "Mail", "a", "b", "svc", "example", "EXAMPLE", "com", "org", "x-1"]
        let labels = (0..<Int(random.next() % 5)).map { _ in Array(pool[Int(random.next() % UInt64(pool.count))].utf8) }
        return try! DomainName(labels: labels)
    }

    /// A seeded generator, so a failing sequence repeats.
    struct RandomSource {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
    }

    @Test(arguments: 0..<100)
    func randomWritesMatchWireWriter(seed: Int) {
        var random = RandomSource(state: UInt64(seed))
        let capacity = 70_000
        let memory = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        defer { memory.deallocate() }
        let workspace = FixedWireWriter.Workspace()
        for message in 0..<3 {
            var reference = WireWriter()
            let written = workspace.withWriter(base: memory, capacity: capacity) { fixed in
                // Callers cut only where an earlier write ended (an RRset boundary), never in a name.
                var boundaries = [0]
                if message == 2 {
                    // Names written from here on straddle 0x4000, past which none is remembered.
                    let lead = [UInt8](repeating: 0xEE, count: 0x4000 - 40)
                    reference.writeBytes(lead)
                    lead.withUnsafeBytes { fixed.writeBytes($0.baseAddress!, count: $0.count) }
                    boundaries = [reference.count]
                }
                for _ in 0..<(40 + Int(random.next() % 200)) {
                    Self.writeSomething(&random, &fixed, &reference, &boundaries)
                    #expect(!fixed.tableFull && !fixed.overflowed)
                    boundaries.append(reference.count)
                }
                return fixed.count
            }
            #expect(Array(UnsafeRawBufferPointer(start: memory, count: written)) == reference.bytes)
        }
    }

    /// One write, the same to both writers: raw bytes, a cut, a number or (mostly) a name.
    static func writeSomething(
        _ random: inout RandomSource, _ fixed: inout FixedWireWriter, _ reference: inout WireWriter,
        _ boundaries: inout [Int]
    ) {
        switch random.next() % 10 {
        case 0:
            let bytes = (0..<Int(random.next() % 30)).map { UInt8(truncatingIfNeeded: $0) }
            reference.writeBytes(bytes)
            bytes.withUnsafeBytes { fixed.writeBytes($0.baseAddress!, count: $0.count) }
        case 1:
            let mark = boundaries[Int(random.next() % UInt64(boundaries.count))]
            reference.truncate(to: mark)
            fixed.truncate(to: mark)
            boundaries.removeAll { $0 > mark }
        case 2:
            let value = UInt16(truncatingIfNeeded: random.next())
            reference.writeUInt16(value)
            fixed.writeUInt16(value)
        default:
            let name = randomName(&random)
            let compress = random.next() % 4 != 0
            reference.writeName(name, compress: compress)
            fixed.writeName(name, compress: compress)
        }
    }

    @Test func tooManyNamesFillTheTable() {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 20_000, alignment: 8)
        defer { memory.deallocate() }
        let full = FixedWireWriter.Workspace().withWriter(base: memory, capacity: 20_000) { writer in
            for index in 0..<600 { writer.writeName(name("n\(index).example.")) }
            return writer.tableFull
        }
        #expect(full)
    }

    @Test func aWriteThatDoesNotFitDropsTheRestUntilTruncated() {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 8)
        defer { memory.deallocate() }
        FixedWireWriter.Workspace().withWriter(base: memory, capacity: 16) { writer in
            writer.writeName(name("www.example."))
            writer.writeUInt32(7)
            writer.writeUInt8(1)
            #expect(writer.overflowed)
            #expect(writer.count == 13)
            writer.truncate(to: 13)
            #expect(!writer.overflowed)
            writer.writeUInt16(0xC000)
            #expect(writer.count == 15)
        }
    }
}
