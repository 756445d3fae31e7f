import DNSWire
import Testing

@testable import DNSZone

@Suite("Responder: query bytes in, response bytes out")
struct ResponderTests {
    static func query(
        _ name: String, _ type: RRType, rrClass: RRClass = .in, id: UInt16 = 0x1234, edns: EDNS? = nil,
        configure: (inout Header) -> Void = { _ in }
    ) -> [UInt8] {
        var header = Header()
        header.id = id
        header.recursionDesired = true
        configure(&header)
        var message = Message(header: header, questions: [Question(name: TestZone.name(name), type: type, rrClass: rrClass)])
        if let edns { message.additionals = [edns.record] }
        return message.encoded()
    }

    func respond(_ bytes: [UInt8], overTCP: Bool = false, order: RRsetOrder = .rotate) throws -> Message {
        let responder = Responder(zones: ZoneSet([TestZone.zone]), configuration: .init(rrsetOrder: order))
        let reply = try #require(responder.respond(to: bytes, overTCP: overTCP))
        return try Message(decoding: reply)
    }

    @Test func answersAuthoritativelyAndCopiesIDAndRD() throws {
        let reply = try respond(Self.query("www", .a))
        #expect(reply.header.id == 0x1234)
        #expect(reply.header.isResponse)
        #expect(reply.header.isAuthoritative)
        #expect(reply.header.recursionDesired)
        #expect(!reply.header.recursionAvailable)
        #expect(reply.answers.count == 3)
        #expect(reply.edns == nil)
    }

    @Test func echoesTheQuestionInTheClientsCaseAndPointsAnswersAtIt() throws {
        let bytes = Self.query("WwW", .a)
        let responder = Responder(zones: ZoneSet([TestZone.zone]))
        let reply = try #require(responder.respond(to: bytes))
        let decoded = try Message(decoding: reply)
        #expect(decoded.questions.first?.name.description == "WwW.example.")
        // The first answer's owner is a pointer to the question name at offset 12.
        let answerOffset = 12 + decoded.questions[0].name.wire.count + 4
        #expect(Array(reply[answerOffset..<answerOffset + 2]) == [0xC0, 0x0C])
    }

    @Test func dropsResponsesAndRunts() {
        let responder = Responder(zones: ZoneSet([TestZone.zone]))
        #expect(responder.respond(to: Self.query("www", .a) { $0.isResponse = true }) == nil)
        #expect(responder.respond(to: [0x12, 0x34, 0x01]) == nil)
    }

    @Test func refusesNamesOutsideEveryZoneAndOtherClasses() throws {
        let outside = try respond(Message(header: Header(), questions: [Question(name: try DomainName(parsing: "example.net."), type: .a)]).encoded())
        #expect(outside.responseCode == .refused)
        #expect(!outside.header.isAuthoritative)
        let chaos = try respond(Self.query("www", .a, rrClass: .chaos))
        #expect(chaos.responseCode == .refused)
    }

    @Test func notImplementedForOtherOpcodes() throws {
        let reply = try respond(Self.query("www", .a) { $0.opcode = .update })
        #expect(reply.responseCode == .notImplemented)
    }

    @Test func formatErrorForQuestionCountsOtherThanOne() throws {
        var header = Header()
        header.id = 7
        let none = try respond(Message(header: header).encoded())
        #expect(none.responseCode == .formatError)
        let q = Question(name: TestZone.name("www"), type: .a)
        let two = try respond(Message(header: header, questions: [q, q]).encoded())
        #expect(two.responseCode == .formatError)
        #expect(two.header.id == 7)
    }

    @Test func formatErrorForMalformedQuestion() throws {
        var bytes = Self.query("www", .a)
        bytes.removeLast(3)
        let reply = try respond(bytes)
        #expect(reply.responseCode == .formatError)
    }

    @Test func ednsOnlyWhenAsked() throws {
        let reply = try respond(Self.query("www", .a, edns: EDNS(udpPayloadSize: 4096)))
        #expect(reply.edns?.udpPayloadSize == 1232)
        #expect(reply.edns?.version == 0)
    }

    @Test func badVersionForEDNSAboveZero() throws {
        let reply = try respond(Self.query("www", .a, edns: EDNS(udpPayloadSize: 1232, version: 1)))
        #expect(reply.responseCode == .badVersion)
        #expect(reply.edns != nil)
        #expect(reply.answers.isEmpty)
    }

    @Test func truncatesAtRRsetBoundaryAndTCPGetsAll() throws {
        var records = TestZone.records
        for index in 0..<100 { records.append(TestZone.record("big", .a, "10.1.0.\(index)")) }
        records.append(TestZone.record("big", .aaaa, "fd00::1"))
        let zone = Zone(origin: TestZone.origin, records: records)
        let responder = Responder(zones: ZoneSet([zone]))
        let udp = try Message(decoding: try #require(responder.respond(to: Self.query("big", .a))))
        #expect(udp.header.isTruncated)
        #expect(udp.answers.isEmpty)
        let tcp = try Message(decoding: try #require(responder.respond(to: Self.query("big", .a), overTCP: true)))
        #expect(!tcp.header.isTruncated)
        #expect(tcp.answers.count == 100)
        let any = try Message(decoding: try #require(responder.respond(to: Self.query("big", .any, edns: EDNS(udpPayloadSize: 1232)))))
        #expect(any.header.isTruncated)
        #expect(any.answers.map(\.type) == [.aaaa] || any.answers.isEmpty)
        let bytes = try #require(responder.respond(to: Self.query("big", .a, edns: EDNS(udpPayloadSize: 4096))))
        #expect(bytes.count <= 1232)
    }

    @Test func rotateStartsSuccessiveAnswersOnDifferentRecords() throws {
        let responder = Responder(zones: ZoneSet([TestZone.zone]))
        var firsts: [RData] = []
        for _ in 0..<3 {
            let reply = try Message(decoding: try #require(responder.respond(to: Self.query("www", .a))))
            firsts.append(reply.answers[0].rdata)
            #expect(Set(reply.answers.map(\.rdata)).count == 3)
        }
        #expect(Set(firsts).count == 3)
    }

    @Test func fixedKeepsZoneOrder() throws {
        for _ in 0..<3 {
            let reply = try respond(Self.query("www", .a), order: .fixed)
            #expect(reply.answers.map(\.rdata.description) == ["10.0.0.1", "10.0.0.2", "10.0.0.3"])
        }
    }

    @Test func negativeAnswersCarrySOA() throws {
        let nx = try respond(Self.query("nothere", .a))
        #expect(nx.responseCode == .nameError)
        #expect(nx.header.isAuthoritative)
        #expect(nx.authorities.map(\.type) == [.soa])
        #expect(nx.authorities.first?.ttl == 60)
    }

    @Test func referralHasAAClear() throws {
        let reply = try respond(Self.query("host.sub", .a))
        #expect(!reply.header.isAuthoritative)
        #expect(reply.authorities.map(\.type) == [.ns])
        #expect(reply.additionals.map(\.type) == [.a])
    }
}
