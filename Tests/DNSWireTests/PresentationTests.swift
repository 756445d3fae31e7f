import Testing

@testable import DNSWire

@Suite("RDATA presentation format")
struct PresentationTests {
    static let origin = name("example.com.")

    static let nativeSyntax: [(RRType, String, RData)] = [
        (.a, "10.0.0.1", .a(IPv4Address(0x0A00_0001))),
        (.aaaa, "2001:db8::1", .aaaa(IPv6Address(bytes: hex("20010db8000000000000000000000001")))),
        (.aaaa, "::ffff:192.0.2.1", .aaaa(IPv6Address(bytes: hex("00000000000000000000ffffc0000201")))),
        (.ns, "ns1", .ns(name("ns1.example.com."))),
        (.cname, "@", .cname(name("example.com."))),
        (.ptr, "host.example.org.", .ptr(name("host.example.org."))),
        (.mx, "10 mail", .mx(preference: 10, exchange: name("mail.example.com."))),
        (.srv, "0 5 5060 sip.example.net.", .srv(priority: 0, weight: 5, port: 5060, target: name("sip.example.net."))),
        (
            .soa, "ns1 hostmaster 2024010101 2h 1h 2w 5m",
            .soa(
                SOAData(
                    primary: name("ns1.example.com."), mailbox: name("hostmaster.example.com."), serial: 2_024_010_101,
                    refresh: 7200, retry: 3600, expire: 1_209_600, minimum: 300))
        ),
        (.txt, "\"hello world\"", .txt([Array("hello world".utf8)])),
        (.txt, "\"a\" \"\" \"b c\"", .txt([Array("a".utf8), [], Array("b c".utf8)])),
        (.txt, "\"\"", .txt([[]])),
        (.txt, "bare", .txt([Array("bare".utf8)])),
        (
            .txt, "\"say \\\"hi\\\"\" \"back\\\\slash\" \"\\065\\066C\"",
            .txt([Array("say \"hi\"".utf8), Array("back\\slash".utf8), Array("ABC".utf8)])
        ),
        (RRType(rawValue: 65280), "\\# 4 deadBEEF", .unknown([0xDE, 0xAD, 0xBE, 0xEF])),
        (RRType(rawValue: 65280), "\\# 0", .unknown([])),
        (RRType(rawValue: 65280), "\\# 3 01 0203", .unknown([1, 2, 3])),
    ]

    @Test("native syntax parses to the expected RDATA", arguments: nativeSyntax)
    func parsesNative(type: RRType, text: String, expected: RData) throws {
        #expect(try parseRData(type, text, origin: Self.origin) == expected)
    }

    @Test("description parses back to the same RDATA", arguments: sampleRData)
    func descriptionRoundTrip(type: RRType, rdata: RData) throws {
        let text = rdata.description
        #expect(try parseRData(type, text) == rdata, "\(type) \(text)")
    }

    static let generic: [(RRType, String, String)] = [
        (.a, "\\# 4 0a000001", "10.0.0.1"),
        (.aaaa, "\\# 16 20010db8 00000000 00000000 00000001", "2001:db8::1"),
        (.ns, "\\# 13 036e7331076578616d706c6500", "ns1.example."),
        (.mx, "\\# 3 000a 00", "10 ."),
        (.srv, "\\# 9 0001 0002 0035 010000", "1 2 53 \\000."),
        (.txt, "\\# 7 0568656c6c6f 00", "\"hello\" \"\""),
        (.soa, "\\# 22 00 00 00000001 00000002 00000003 00000004 00000005", ". . 1 2 3 4 5"),
        (.cname, "\\# 1 00", "."),
    ]

    @Test("'\\#' for a known type equals its native syntax (RFC 3597 section 5)", arguments: generic)
    func genericEqualsNative(type: RRType, genericText: String, nativeText: String) throws {
        let fromGeneric = try parseRData(type, genericText)
        #expect(fromGeneric == (try parseRData(type, nativeText)))
        #expect(fromGeneric.description == nativeText)
    }

