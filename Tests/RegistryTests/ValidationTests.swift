import DNSWire
import DNSZone
import Testing

@testable import Registry

@Suite("Registry validation: every error names its field and value")
struct ValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var change: RecordChange
        var code: RegistryError.Code
        var field: String
        var mentions: String

        var testDescription: String { "\(change.action) \(change.name) \(change.type) -> \(code.rawValue)" }
    }

    static let cases: [Case] = [
        Case(change: RecordChange(action: "MOVE", name: "a", type: "A", ttl: 60, records: ["10.0.0.1"]),
             code: .invalidChange, field: "changes[0].action", mentions: "MOVE"),
        Case(change: RecordChange(action: "CREATE", name: "web.other.test.", type: "A", ttl: 60, records: ["10.0.0.1"]),
             code: .invalidName, field: "changes[0].name", mentions: "is not in zone ecs.internal"),
        Case(change: RecordChange(action: "CREATE", name: "a..b", type: "A", ttl: 60, records: ["10.0.0.1"]),
             code: .invalidName, field: "changes[0].name", mentions: "a..b"),
        Case(change: RecordChange(action: "CREATE", name: "", type: "A", ttl: 60, records: ["10.0.0.1"]),
             code: .invalidName, field: "changes[0].name", mentions: "empty"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "FOO", ttl: 60, records: ["x"]),
             code: .invalidType, field: "changes[0].type", mentions: "FOO"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "ANY", ttl: 60, records: ["x"]),
             code: .invalidType, field: "changes[0].type", mentions: "ANY"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "OPT", ttl: 60, records: ["x"]),
             code: .invalidType, field: "changes[0].type", mentions: "OPT"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "AXFR", ttl: 60, records: ["x"]),
             code: .invalidType, field: "changes[0].type", mentions: "AXFR"),
        Case(change: RecordChange(action: "UPSERT", name: "@", type: "SOA", ttl: 60, records: ["a b 1 2 3 4 5"]),
             code: .invalidChange, field: "changes[0].type", mentions: "SOA"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "A", ttl: -1, records: ["10.0.0.1"]),
             code: .invalidTTL, field: "changes[0].ttl", mentions: "-1"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "A", ttl: 2_147_483_648, records: ["10.0.0.1"]),
             code: .invalidTTL, field: "changes[0].ttl", mentions: "2147483648"),
        Case(change: RecordChange(action: "UPSERT", name: "a", type: "A", ttl: nil, records: ["10.0.0.1"]),
             code: .invalidTTL, field: "changes[0].ttl", mentions: "required"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "A", ttl: 60, records: ["10.0.0.1", "10.0.0.300"]),
             code: .invalidRecord, field: "changes[0].records[1]", mentions: "10.0.0.300"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "AAAA", ttl: 60, records: ["10.0.0.1"]),
             code: .invalidRecord, field: "changes[0].records[0]", mentions: "bad IPv6 address '10.0.0.1'"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "MX", ttl: 60, records: ["ten mail"]),
             code: .invalidRecord, field: "changes[0].records[0]", mentions: "ten"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "TXT", ttl: 60, records: ["\"open"]),
             code: .invalidRecord, field: "changes[0].records[0]", mentions: "unterminated"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "TXT", ttl: 60, records: [String(repeating: "x", count: 256)]),
             code: .invalidRecord, field: "changes[0].records[0]", mentions: "255"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "A", ttl: 60, records: ["10.0.0.1 10.0.0.2"]),
             code: .invalidRecord, field: "changes[0].records[0]", mentions: "10.0.0.2"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "A", ttl: 60, records: ["  "]),
             code: .invalidRecord, field: "changes[0].records[0]", mentions: "empty"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "A", ttl: 60, records: ["10.0.0.1", "10.0.0.1"]),
             code: .invalidRecord, field: "changes[0].records[1]", mentions: "duplicate"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "CNAME", ttl: 60, records: ["x", "y"]),
             code: .invalidRecord, field: "changes[0].records", mentions: "exactly one"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "A", ttl: 60, records: []),
             code: .invalidChange, field: "changes[0].records", mentions: "empty"),
        Case(change: RecordChange(action: "DELETE", name: "a", type: "A", ttl: nil, records: nil),
             code: .invalidChange, field: "changes[0].records", mentions: "empty"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "A", ttl: 60,
                                  records: (0..<401).map { "10.0.\($0 / 256).\($0 % 256)" }),
             code: .tooLarge, field: "changes[0].records", mentions: "401"),
        Case(change: RecordChange(action: "CREATE", name: "a", type: "TXT", ttl: 60,
                                  records: (0..<300).map { "\"\($0)\(String(repeating: "x", count: 250))\"" }),
             code: .tooLarge, field: "changes[0].records", mentions: "65535"),
    ]

    @Test(arguments: cases)
    func rejectsBadChangesNamingTheField(_ bad: Case) async throws {
        let harness = try await Harness()
        try await harness.zone()
        let before = harness.log.count
        let error = await registryError {
            _ = try await harness.registry.applyChanges(zone: "ecs.internal", changes: [bad.change], comment: nil)
        }
        #expect(error?.code == bad.code)
        #expect(error?.field == bad.field)
        #expect(error?.message.contains(bad.mentions) == true, "\(error?.message ?? "")")
        #expect(harness.log.count == before)
        #expect(try await harness.registry.zone(named: "ecs.internal").serial == 1)
        await harness.finish()
    }

    @Test func batchLimitsAndComment() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let many = (0..<1001).map { RecordChange(action: "CREATE", name: "h\($0)", type: "A", ttl: 60, records: ["10.0.0.1"]) }
        let tooMany = await registryError {
            _ = try await harness.registry.applyChanges(zone: "ecs.internal", changes: many, comment: nil)
        }
        #expect(tooMany?.code == .tooLarge)
        #expect(tooMany?.field == "changes")
        let none = await registryError {
            _ = try await harness.registry.applyChanges(zone: "ecs.internal", changes: [], comment: nil)
        }
        #expect(none?.code == .invalidChange)
        let comment = await registryError {
            _ = try await harness.registry.applyChanges(
                zone: "ecs.internal", changes: Array(many.prefix(1)), comment: String(repeating: "c", count: 300))
        }
        #expect(comment?.field == "comment")
        // Exactly 1,000 changes is allowed, and is one serial.
        let change = try await harness.registry.applyChanges(
            zone: "ecs.internal", changes: Array(many.prefix(1000)), comment: nil)
        #expect(change.serial == 2)
        #expect(try await harness.registry.zone(named: "ecs.internal").recordCount == 1002)
        let unknown = await registryError { try await harness.change("nope.test", "CREATE", "a", "A", ["10.0.0.1"]) }
        #expect(unknown?.code == .noSuchZone)
        await harness.finish()
    }
}
