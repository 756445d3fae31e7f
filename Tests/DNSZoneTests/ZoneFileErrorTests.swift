import DNSWire
import Testing

@testable import DNSZone

@Suite("Zone file parser: diagnostics")
struct ZoneFileErrorTests {
    typealias T = ZoneFileTesting
    typealias Code = ZoneFileDiagnostic.Code

    /// One bad line after a good SOA (line 1): the first diagnostic's code, line and column.
    @Test(arguments: [
        ("www A 192.0.2.1 )", Code.syntax, 2, 17),
        ("www A ( 192.0.2.1", .syntax, 2, 7),
        ("www A ( ( 192.0.2.1 ) )", .syntax, 2, 9),
        ("www TXT \"abc", .syntax, 2, 9),
        ("$GENERATE 1-2 x$ A 192.0.2.1", .syntax, 2, 1),
        ("$ORIGIN", .syntax, 2, 1),
        ("$ORIGIN a b", .syntax, 2, 1),
        ("$TTL", .syntax, 2, 1),
        ("$INCLUDE", .syntax, 2, 1),
        ("www 60 IN", .syntax, 2, 8),
        ("$ORIGIN a..b", .badName, 2, 9),
        ("a..b A 192.0.2.1", .badName, 2, 1),
        (String(repeating: "x", count: 64) + " A 192.0.2.1", .badName, 2, 1),
        ("$TTL abc", .badTTL, 2, 6),
        ("$TTL 2147483648", .badTTL, 2, 6),
        ("www 2147483648 A 192.0.2.1", .badTTL, 2, 5),
        ("www IN 99999999999 A 192.0.2.1", .badTTL, 2, 8),
        ("www 1x A 192.0.2.1", .badTTL, 2, 5),
        ("www A 192.0.2.256", .badRData, 2, 7),
        ("www   AAAA 1::2::3", .badRData, 2, 12),
        ("www MX mail", .badRData, 2, 8),
        ("www A", .badRData, 2, 5),
        ("www A 192.0.2.1 extra", .badRData, 2, 7),
        ("www TXT \"\\300\"", .badRData, 2, 9),
        ("www TYPE65000 \\# 2 abcdef", .badRData, 2, 15),
        ("www HINFO \"cpu\" \"os\"", .badRData, 2, 11),
        ("www FOO 1", .unknownType, 2, 5),
        ("www IN AXFR x", .unknownType, 2, 8),
        ("www \"A\" 192.0.2.1", .unknownType, 2, 5),
        ("www CLASS99999 A 192.0.2.1", .unknownClass, 2, 5),
        ("www CH A 192.0.2.1", .wrongClass, 2, 5),
        ("www 60 HS TXT \"x\"", .wrongClass, 2, 8),
        ("www.example.org. A 192.0.2.1", .outOfZone, 2, 1),
        ("com. NS ns1", .outOfZone, 2, 1),
        ("@ SOA ns1 hostmaster 2 2 3 4 5", .secondSOA, 2, 1),
        ("$INCLUDE does-not-exist.inc", .includeFailed, 2, 10),
        ("$INCLUDE x.inc a..b", .badName, 2, 16),
    ])
    func badLine(line: String, code: Code, lineNumber: Int, column: Int) throws {
        let diagnostics = T.diagnostics(T.soa + line + "\n")
        let first = try #require(diagnostics.first)
        #expect(first.code == code)
        #expect(first.line == lineNumber)
        #expect(first.column == column)
        #expect(first.file == "<text>")
    }

    @Test(arguments: [
        ("www CNAME x\nwww A 192.0.2.1\n", 3),
        ("www A 192.0.2.1\nwww CNAME x\n", 3),
        ("www CNAME x\nwww CNAME y\n", 3),
        ("www CNAME x\n  TXT \"t\"\n", 3),
    ])
    func cnameBesideOtherData(text: String, line: Int) {
        let diagnostics = T.diagnostics(T.soa + text)
        #expect(diagnostics.map(\.code) == [.cnameConflict])
        #expect(diagnostics.first?.line == line)
        #expect(diagnostics.first?.column == (text.contains("  TXT") ? 3 : 1))
    }