    @Test("unknown types print as '\\# length hex'")
    func unknownPrintsGeneric() {
        #expect(RData.unknown([0x0A, 0x00, 0xFF]).description == "\\# 3 0a00ff")
        #expect(RData.unknown([]).description == "\\# 0")
        #expect(RData.opt([EDNSOption(code: 3, data: [0xAB])]).description == "\\# 5 00030001ab")
        let record = ResourceRecord(
            name: name("x.example."), type: RRType(rawValue: 65280), ttl: 60, rdata: .unknown([1]))
        #expect(record.description == "x.example. 60 IN TYPE65280 \\# 1 01")
    }

    @Test("TXT escapes quotes and backslashes, and shows non-printables as \\DDD")
    func txtEscapes() throws {
        let rdata = RData.txt([[0x22, 0x5C, 0x41, 0x00, 0x09, 0x7F, 0x80, 0xFF, 0x20, 0x2E, 0x3B]])
        #expect(rdata.description == "\"\\\"\\\\A\\000\\009\\127\\128\\255 .\\;\"")
        #expect(try parseRData(.txt, rdata.description) == rdata)
        #expect(try parseRData(.txt, "\"\\065\"") == .txt([[0x41]]))
        #expect(try parseRData(.txt, "\"\\x\"") == .txt([Array("x".utf8)]))
    }

    @Test("TXT strings are limited to 255 octets each, not in number")
    func txtLimits() throws {
        let longest = "\"" + String(repeating: "a", count: 255) + "\""
        #expect(try parseRData(.txt, longest) == .txt([Array(repeating: 0x61, count: 255)]))
        #expect(parseRDataErrorCode(.txt, "\"" + String(repeating: "a", count: 256) + "\"") == .badText)
        #expect(parseRDataErrorCode(.txt, "\"" + String(repeating: "\\097", count: 256) + "\"") == .badText)
        let many = Array(repeating: "\"x\"", count: 300).joined(separator: " ")
        #expect(try parseRData(.txt, many) == .txt(Array(repeating: [0x78], count: 300)))
    }

