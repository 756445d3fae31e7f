import Testing

@testable import DNSWire

/// The parsers that read presentation text in place give what their `String` forms give.
@Suite("Text read in place agrees with the string forms")
struct TextFieldsTests {
    static let words = [
        "", "A", "a", "aaaa", "Srv", "TYPE1", "type65280", "TYPE65536", "TYPE", "TYPE+1", "IN", "in", "ch", "CLASS1",
        "class255", "CLASS-0", "CLASSX", "\u{131}xfr", "h\u{131}nfo", "\u{131}n", "NONE", "any", "x", "60", "1h30m",
        "1H", "2w", "1x", "h", "4294967295", "4294967296", "99999999999", "+5", "-0", "0", "65535", "65536", "007",
        "\u{663}", "1\u{301}", "10.0.0.1", "010.0.0.1", "1.2.3", "192.0.2.256", "::1", "2001:db8::1", "1::2::3",
        "::ffff:192.0.2.1", "10.0.0.1\u{0}x", "fe80::1%eth0",
    ]

    static func bytes<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    @Test(arguments: words)
    func agrees(word: String) {
        #expect(Self.bytes(word) { RRType(mnemonic: $0) } == RRType(mnemonic: word))
        #expect(Self.bytes(word) { RRClass(mnemonic: $0) } == RRClass(mnemonic: word))
        #expect(Self.bytes(word) { TimeValue.parse($0) } == TimeValue.parse(word))
        #expect(Self.bytes(word) { UInt16(decimal: $0) } == UInt16(decimal: word))
        #expect(Self.bytes(word) { UInt32(decimal: $0) } == UInt32(decimal: word))
        #expect(Self.bytes(word) { IPv4Address(text: $0) } == IPv4Address(word))
        #expect(Self.bytes(word) { IPv6Address(text: $0) } == IPv6Address(word))
    }

    @Test func namesParseFromAnySliceOfText() throws {
        let text = Array("xx www.Example.COM. yy".utf8)
        var wire: [UInt8] = []
        try text.withUnsafeBufferPointer { all throws(WireError) in
            try DomainName.appendWire(parsing: UnsafeBufferPointer(rebasing: all[3..<19]), origin: nil, to: &wire)
        }
        #expect(wire == (try DomainName(parsing: "www.Example.COM.")).wire)
    }

    @Test func rdataParsesFromFieldsInPlace() throws {
        let text = Array("10 mail \"a b\" x".utf8)
        let spans = [
            TextSpan(start: 0, count: 2, quoted: false), TextSpan(start: 3, count: 4, quoted: false),
            TextSpan(start: 9, count: 3, quoted: true), TextSpan(start: 14, count: 1, quoted: false),
        ]
        let origin = try DomainName(parsing: "example.")
        func wire(_ type: RRType, _ range: Range<Int>) throws(WireError) -> [UInt8] {
            var wire: [UInt8] = []
            try text.withUnsafeBufferPointer { text throws(WireError) in
                try spans.withUnsafeBufferPointer { spans throws(WireError) in
                    let fields = TextFields(text: text, spans: UnsafeBufferPointer(rebasing: spans[range]))
                    try RData.appendWire(type: type, parsing: fields, origin: origin, to: &wire)
                }
            }
            return wire
        }
        #expect(
            try wire(.mx, 0..<2)
                == RData.mx(preference: 10, exchange: try DomainName(parsing: "mail.example.")).uncompressedWire)
        #expect(try wire(.txt, 2..<4) == RData.txt([Array("a b".utf8), Array("x".utf8)]).uncompressedWire)
        #expect(throws: WireError(.badText)) { try wire(.mx, 0..<3) }
    }
}
