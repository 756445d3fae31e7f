import CAllocationCounter
import DNSWire
import Testing

@testable import DNSZone

/// The query hot path allocates nothing once warm: counted by the C allocator interposed in
/// the test executable, on this test's thread only.
@Suite("Responder: no heap allocation per common query")
struct AllocationTests {
    /// The mix: rotation, AAAA, SRV with additionals, a CNAME chain, NXDOMAIN, NODATA, with and
    /// without EDNS, and an answer truncated over UDP; each with what its reply must show.
    static let mix: [(query: [UInt8], overTCP: Bool, check: @Sendable (Message) -> Bool)] = [
        (ServiceZone.query("web", .a), false, { $0.answers.count == 4 }),
        (ServiceZone.query("web", .a, edns: EDNS()), false, { $0.answers.count == 4 && $0.edns != nil }),
        (ServiceZone.query("web", .aaaa, edns: EDNS(dnssecOK: true)), false, { $0.answers.count == 2 }),
        (ServiceZone.query("_http._tcp.web", .srv), false, { $0.answers.count == 5 && $0.additionals.count == 4 }),
        (
            ServiceZone.query("chain1", .a, edns: EDNS()), false,
            { $0.answers.map(\.type) == [.cname, .cname, .cname, .a, .a, .a, .a] }
        ),
        (ServiceZone.query("nothere", .a), false, { $0.responseCode == .nameError && $0.authorities.count == 1 }),
        (
            ServiceZone.query("web", .mx, edns: EDNS()), false,
            { $0.answers.isEmpty && $0.authorities.map(\.type) == [.soa] }
        ),
        (ServiceZone.query("@", .mx), true, { $0.answers.count == 2 && $0.additionals.count == 1 }),
        (ServiceZone.query("big", .a), false, { $0.header.isTruncated && $0.answers.isEmpty }),
        (ServiceZone.query("big", .a, edns: EDNS(udpPayloadSize: 4096)), true, { $0.answers.count == 100 }),
        (ServiceZone.query("example.org.", .a), false, { $0.responseCode == .refused }),
    ]

    @Test("10,000 common queries after a warm-up allocate nothing", arguments: RRsetOrder.allCases)
    func commonQueriesAllocateNothing(order: RRsetOrder) throws {
        let responder = Responder(zones: ZoneSet([ServiceZone.zone]), configuration: .init(rrsetOrder: order))
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_535, alignment: 8)
        defer { output.deallocate() }
        let packets = Self.mix.map { entry in
            let packet = UnsafeMutableRawBufferPointer.allocate(byteCount: entry.query.count, alignment: 8)
            packet.copyBytes(from: entry.query)
            return (UnsafeRawBufferPointer(packet), entry.overTCP)
        }
        defer { for packet in packets { packet.0.deallocate() } }
        // Warm-up, which also checks that each query gets the reply the mix means it to.
        for (index, packet) in packets.enumerated() {
            let length = responder.respond(to: packet.0, overTCP: packet.1, into: output)
            let reply = try Message(decoding: Array(output[..<length]))
            #expect(Self.mix[index].check(reply), "query \(index) of the mix")
        }
        var total = 0
        allocation_counter_start()
        for round in 0..<10_000 {
            let packet = packets[round % packets.count]
            total &+= responder.respond(to: packet.0, overTCP: packet.1, into: output)
        }
        let counted = allocation_counter_stop()
        #expect(counted.allocations == 0)
        #expect(counted.frees == 0)
        #expect(total > 10_000 * 12)
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
