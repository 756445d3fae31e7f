import Testing

@testable import DNSWire

@Suite("DomainName")
struct DomainNameTests {
    static let origin = name("example.com.")

    @Test(
        "presentation text to wire labels",
        arguments: [
            ("www", ["www", "example", "com"]),
            ("a.b", ["a", "b", "example", "com"]),
            ("www.example.org.", ["www", "example", "org"]),
            ("@", ["example", "com"]),
            (".", []),
            ("a\\.b.example.", ["a.b", "example"]),
            ("\\065\\066c.", ["ABc"]),
            ("\\000\\255.", ["\u{0}\u{FF}"]),
            ("\\\\.\\\"\\ x.", ["\\", "\" x"]),
            ("a\\.", ["a.", "example", "com"]),
        ])
    func parses(text: String, labels: [String]) throws {
        let parsed = try DomainName(parsing: text, origin: Self.origin)
        let expected = labels.map { $0.unicodeScalars.map { UInt8($0.value) } }
        #expect(parsed.labels.map(Array.init) == expected)
    }

    @Test("a relative name without an origin is taken as absolute")
    func relativeWithoutOrigin() throws {
        #expect(try DomainName(parsing: "host") == name("host."))
    }

    static let label63 = String(repeating: "x", count: 63)
    static let badNames: [(String, WireError.Code)] = [
        ("a..b", .badText),
        (".a", .badText),
        ("a..", .badText),
        ("", .badText),
        ("a\\", .badText),
        ("a\\25", .badText),
        ("a\\25x", .badText),
        ("a\\256", .badText),
        ("a\\999.", .badText),
        (label63 + "x.", .labelTooLong),
        (String(repeating: "x", count: 62) + "\\065\\066.", .labelTooLong),
        ([label63, label63, label63, label63].joined(separator: ".") + ".", .nameTooLong),
        (Array(repeating: "a", count: 128).joined(separator: ".") + ".", .nameTooLong),
    ]

    @Test("bad names are rejected with the right code", arguments: badNames)
    func rejects(text: String, code: WireError.Code) {
        #expect(throws: WireError(code)) { try DomainName(parsing: text, origin: Self.origin) }
    }

    @Test("'@' needs an origin")
    func atWithoutOrigin() {
        #expect(throws: WireError(.badText)) { try DomainName(parsing: "@") }
    }

