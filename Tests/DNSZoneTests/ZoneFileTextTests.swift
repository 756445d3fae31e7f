import DNSWire
import Testing

@testable import DNSZone

/// The parser reads tokens in place from the file's bytes; text that is not UTF-8 is repaired
/// as `String(decoding:as:)` repairs it, while columns still count the bytes as written.
@Suite("Zone file parser: bytes that are not UTF-8")
struct ZoneFileTextTests {
    typealias T = ZoneFileTesting

    static func parse(_ bytes: [UInt8]) throws(ZoneFileError) -> ZoneFile {
        try ZoneFileParser.parse(bytes: Array(T.soa.utf8) + bytes, path: "<text>", origin: T.origin, defaultTTL: nil)
    }

    static func diagnostics(_ bytes: [UInt8]) -> [ZoneFileDiagnostic] {
        do {
            _ = try parse(bytes)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func badBytesInDataAreRepairedAsStringsRepairThem() throws {
        let zone = try Self.parse(Array("www TXT \"a".utf8) + [0xFF] + Array("b\" ok\n".utf8))
        let record = try #require(T.records(zone, at: "www").first)
        #expect(
            record.rdata == .txt([Array(String(decoding: [0x61, 0xFF, 0x62], as: UTF8.self).utf8), Array("ok".utf8)]))
    }

    @Test func badBytesInOwnersAreRepairedToo() throws {
        let zone = try Self.parse([0x77, 0xC3] + Array(" A 192.0.2.1\n".utf8))
        let owner = try DomainName(parsing: String(decoding: [0x77, 0xC3], as: UTF8.self), origin: T.origin)
        #expect(T.records(zone, at: owner.description).count == 1)
        #expect(owner.wire[0] == 4)
    }

    @Test func columnsCountTheBytesAsWritten() {
        // The repaired owner is longer than the two bytes it replaces: the column is not.
        let diagnostics = Self.diagnostics([0x77, 0xFF] + Array(" A 192.0.2.256\n".utf8))
        #expect(diagnostics.map { [$0.line, $0.column] } == [[2, 6]])
    }

    @Test func newlinesAreCountedEightOctetsAtATime() {
        var random = SplitMix64(seed: 3)
        for length in 0..<80 {
            let bytes = (0..<length).map { _ in [0x0A, 0x0B, 0x8A, 0x00, 0xFF, 0x41][Int(random.next() % 6)] as UInt8 }
            let count = bytes.withUnsafeBytes(ZoneFileLoader.newlines)
            #expect(count == bytes.filter { $0 == 0x0A }.count, "\(bytes)")
        }
    }

    @Test func goodUTF8PassesAsIs() throws {
        let zone = try Self.parse(Array("caf\u{E9} TXT \"\u{E9}t\u{E9}\"\n".utf8))
        let record = try #require(zone.records.last)
        #expect(record.name.wire.starts(with: [5] + Array("caf\u{E9}".utf8)))
        #expect(record.rdata == .txt([Array("\u{E9}t\u{E9}".utf8)]))
    }
}
