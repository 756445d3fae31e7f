import DNSWire
import Testing

@testable import DNSZone

/// The fast path's bytes are the general path's bytes, compression included: for every name of
/// the test zones and many made-up ones, every common type, with and without EDNS, over UDP and
/// TCP, in every RRset order. Both responders start from the same generator and counter, so
/// rotation and shuffles line up query by query.
@Suite("Responder: the fast path writes exactly what the general path writes")
struct FastPathAgreementTests {
    static let types: [RRType] = [
        .a, .aaaa, .ns, .soa, .mx, .txt, .srv, .cname, .ptr, RRType(rawValue: 65280), RRType(rawValue: 99),
    ]
    static let ednsVariants: [EDNS?] = [
        nil, EDNS(udpPayloadSize: 512), EDNS(udpPayloadSize: 1232, dnssecOK: true), EDNS(udpPayloadSize: 4096),
    ]

    /// The service zone (no wildcards or cuts: mostly fast), and the example zone with policy
    /// sets, a wildcard and a cut (many declined), beside a child zone of the service zone.
    static let zoneSets: [(label: String, zones: ZoneSet)] = [
        ("service zone", ZoneSet([AgreementZones.service])),
        (
            "example, child and service zones",
            ZoneSet([AgreementZones.example, AgreementZones.child, AgreementZones.service])
        ),
    ]

    @Test(arguments: RRsetOrder.allCases)
    func everyNameAndTypeAgrees(order: RRsetOrder) throws {
        for (label, zones) in Self.zoneSets {
            let pair = ResponderPair(zones: zones, order: order)
            var fastAnswers = 0
            var queries = 0
            for name in AgreementZones.names(in: zones) {
                for type in Self.types {
                    for edns in Self.ednsVariants {
                        for overTCP in [false, true] {
                            let query = AgreementZones.query(name, type, edns: edns)
                            let (expected, fast) = pair.compare(query, overTCP: overTCP)
                            Self.expectSame(
                                fast.bytes, expected,
                                "\(label): \(name) \(type) \(edns.map { "EDNS \($0.udpPayloadSize)" } ?? "no EDNS") \(overTCP ? "TCP" : "UDP")"
                            )
                            if fast.wasFast { fastAnswers += 1 }
                            queries += 1
                        }
                    }
                }
            }
            // The comparison means something only if the fast path answered most of it.
            #expect(fastAnswers * 2 > queries, "\(label): \(fastAnswers) of \(queries) took the fast path")
        }
    }

    @Test func oddAndMalformedQueriesGetTheGeneralPathsReply() {
        let pair = ResponderPair(zones: Self.zoneSets[1].zones, order: .rotate)
        for (index, query) in OddQueries.all.enumerated() {
            for overTCP in [false, true] {
                let (expected, fast) = pair.compare(query, overTCP: overTCP)
                Self.expectSame(fast.bytes, expected, "odd query \(index): \(OddQueries.descriptions[index])")
            }
        }
    }

    @Test func aReplyTooRichInNamesFallsBackAfterWriting() {
        let pair = ResponderPair(zones: ZoneSet([AgreementZones.service]), order: .rotate)
        let (expected, fast) = pair.compare(AgreementZones.query("many.svc.test.", .srv), overTCP: true)
        #expect(!fast.wasFast)
        Self.expectSame(fast.bytes, expected, "300 SRV records over TCP")
        #expect(expected.map { Array($0[6..<8]) } == [0x01, 0x2C])
    }

    /// Records where two replies first differ, rather than both whole.
    static func expectSame(
        _ got: [UInt8]?, _ expected: [UInt8]?, _ query: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard got != expected else { return }
        guard let got, let expected else {
            Issue.record(
                "\(query): \(got == nil ? "no reply" : "a reply") where the general path gives \(expected == nil ? "none" : "one")",
                sourceLocation: sourceLocation)
            return
        }
        let first =
            (0..<min(got.count, expected.count)).first { got[$0] != expected[$0] } ?? min(got.count, expected.count)
        Issue.record(
            "\(query): \(got.count) octets, general \(expected.count), first difference at \(first): \(got[first...].prefix(12)) vs \(expected[first...].prefix(12))",
            sourceLocation: sourceLocation)
    }
}

/// Two responders over the same zones, generator seed and a counter each at zero: one answers
/// through the fast path when it can, the other always through the general path.
struct ResponderPair {
    let fast: Responder
    let general: Responder

    init(zones: ZoneSet, order: RRsetOrder) {
        fast = Responder(zones: zones, configuration: .init(rrsetOrder: order))
        general = Responder(zones: zones, configuration: .init(rrsetOrder: order))
        fast.random = SplitMix64(seed: 99)
        general.random = SplitMix64(seed: 99)
    }

    /// The general path's reply, and the other responder's with whether the fast path gave it.
    func compare(_ query: [UInt8], overTCP: Bool) -> ([UInt8]?, (bytes: [UInt8]?, wasFast: Bool)) {
        (general.respondGenerally(to: query, overTCP: overTCP), fast.replyNotingPath(query, overTCP: overTCP))
    }
}

extension Responder {
    /// The reply as `respond(to:overTCP:into:)` makes it, and whether the fast path wrote it.
    func replyNotingPath(_ query: [UInt8], overTCP: Bool) -> (bytes: [UInt8]?, wasFast: Bool) {
        let output = UnsafeMutableRawPointer.allocate(byteCount: QueryScratch.messageSize, alignment: 8)
        defer { output.deallocate() }
        var rotation: UInt32? = nil
        let length = query.withUnsafeBytes { respondFast(to: $0, overTCP: overTCP, into: output, rotation: &rotation) }
        if let length { return (Array(UnsafeRawBufferPointer(start: output, count: length)), true) }
        let built = query.withUnsafeBytes { build($0, overTCP: overTCP, rotation: &rotation) }
        return (built ? writer.bytes : nil, false)
    }
}
