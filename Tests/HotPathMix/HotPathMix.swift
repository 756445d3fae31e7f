import CAllocationCounter
import DNSWire
import DNSZone

/// The common queries the hot path must answer without allocating or counting references, each
/// with what its reply must show, and the loop that counts them over many `Responder` calls.
public enum HotPathMix {
    public struct Entry: Sendable {
        public let query: [UInt8]
        public let overTCP: Bool
        public let check: @Sendable (Message) -> Bool
    }

    /// Rotation, AAAA, SRV with additionals, a CNAME chain, NXDOMAIN, NODATA, with and without
    /// EDNS, an answer truncated over UDP, TCP, and a name outside every zone.
    public static let entries: [Entry] = [
        Entry(query: ServiceZone.query("web", .a), overTCP: false) { $0.answers.count == 4 },
        Entry(query: ServiceZone.query("web", .a, edns: EDNS()), overTCP: false) {
            $0.answers.count == 4 && $0.edns != nil
        },
        Entry(query: ServiceZone.query("web", .aaaa, edns: EDNS(dnssecOK: true)), overTCP: false) {
            $0.answers.count == 2
        },
        Entry(query: ServiceZone.query("_http._tcp.web", .srv), overTCP: false) {
            $0.answers.count == 5 && $0.additionals.count == 4
        },
        Entry(query: ServiceZone.query("chain1", .a, edns: EDNS()), overTCP: false) {
            $0.answers.map(\.type) == [.cname, .cname, .cname, .a, .a, .a, .a]
        },
        Entry(query: ServiceZone.query("nothere", .a), overTCP: false) {
            $0.responseCode == .nameError && $0.authorities.count == 1
        },
        Entry(query: ServiceZone.query("web", .mx, edns: EDNS()), overTCP: false) {
            $0.answers.isEmpty && $0.authorities.map(\.type) == [.soa]
        },
        Entry(query: ServiceZone.query("@", .mx), overTCP: true) {
            $0.answers.count == 2 && $0.additionals.count == 1
        },
        Entry(query: ServiceZone.query("big", .a), overTCP: false) { $0.header.isTruncated && $0.answers.isEmpty },
        Entry(query: ServiceZone.query("big", .a, edns: EDNS(udpPayloadSize: 4096)), overTCP: true) {
            $0.answers.count == 100
        },
        Entry(query: ServiceZone.query("example.org.", .a), overTCP: false) { $0.responseCode == .refused },
    ]

    /// What `measure` saw.
    public struct Counts: Sendable {
        public var allocations = 0
        public var frees = 0
        /// Octets of all replies together, so the work cannot be optimised away.
        public var replyBytes = 0
        /// Indexes of the entries whose warm-up reply was not what the mix expects.
        public var wrongReplies: [Int] = []
    }

    /// Answers every entry once (checking each reply), then `rounds` queries of the mix in turn,
    /// counting heap calls on this thread. `start` and `stop` run right around the loop, for
    /// other counters.
    public static func measure(
        _ responder: Responder, rounds: Int, start: () -> Void = {}, stop: () -> Void = {}
    ) -> Counts {
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_535, alignment: 8)
        defer { output.deallocate() }
        let packets = entries.map { entry in
            let packet = UnsafeMutableRawBufferPointer.allocate(byteCount: entry.query.count, alignment: 8)
            packet.copyBytes(from: entry.query)
            return UnsafeRawBufferPointer(packet)
        }
        defer { for packet in packets { packet.deallocate() } }
        let overTCP = entries.map(\.overTCP)
        var counts = Counts()
        for (index, packet) in packets.enumerated() {
            let length = responder.respond(to: packet, overTCP: overTCP[index], into: output)
            let reply = try? Message(decoding: Array(output[..<length]))
            if reply.map(entries[index].check) != true { counts.wrongReplies.append(index) }
        }
        packets.withUnsafeBufferPointer { packets in
            overTCP.withUnsafeBufferPointer { overTCP in
                var total = 0
                start()
                allocation_counter_start()
                for round in 0..<rounds {
                    let index = round % packets.count
                    total &+= responder.respond(to: packets[index], overTCP: overTCP[index], into: output)
                }
                let heap = allocation_counter_stop()
                stop()
                counts.allocations = heap.allocations
                counts.frees = heap.frees
                counts.replyBytes = total
            }
        }
        return counts
    }
}