    @Test("TXT data must fit a 16-bit RDLENGTH; it used to parse, then trap in the encoder")
    func txtTotalLimit() throws {
        let full = PresentationToken(String(repeating: "a", count: 255), quoted: true)
        // 255 x 256 + 255 = 65535 octets: the most that fits.
        let largest =
            Array(repeating: full, count: 255) + [PresentationToken(String(repeating: "b", count: 254), quoted: true)]
        let rdata = try RData(type: .txt, parsing: largest, origin: nil)
        let record = ResourceRecord(name: .root, type: .txt, ttl: 0, rdata: rdata)
        #expect(try Message(decoding: Message(answers: [record]).encoded()).answers == [record])
        let tooLarge = largest + [PresentationToken("", quoted: true)]
        #expect(throws: WireError(.badText)) { try RData(type: .txt, parsing: tooLarge, origin: nil) }
        #expect(throws: WireError(.badText)) {
            try RData(type: .txt, parsing: Array(repeating: full, count: 300), origin: nil)
        }
    }

    @Test("addresses with an embedded NUL are rejected, not cut short")
    func addressWithNUL() {
        #expect(IPv4Address("10.0.0.1\u{0}junk") == nil)
        #expect(IPv6Address("::1\u{0}junk") == nil)
        #expect(parseRDataErrorCode(.a, "10.0.0.1\u{0}x") == .badText)
        #expect(IPv4Address("10.0.0.1") == IPv4Address(0x0A00_0001))
        #expect(IPv6Address("::1") == IPv6Address(bytes: [UInt8](repeating: 0, count: 15) + [1]))
    }

    static let badText: [(RRType, String)] = [
        (.a, "10.0.0"),
        (.a, "10.0.0.256"),
        (.a, "10.0.0.1 10.0.0.2"),
        (.a, ""),
        (.aaaa, "2001:db8::1::2"),
        (.aaaa, "10.0.0.1"),
        (.mx, "mail.example."),
        (.mx, "65536 mail.example."),
        (.mx, "-1 mail.example."),
        (.mx, "+10 mail.example."),
        (.srv, "1 2 +53 sip.example."),
        (.soa, "ns hm +1 2 3 4 5"),
        (.soa, "ns hm 1 -0 3 4 5"),
        (.mx, "10 a..b"),
        (.srv, "1 2 3"),
        (.soa, "ns hm 1 2 3 4"),
        (.soa, "ns hm 4294967296 2 3 4 5"),
        (.soa, "ns hm 1 2 3 4 1x"),
        (.txt, ""),
        (.txt, "\"\\25\""),
        (.ns, "a\\256."),
        (RRType(rawValue: 65280), "deadbeef"),
        (RRType(rawValue: 65280), "\\# 4 deadbe"),
        (RRType(rawValue: 65280), "\\# 2 deadbe"),
        (RRType(rawValue: 65280), "\\# 2 dea"),
        (RRType(rawValue: 65280), "\\# 1 zz"),
        (RRType(rawValue: 65280), "\\# 1 +f"),
        (RRType(rawValue: 65280), "\\# 1 -0"),
        (RRType(rawValue: 65280), "\\# +1 00"),
        (RRType(rawValue: 65280), "\\#"),
        (RRType(rawValue: 65280), "\\# 65536"),
        (.a, "\\# 5 0a00000100"),
        (.a, "\\# 3 0a0000"),
        (.ns, "\\# 2 c00c"),
        (.txt, "\\# 0"),
    ]

    @Test("malformed RDATA text is rejected as badText", arguments: badText)
    func rejects(type: RRType, text: String) {
        #expect(parseRDataErrorCode(type, text, origin: Self.origin) == .badText)
    }

    @Test("a quoted '\\#' is a TXT string, not the generic form")
    func quotedGenericIsText() throws {
        let tokens = [PresentationToken("\\#", quoted: true), PresentationToken("1", quoted: true)]
        #expect(try RData(type: .txt, parsing: tokens, origin: nil) == .txt([Array("#".utf8), Array("1".utf8)]))
    }

    @Test("whole records print as 'name TTL CLASS TYPE RDATA'")
    func recordDescription() {
        let record = ResourceRecord(
            name: name("www.example."), type: .mx, ttl: 300, rdata: .mx(preference: 5, exchange: name("mx.example.")))
        #expect(record.description == "www.example. 300 IN MX 5 mx.example.")
        #expect(
            ResourceRecord(name: .root, type: .a, rrClass: .chaos, ttl: 0, rdata: .a(IPv4Address(0))).description
                == ". 0 CH A 0.0.0.0")
    }

    @Test("type, class and rcode mnemonics")
    func mnemonics() {
        #expect(RRType(mnemonic: "srv") == .srv)
        #expect(RRType(mnemonic: "TYPE65280") == RRType(rawValue: 65280))
        #expect(RRType(mnemonic: "type1") == .a)
        #expect(RRType(mnemonic: "TYPE65536") == nil)
        #expect(RRType(mnemonic: "BOGUS") == nil)
        #expect(RRType(mnemonic: "TYPE") == nil)
        #expect(RRType(mnemonic: "TYPE+1") == nil)
        #expect(RRClass(mnemonic: "CLASS-0") == nil)
        #expect(RRType(rawValue: 99).description == "TYPE99")
        #expect(RRClass(mnemonic: "in") == .in)
        #expect(RRClass(mnemonic: "CLASS3") == .chaos)
        #expect(RRClass(rawValue: 3).description == "CH")
        #expect(RRClass(rawValue: 42).description == "CLASS42")
        #expect(ResponseCode.badVersion.description == "BADVERS")
        #expect(ResponseCode(rawValue: 23).description == "RCODE23")
        #expect(RRType.opt.isMeta && RRType.axfr.isMeta && !RRType.a.isMeta && !RRType(rawValue: 65280).isMeta)
    }
}
