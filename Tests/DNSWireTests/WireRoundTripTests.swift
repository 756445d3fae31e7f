import Testing

@testable import DNSWire

@Suite("Wire round trips")
struct WireRoundTripTests {
    @Test("every RDATA case encodes and decodes to itself", arguments: sampleRData)
    func rdataRoundTrip(type: RRType, rdata: RData) throws {
        #expect(try wireRoundTrip(rdata, type: type) == rdata)
    }

    @Test(
        "RDATA wire bytes match the RFCs",
        arguments: [
            (RRType.a, RData.a(IPv4Address(bytes: [192, 0, 2, 1])), "c0000201"),
            (.aaaa, .aaaa(IPv6Address("2001:db8::1")!), "20010db8000000000000000000000001"),
            (.mx, .mx(preference: 10, exchange: name("mx.example.")), "000a 026d78 076578616d706c65 00"),
            (.srv, .srv(priority: 1, weight: 2, port: 53, target: name("a.")), "0001 0002 0035 0161 00"),
            (.txt, .txt([Array("ab".utf8), []]), "02616200"),
            (.opt, .opt([EDNSOption(code: 10, data: [1, 2])]), "000a 0002 0102"),
            (RRType(rawValue: 65280), .unknown([1, 2, 3]), "010203"),
        ])
    func rdataBytes(type: RRType, rdata: RData, expected: String) {
        #expect(rdata.uncompressedWire == hex(expected))
    }

    @Test("record fields survive: owner, type, class, TTL")
    func recordFields() throws {
        let record = ResourceRecord(
            name: name("Host.Example."), type: .a, rrClass: .chaos, ttl: 0xFFFF_FFFF, rdata: .a(IPv4Address(7)))
        let decoded = try Message(decoding: Message(answers: [record]).encoded())
        let back = try #require(decoded.answers.first)
        #expect(back == record)
        #expect(back.rrClass == .chaos)
        #expect(back.ttl == 0xFFFF_FFFF)
        #expect(back.name.wire == record.name.wire)
    }

    @Test("a message with all four sections round-trips")
    func wholeMessage() throws {
        var header = Header()
        header.id = 0xBEEF
        header.isResponse = true
        header.isAuthoritative = true
        header.recursionDesired = true
        let zone = name("example.")
        let message = Message(
            header: header,
            questions: [Question(name: name("www.example."), type: .a)],
            answers: [
                ResourceRecord(name: name("www.example."), type: .cname, ttl: 60, rdata: .cname(name("web.example."))),
                ResourceRecord(name: name("web.example."), type: .a, ttl: 60, rdata: .a(IPv4Address(0x0A00_0001))),
                ResourceRecord(name: name("web.example."), type: .a, ttl: 60, rdata: .a(IPv4Address(0x0A00_0002))),
            ],
            authorities: sampleRData.filter { $0.0 != .opt }.map { type, rdata in
                ResourceRecord(name: zone, type: type, ttl: 3600, rdata: rdata)
            },
            additionals: [
                ResourceRecord(name: name("ns1.example."), type: .aaaa, ttl: 60, rdata: .aaaa(IPv6Address("::1")!)),
                EDNS(udpPayloadSize: 4096, dnssecOK: true).record,
            ])
        let bytes = message.encoded()
        var expected = message
        expected.header.questionCount = 1
        expected.header.answerCount = 3
        expected.header.authorityCount = UInt16(message.authorities.count)
        expected.header.additionalCount = 2
        let decoded = try Message(decoding: bytes)
        #expect(decoded == expected)
        #expect(try Message(decoding: decoded.encoded()) == expected)
        #expect(decoded.encoded() == bytes)
    }

    @Test("the encoder writes the section counts, whatever the header said")
    func countsFromSections() throws {
        var header = Header()
        header.questionCount = 9
        header.answerCount = 9
        let message = Message(header: header, questions: [Question(name: .root, type: .soa)])
        let bytes = message.encoded()
        #expect(Array(bytes[4..<12]) == [0, 1, 0, 0, 0, 0, 0, 0])
        #expect(try Message(decoding: bytes).questions == message.questions)
    }

    static let flagBits: [UInt16] = [0x8000, 0x0400, 0x0200, 0x0100, 0x0080, 0x0020, 0x0010]

    /// The header field that owns `bit`.
    static func flag(_ bit: UInt16, of header: Header) -> Bool {
        switch bit {
        case 0x8000: header.isResponse
        case 0x0400: header.isAuthoritative
        case 0x0200: header.isTruncated
        case 0x0100: header.recursionDesired
        case 0x0080: header.recursionAvailable
        case 0x0020: header.authenticData
        default: header.checkingDisabled
        }
    }

    @Test("each header flag bit maps to its own field and back", arguments: flagBits)
    func headerFlag(bit: UInt16) throws {
        let decoded = try Message(decoding: headerBytes(flags: bit))
        for other in Self.flagBits {
            #expect(Self.flag(other, of: decoded.header) == (other == bit))
        }
        #expect(decoded.header.flags == bit)
        #expect(decoded.encoded() == headerBytes(flags: bit))
    }

    @Test("opcode and rcode nibbles", arguments: [(UInt8(0), UInt8(0)), (4, 3), (5, 5), (15, 15)])
    func opcodeAndRcode(opcode: UInt8, rcode: UInt8) throws {
        let flags = UInt16(opcode) << 11 | UInt16(rcode)
        let decoded = try Message(decoding: headerBytes(flags: flags))
        #expect(decoded.header.opcode == OpCode(rawValue: opcode))
        #expect(decoded.header.rcodeLow == rcode)
        #expect(decoded.responseCode == ResponseCode(rawValue: UInt16(rcode)))
        #expect(decoded.encoded() == headerBytes(flags: flags))
    }

    @Test("a header-only message is exactly 12 bytes and keeps its ID")
    func headerOnly() throws {
        var header = Header()
        header.id = 0xA55A
        let bytes = Message(header: header).encoded()
        #expect(bytes == headerBytes(id: 0xA55A))
        #expect(try Message(decoding: bytes).header.id == 0xA55A)
    }

    @Test("unknown types and classes pass through as opaque bytes (RFC 3597)")
    func unknownPassThrough() throws {
        let record = ResourceRecord(
            name: name("x."), type: RRType(rawValue: 65280), rrClass: RRClass(rawValue: 65000), ttl: 1,
            rdata: .unknown([0xC0, 0x0C, 0x00]))
        let decoded = try Message(decoding: Message(answers: [record]).encoded())
        #expect(decoded.answers == [record])
        #expect(decoded.answers[0].description == "x. 1 CLASS65000 TYPE65280 \\# 3 c00c00")
    }

    @Test("types without a codec of their own (HINFO) decode as unknown")
    func hinfoIsOpaque() throws {
        let bytes = [3] + Array("CPU".utf8) + [2] + Array("OS".utf8)
        let rdata = try wireRoundTrip(.unknown(bytes), type: .hinfo)
        #expect(rdata == .unknown(bytes))
    }
}
