import DNSWire
import Foundation
import Testing

@testable import DNSZone

@Suite("Zone file parser: files and $INCLUDE")
struct ZoneFileIncludeTests {
    typealias T = ZoneFileTesting

    /// A fresh temporary directory holding `files` (relative path -> text).
    static func directory(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zonefile-\(UUID().uuidString)").path
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func includeIsRelativeToTheIncludingFileAndScopesOriginAndTTL() throws {
        let root = try Self.directory([
            "example.com.zone": """
            $TTL 300
            @ SOA ns1 hostmaster 1 2 3 4 5
            $INCLUDE sub/hosts.inc hosts
            after A 192.0.2.9
            """,
            "sub/hosts.inc": """
            web A 192.0.2.1
            $TTL 60
            $ORIGIN elsewhere.example.com.
            db A 192.0.2.2
            $INCLUDE more.inc
            """,
            "sub/more.inc": "cache A 192.0.2.3\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let zone = try ZoneFileParser.parse(path: root + "/example.com.zone", origin: T.origin)
        #expect(zone.path == root + "/example.com.zone")
        let owners = zone.records.map(\.name.description)
        #expect(
            owners == [
                "example.com.", "web.hosts.example.com.", "db.elsewhere.example.com.",
                "cache.elsewhere.example.com.", "after.example.com.",
            ])
        // $TTL 60 in the included file does not leak back out.
        #expect(zone.records.map(\.ttl) == [300, 300, 60, 60, 300])
    }

    @Test func errorsInsideAnIncludedFileNameThatFile() throws {
        let root = try Self.directory([
            "main.zone": "@ SOA ns1 hostmaster 1 2 3 4 5\n$INCLUDE bad.inc\n",
            "bad.inc": "; first line\nok A 192.0.2.1\nbroken A 192.0.2.256\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let diagnostics = Self.diagnostics(path: root + "/main.zone")
        #expect(diagnostics.map(\.code) == [.badRData])
        #expect(diagnostics.first?.file == root + "/bad.inc")
        #expect(diagnostics.first.map { [$0.line, $0.column] } == [3, 10])
        #expect(diagnostics.first?.description.hasPrefix(root + "/bad.inc:3:10: error: ") == true)
    }

    @Test func includeNestingStopsAtEightLevels() throws {
        let root = try Self.directory([
            "main.zone": "@ SOA ns1 hostmaster 1 2 3 4 5\n$INCLUDE loop.inc\n",
            "loop.inc": "; includes itself\n$INCLUDE loop.inc\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let diagnostics = Self.diagnostics(path: root + "/main.zone")
        #expect(diagnostics.map(\.code) == [.includeFailed])
        #expect(diagnostics.first?.file == root + "/loop.inc")
        #expect(diagnostics.first.map { [$0.line, $0.column] } == [2, 10])
    }

    @Test func aMissingIncludeNamesTheIncludingLine() throws {
        let root = try Self.directory(["main.zone": "@ SOA ns1 hostmaster 1 2 3 4 5\n\n$INCLUDE \"gone.inc\"\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let diagnostics = Self.diagnostics(path: root + "/main.zone")
        #expect(diagnostics.map(\.code) == [.includeFailed])
        #expect(diagnostics.first.map { [$0.line, $0.column] } == [3, 10])
        #expect(diagnostics.first?.message.contains("No such file or directory") == true)
    }

    @Test func defaultTTLAppliesUntilTheFileSetsItsOwn() throws {
        let root = try Self.directory(["z.zone": "@ SOA ns1 hostmaster 1 2 3 4 5\nwww A 192.0.2.1\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let zone = try ZoneFileParser.parse(path: root + "/z.zone", origin: T.origin, defaultTTL: 42)
        #expect(zone.records.map(\.ttl) == [42, 42])
    }

    @Test func unreadableFiles() throws {
        let root = try Self.directory([:])
        try FileManager.default.createDirectory(atPath: root + "/dir.zone", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (path, message) in [("/missing.zone", "No such file or directory"), ("/dir.zone", "Is a directory")] {
            let diagnostics = Self.diagnostics(path: root + path)
            #expect(diagnostics.map(\.code) == [.unreadable])
            #expect(diagnostics.first.map { [$0.line, $0.column] } == [0, 0])
            #expect(diagnostics.first?.message.contains(message) == true)
            #expect(diagnostics.first?.file == root + path)
        }
    }

    /// The repository's zone files (other people write them): each must parse as the zone
    /// its file name gives.
    @Test(arguments: ZoneFileIncludeTests.repositoryZones())
    func repositoryZoneFileParses(path: String) throws {
        let fileName = (path as NSString).lastPathComponent
        let origin = try DomainName(parsing: String(fileName.dropLast(".zone".count)) + ".")
        let zone = try ZoneFileParser.parse(path: path, origin: origin)
        #expect(zone.origin == origin)
        #expect(zone.records.first?.type == .soa)
        #expect(zone.records.count > 1)
    }

    static func repositoryZones() -> [String] {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
        return ["zones", "Tests/integration/zones"].flatMap { folder -> [String] in
            let path = root.appendingPathComponent(folder).path
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.filter { $0.hasSuffix(".zone") }.sorted().map { path + "/" + $0 }
        }
    }

    static func diagnostics(path: String) -> [ZoneFileDiagnostic] {
        do {
            _ = try ZoneFileParser.parse(path: path, origin: T.origin)
            return []
        } catch {
            return error.diagnostics
        }
    }
}