    @Test("the limits themselves are allowed: 63-octet labels, 255-octet names")
    func limitsAllowed() throws {
        let label63 = String(repeating: "x", count: 63)
        #expect(try DomainName(parsing: label63 + ".").wire.count == 65)
        // 3 x 64 + 62 + 1 = 255 octets.
        let longest = try DomainName(
            parsing: [label63, label63, label63, String(repeating: "y", count: 61)].joined(separator: ".") + ".")
        #expect(longest.wire.count == 255)
        // Relative name that only fits with the origin counted.
        #expect(throws: WireError(.nameTooLong)) {
            try DomainName(
                parsing: [label63, label63, label63, String(repeating: "y", count: 51)].joined(separator: "."),
                origin: Self.origin)
        }
    }

    @Test(
        "description escapes what presentation format needs and parses back",
        arguments: [
            ("www.example.", "www.example."),
            (".", "."),
            ("a\\.b.example.", "a\\.b.example."),
            ("\\000\\032\\127\\128\\255.", "\\000\\ \\127\\128\\255."),
            ("\\(\\)\\;\\@\\$\\\"\\\\.", "\\(\\)\\;\\@\\$\\\"\\\\."),
            ("MiXeD.CaSe.", "MiXeD.CaSe."),
        ])
    func describes(text: String, description: String) throws {
        let parsed = try DomainName(parsing: text)
        #expect(parsed.description == description)
        #expect(try DomainName(parsing: parsed.description).wire == parsed.wire)
    }

    @Test("equality and hashing ignore ASCII case only")
    func caseInsensitive() {
        let lower = name("www.example.com.")
        let upper = name("WWW.EXAMPLE.COM.")
        let mixed = name("wWw.ExAmPlE.CoM.")
        #expect(lower == upper)
        #expect(lower == mixed)
        #expect(lower.hashValue == upper.hashValue)
        #expect(lower.hashValue == mixed.hashValue)
        #expect(Set([lower, upper, mixed]).count == 1)
        #expect(upper.wire != lower.wire)
        #expect(upper.lowercased().wire == lower.wire)
        // Non-ASCII octets are compared exactly: 0xC9 is not 0xE9.
        #expect(name("\\201.") != name("\\233."))
        // Letters next to the ASCII range: '@' (0x40) vs '`' (0x60), '[' vs '{'.
        #expect(name("\\@.") != name("`."))
        #expect(name("[.") != name("{."))
        #expect(name("a.") != name("a.b."))
    }

    @Test("the RFC 4034 section 6.1 example names sort in canonical order")
    func canonicalOrder() {
        let ordered = [
            "example.", "a.example.", "yljkjljk.a.example.", "Z.a.example.", "zABC.a.EXAMPLE.", "z.example.",
            "\\001.z.example.", "*.z.example.", "\\200.z.example.",
        ].map { name($0) }
        #expect(ordered.reversed().sorted() == ordered)
        for (index, lesser) in ordered.enumerated() {
            #expect(!(lesser < lesser))
            for greater in ordered[(index + 1)...] {
                #expect(lesser < greater)
                #expect(!(greater < lesser))
            }
        }
        #expect(!(name("A.example.") < name("a.EXAMPLE.")))
        #expect(DomainName.root < name("a."))
    }

    @Test("labels, parent, suffix and subdomain tests")
    func structure() throws {
        let host = name("www.Example.com.")
        #expect(host.labelCount == 3)
        #expect(host.parent == name("example.com."))
        #expect(host.parent?.parent?.parent == .root)
        #expect(DomainName.root.parent == nil)
        #expect(DomainName.root.labelCount == 0)
        #expect(host.suffix(labels: 2) == name("example.com."))
        #expect(host.suffix(labels: 0) == .root)
        #expect(host.isSubdomain(of: name("EXAMPLE.com.")))
        #expect(host.isSubdomain(of: host))
        #expect(host.isSubdomain(of: .root))
        #expect(!host.isSubdomain(of: name("ample.com.")))
        #expect(!name("example.com.").isSubdomain(of: host))
        // A suffix that matches bytes but not at a label boundary.
        #expect(!name("a\\003com.").isSubdomain(of: name("com.")))
        #expect(name("com.").prepending(label: Array("www".utf8)) == name("www.com."))
        #expect(name("com.").prepending(label: [UInt8]()) == nil)
        #expect(name("com.").prepending(label: Array(repeating: 0x61, count: 64)) == nil)
        let long = try DomainName(labels: Array(repeating: Array(repeating: UInt8(0x61), count: 63), count: 3))
        #expect(long.wire.count == 193)
        #expect(long.prepending(label: Array(repeating: 0x62, count: 61)) != nil)
        #expect(long.prepending(label: Array(repeating: 0x62, count: 62)) == nil)
    }

    @Test("init(labels:) checks its limits")
    func fromLabels() throws {
        #expect(try DomainName(labels: [Array("a".utf8), Array("b".utf8)]) == name("a.b."))
        #expect(try DomainName(labels: [[UInt8]]()) == .root)
        #expect(throws: WireError(.badText)) { try DomainName(labels: [[UInt8]()]) }
        #expect(throws: WireError(.labelTooLong)) { try DomainName(labels: [Array(repeating: UInt8(1), count: 64)]) }
        #expect(throws: WireError(.nameTooLong)) {
            try DomainName(labels: Array(repeating: Array(repeating: UInt8(1), count: 63), count: 4))
        }
    }
}