    @Test func identicalCNAMEsMerge() throws {
        let zone = try T.parse(T.soa + "www CNAME x\nwww 60 CNAME X\n")
        #expect(zone.records.count == 2)
    }

    @Test func missingSOAIsReportedAtTheTop() {
        let diagnostics = T.diagnostics("www A 192.0.2.1\n")
        #expect(diagnostics.map(\.code) == [.missingSOA])
        #expect(diagnostics.first.map { [$0.line, $0.column] } == [1, 1])
        #expect(T.diagnostics("").map(\.code) == [.missingSOA])
    }

    @Test func soaMustBeAtTheExpectedApex() {
        let diagnostics = T.diagnostics("www A 192.0.2.1\nsub SOA ns1 hostmaster 1 2 3 4 5\n")
        #expect(diagnostics.map(\.code) == [.soaNotAtApex])
        #expect(diagnostics.first.map { [$0.line, $0.column] } == [2, 1])
    }

    @Test func noOriginAnywhere() {
        // A relative owner, '@', and a relative name in the data before any SOA.
        let owner = T.diagnostics("www A 192.0.2.1\n", origin: nil)
        #expect(owner.map(\.code) == [.missingSOA, .badName])
        #expect(T.diagnostics("@ A 192.0.2.1\n", origin: nil).map(\.code) == [.missingSOA, .badName])
        let data = T.diagnostics("www.example.org. CNAME other\n", origin: nil)
        #expect(data.map(\.code) == [.missingSOA, .badRData])
        #expect(data.last.map { [$0.line, $0.column] } == [1, 24])
    }

    @Test func inheritingWithNoPreviousOwner() {
        let diagnostics = T.diagnostics("  A 192.0.2.1\n" + T.soa)
        #expect(diagnostics.map(\.code) == [.syntax])
        #expect(diagnostics.first.map { [$0.line, $0.column] } == [1, 3])
    }

    @Test func parsingGoesOnAfterAnError() {
        let diagnostics = T.diagnostics(
            T.soa + """
                bad A 192.0.2.300
                    TXT "still www? no: still bad, and fine"
                good A 192.0.2.1
                worse 1x A 192.0.2.1
                x\tFOO
                \tA 192.0.2.2
                y.example.net. A 192.0.2.3

                """)
        #expect(diagnostics.map(\.code) == [.badRData, .badTTL, .unknownType, .outOfZone])
        #expect(diagnostics.map(\.line) == [2, 5, 6, 8])
    }

    @Test func anUnterminatedQuoteSpoilsOnlyItsRecord() {
        let diagnostics = T.diagnostics(T.soa + "www TXT \"open\n    A 192.0.2.1\nwww CNAME x\n")
        #expect(diagnostics.map(\.code) == [.syntax, .cnameConflict])
        #expect(diagnostics.map(\.line) == [2, 4])
    }

    @Test func diagnosticsComeInFileOrder() {
        let diagnostics = T.diagnostics(
            T.soa + "www CNAME x\nwww A 192.0.2.1\nbad A 192.0.2.256\nout.example.org. A 192.0.2.2\n$FOO\n")
        #expect(diagnostics.map(\.code) == [.cnameConflict, .badRData, .outOfZone, .syntax])
        #expect(diagnostics.map(\.line) == [3, 4, 5, 6])
    }

    @Test func atMostOneHundredDiagnostics() {
        let text = T.soa + String(repeating: "www A 192.0.2.999\n", count: 150)
        let diagnostics = T.diagnostics(text)
        #expect(diagnostics.count == 100)
        #expect(diagnostics.last?.line == 101)
    }

    @Test func diagnosticsReadLikeACompilersMessages() {
        let error = ZoneFileError(diagnostics: T.diagnostics(T.soa + "www A 192.0.2.256\nwww CH A 192.0.2.1\n"))
        let lines = error.description.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0] == "<text>:2:7: error: bad IPv4 address '192.0.2.256'")
        #expect(lines[1].hasPrefix("<text>:3:5: error: class CH"))
    }
}
