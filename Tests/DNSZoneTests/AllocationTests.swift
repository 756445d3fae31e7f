import CAllocationCounter
import DNSWire
import HotPathMix
import Testing

@testable import DNSZone

/// The query hot path allocates nothing once warm: counted by the C allocator interposed in
/// the test executable, on this test's thread only. (A release build also counts references:
/// Tests/HotPathCheck, which scripts/test.sh runs.)
@Suite("Responder: no heap allocation per common query")
struct AllocationTests {
    @Test("10,000 common queries after a warm-up allocate nothing", arguments: RRsetOrder.allCases)
    func commonQueriesAllocateNothing(order: RRsetOrder) {
        let responder = Responder(zones: ZoneSet([ServiceZone.zone]), configuration: .init(rrsetOrder: order))
        let counts = HotPathMix.measure(responder, rounds: 10_000)
        #expect(counts.wrongReplies.isEmpty, "mix entries answered wrongly")
        #expect(counts.allocations == 0)
        #expect(counts.frees == 0)
        #expect(counts.replyBytes > 10_000 * 12)
    }

    @Test func theCounterSeesAllocations() {
        let responder = Responder(zones: ZoneSet([TestZone.zone]))
        let wildcard = ResponderTests.query("host.wild", .a)
        _ = responder.respond(to: wildcard)
        // The general path (a wildcard answer) and the copying entry point both allocate.
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_535, alignment: 8)
        defer { output.deallocate() }
        allocation_counter_start()
        let length = wildcard.withUnsafeBytes { responder.respond(to: $0, overTCP: false, into: output) }
        let general = allocation_counter_stop()
        #expect(length > 0)
        #expect(general.allocations > 0)
        #expect(general.frees > 0)
        allocation_counter_start()
        let copied = responder.respond(to: ResponderTests.query("www", .a))
        let array = allocation_counter_stop()
        #expect(copied != nil)
        #expect(array.allocations > 0)
    }
}
