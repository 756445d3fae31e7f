import DNSWire
import Testing

@testable import DNSZone

/// Shared by the ZoneFile*Tests suites.
enum ZoneFileTesting {
    static let origin = name("example.com.")
    static let soa = "@ IN SOA ns1 hostmaster 2024010101 7200 900 1209600 300\n"

    static func name(_ text: String) -> DomainName {
        try! DomainName(parsing: text)
    }

    static func parse(_ text: String, origin: DomainName? = origin) throws(ZoneFileError) -> ZoneFile {
        try ZoneFileParser.parse(text: text, origin: origin)
    }

    /// The diagnostics `text` gives; none when it parses.
    static func diagnostics(_ text: String, origin: DomainName? = origin) -> [ZoneFileDiagnostic] {
        do {
            _ = try parse(text, origin: origin)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// The records at `owner` (relative to example.com.), in file order.
    static func records(_ zone: ZoneFile, at owner: String) -> [ResourceRecord] {
        let owner = try! DomainName(parsing: owner, origin: origin)
        return zone.records.filter { $0.name == owner }
    }
}

@Suite("Zone file parser: records")
struct ZoneFileParserTests {
    typealias T = ZoneFileTesting

    @Test func parsesABasicZone() throws {
        let zone = try T.parse("$TTL 3600\n" + T.soa + "@ NS ns1\nns1 A 192.0.2.1\nwww 60 IN AAAA 2001:db8::1\n")
        #expect(zone.origin == T.origin)
        #expect(zone.path == "<text>")
        #expect(zone.soa.serial == 2_024_010_101)
        #expect(zone.soa.primary == T.name("ns1.example.com."))
        #expect(zone.soa.mailbox == T.name("hostmaster.example.com."))
        #expect(zone.soa.minimum == 300)
        #expect(zone.records.map(\.type) == [.soa, .ns, .a, .aaaa])
        #expect(zone.records.allSatisfy { $0.rrClass == .in })
        #expect(zone.records.map(\.ttl) == [3600, 3600, 3600, 60])
        #expect(zone.records[1].rdata == .ns(T.name("ns1.example.com.")))
        #expect(zone.records[2].name == T.name("ns1.example.com."))
        #expect(zone.records[2].rdata == .a(IPv4Address("192.0.2.1")!))
        #expect(zone.records[3].rdata == .aaaa(IPv6Address("2001:db8::1")!))
    }

    @Test func ownersAtOriginRelativeAbsoluteAndInherited() throws {
        let zone = try T.parse(
            T.soa + """
                @ TXT "apex"
                www A 192.0.2.1
                    TXT "inherits www"
                mail.example.com. A 192.0.2.2
                \t  AAAA 2001:db8::2
                *.wild A 192.0.2.3
                a A 192.0.2.4
                in A 192.0.2.5
                  IN TXT "owner named in"
                a\\.b A 192.0.2.6
                \\065x A 192.0.2.7
                MixedCase A 192.0.2.8

                """)
        #expect(T.records(zone, at: "@").map(\.type) == [.soa, .txt])
        #expect(T.records(zone, at: "www").map(\.type) == [.a, .txt])
        #expect(T.records(zone, at: "mail").map(\.type) == [.a, .aaaa])
        #expect(T.records(zone, at: "*.wild").count == 1)
        #expect(T.records(zone, at: "a").map(\.rdata) == [.a(IPv4Address("192.0.2.4")!)])
        #expect(T.records(zone, at: "in").map(\.type) == [.a, .txt])
        #expect(T.records(zone, at: "a\\.b").first?.name.labelCount == 3)
        #expect(T.records(zone, at: "Ax").count == 1)
        // The case written is kept for answers; comparison ignores it.
        #expect(T.records(zone, at: "mixedcase").first?.name.description == "MixedCase.example.com.")
    }

    @Test(arguments: [
        ("www 60 IN A 192.0.2.9", 60 as UInt32),
        ("www IN 60 A 192.0.2.9", 60),
        ("www 60 A 192.0.2.9", 60),
        ("www IN A 192.0.2.9", 3600),
        ("www A 192.0.2.9", 3600),
        ("www 1h30m A 192.0.2.9", 5400),
        ("www 1W IN A 192.0.2.9", 604_800),
        ("www in 2d a 192.0.2.9", 172_800),
        ("www 0 A 192.0.2.9", 0),
        ("www 2147483647 A 192.0.2.9", 2_147_483_647),
        ("www CLASS1 A 192.0.2.9", 3600),
        ("www TYPE1 192.0.2.9", 3600),
    ])
    func ttlAndClassInEitherOrder(line: String, ttl: UInt32) throws {
        let zone = try T.parse("$TTL 3600\n" + T.soa + line + "\n")
        let record = try #require(T.records(zone, at: "www").first)
        #expect(record.ttl == ttl)
        #expect(record.type == .a)
        #expect(record.rrClass == .in)
        #expect(record.rdata == .a(IPv4Address("192.0.2.9")!))
    }

    @Test func defaultTTLsFollowExplicitThenDollarTTLThenPreviousThenMinimum() throws {
        let zone = try T.parse(
            """
            early A 192.0.2.1
            @ IN SOA ns1 hostmaster 1 7200 900 1209600 300
            @ 7200 NS ns1
            ns1 A 192.0.2.2
            $TTL 60
            www A 192.0.2.3
            www2 120 A 192.0.2.4
            www3 A 192.0.2.5

            """)
        // `early` has nothing to go by yet: the SOA MINIMUM fills it in (RFC 1035 5.2).
        #expect(zone.records.map(\.ttl) == [300, 300, 7200, 7200, 60, 120, 60])
    }

    @Test func parenthesesJoinLinesAndCommentsVanish() throws {
        let zone = try T.parse(
            """
            ; a comment line
            @ IN SOA ns1 hostmaster ( ; comment inside
                    2024010101 ; serial
                    7200       ; refresh
                    900 1209600
                    300 )      ; minimum
            www ( A
                  192.0.2.1 )
            txt TXT ( "one"
                      "two" ) ; trailing
            mx MX (10) (mail)

            """)
        #expect(zone.soa.serial == 2_024_010_101)
        #expect(zone.soa.expire == 1_209_600)
        #expect(zone.records.map(\.type) == [.soa, .a, .txt, .mx])
        #expect(zone.records[1].name == T.name("www.example.com."))
        #expect(zone.records[2].rdata == .txt([Array("one".utf8), Array("two".utf8)]))
        #expect(zone.records[3].rdata == .mx(preference: 10, exchange: T.name("mail.example.com.")))
    }

    @Test func quotedStringsKeepBlanksSemicolonsAndEscapes() throws {
        let zone = try T.parse(
            T.soa + #"""
                txt TXT "hello world" "semi;colon" "quote\"d" "back\\slash" "\065BC" "" unquoted
                paren TXT "(not a group)"

                """#)
        let strings = ["hello world", "semi;colon", "quote\"d", "back\\slash", "ABC", "", "unquoted"]
        #expect(T.records(zone, at: "txt").first?.rdata == .txt(strings.map { Array($0.utf8) }))
        #expect(T.records(zone, at: "paren").first?.rdata == .txt([Array("(not a group)".utf8)]))
    }

    @Test func genericTypesAndData() throws {
        let zone = try T.parse(
            T.soa + ##"""
                generic TYPE65534 \# 3 abcdef
                generica A \# 4 0A000063
                empty TYPE65000 \# 0
                split TYPE65001 \# 4 ( 0102
                                        0304 )

                """##)
        #expect(T.records(zone, at: "generic").first?.rdata == .unknown([0xAB, 0xCD, 0xEF]))
        #expect(T.records(zone, at: "generic").first?.type == RRType(rawValue: 65534))
        #expect(T.records(zone, at: "generica").first?.rdata == .a(IPv4Address("10.0.0.99")!))
        #expect(T.records(zone, at: "empty").first?.rdata == .unknown([]))
        #expect(T.records(zone, at: "split").first?.rdata == .unknown([1, 2, 3, 4]))
    }

    @Test func originDirectiveChangesRelativeNames() throws {
        let zone = try T.parse(
            T.soa + """
                $ORIGIN sub
                @ NS ns
                host CNAME other
                $ORIGIN example.net.
                $origin deeper.sub.example.com.
                x MX 10 @

                """)
        #expect(T.records(zone, at: "sub").first?.rdata == .ns(T.name("ns.sub.example.com.")))
        #expect(T.records(zone, at: "host.sub").first?.rdata == .cname(T.name("other.sub.example.com.")))
        #expect(
            T.records(zone, at: "x.deeper.sub").first?.rdata
                == .mx(preference: 10, exchange: T.name("deeper.sub.example.com.")))
    }

    @Test func duplicatesMergeAndAnRRsetKeepsItsFirstTTL() throws {
        let zone = try T.parse(
            T.soa + """
                www 60 A 192.0.2.1
                www 120 A 192.0.2.2
                WWW 300 A 192.0.2.1
                www 60 TXT "t"
                www 90 TXT "T"

                """)
        let www = T.records(zone, at: "www")
        #expect(
            www.map(\.rdata) == [
                .a(IPv4Address("192.0.2.1")!), .a(IPv4Address("192.0.2.2")!), .txt([[0x74]]), .txt([[0x54]]),
            ])
        #expect(www.map(\.ttl) == [60, 60, 60, 60])
    }

    @Test func noOriginGivenTheSOAOwnerDecides() throws {
        let zone = try T.parse(
            "example.org. 60 IN SOA ns1 hostmaster 1 2 3 4 5\nwww A 192.0.2.1\n", origin: nil)
        #expect(zone.origin == T.name("example.org."))
        #expect(zone.soa.primary == T.name("ns1.example.org."))
        #expect(zone.records.last?.name == T.name("www.example.org."))
    }

    @Test func noOriginGivenTheInitialDollarOriginCompletesNames() throws {
        let zone = try T.parse("$ORIGIN example.org.\n" + T.soa + "www A 192.0.2.1\n", origin: nil)
        #expect(zone.origin == T.name("example.org."))
        #expect(zone.records.last?.name == T.name("www.example.org."))
    }

    @Test func crlfLineEndingsAndAByteOrderMark() throws {
        let zone = try T.parse("\u{FEFF}$TTL 60\r\n@ SOA ns1 hostmaster 1 2 3 4 5\r\nwww A 192.0.2.1\r\n")
        #expect(zone.records.map(\.ttl) == [60, 60])
        #expect(zone.records.last?.name == T.name("www.example.com."))
    }

    @Test func dnssecRecordsMaySitBesideACNAME() throws {
        let zone = try T.parse(T.soa + "www CNAME x\nwww TYPE46 \\# 1 00\nwww TYPE47 \\# 1 00\n")
        #expect(T.records(zone, at: "www").count == 3)
    }

    @Test func lastLineNeedsNoNewline() throws {
        let zone = try T.parse(T.soa + "www A 192.0.2.1 ; no newline")
        #expect(zone.records.count == 2)
    }
}
