import DNSWire
import DNSZone
import Testing

@testable import Registry

@Suite("Registry change batches: CREATE, UPSERT, DELETE, order, CNAME, atomicity")
struct ChangeTests {
    @Test func createIsAnsweredAndBumpsTheSerialOncePerBatch() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let change = try await harness.registry.applyChanges(
            zone: "ecs.internal.",
            changes: [
                RecordChange(action: "create", name: "web", type: "A", ttl: 30, records: ["10.0.0.1", "10.0.0.2"]),
                RecordChange(action: "CREATE", name: "api.ecs.internal.", type: "aaaa", ttl: 30, records: ["fd00::1"]),
                RecordChange(action: "Create", name: "@", type: "MX", ttl: 300, records: ["10 mail"]),
            ], comment: "first")
        #expect(change.serial == 2)
        #expect(change.status == "INSYNC")
        #expect(change.zone == "ecs.internal")
        #expect(change.comment == "first")
        #expect(change.changeId.count == 14 && change.changeId.hasPrefix("C"))
        #expect(change.changeId.dropFirst().allSatisfy { $0.isUppercase || $0.isNumber })
        // Read-your-writes: the publisher already has it when the call returns.
        let zones = harness.log.last
        #expect(answer(zones, "web.ecs.internal.", .a) == ["10.0.0.1", "10.0.0.2"])
        #expect(answerTTL(zones, "web.ecs.internal.", .a) == 30)
        #expect(answer(zones, "api.ecs.internal.", .aaaa) == ["fd00::1"])
        #expect(answer(zones, "ecs.internal.", .mx) == ["10 mail.ecs.internal."])
        #expect(zones?.zone(for: try DomainName(parsing: "ecs.internal."))?.serial == 2)
        let next = try await harness.change("UPSERT", "web", "A", ["10.0.0.3"])
        #expect(next.serial == 3)
        await harness.finish()
    }

    @Test func createOfAnExistingSetFailsAndChangesNothing() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "web", "A", ["10.0.0.1"])
        let published = harness.log.count
        let error = await registryError {
            _ = try await harness.registry.applyChanges(
                zone: "ecs.internal",
                changes: [
                    RecordChange(action: "CREATE", name: "new", type: "A", ttl: 60, records: ["10.0.0.9"]),
                    RecordChange(action: "CREATE", name: "WEB", type: "A", ttl: 60, records: ["10.0.0.2"]),
                ], comment: nil)
        }
        #expect(error?.code == .recordSetExists)
        #expect(error?.field == "changes[1]")
        #expect(error?.message.lowercased().contains("web.ecs.internal. a") == true)
        #expect(harness.log.count == published)
        #expect(answer(harness.registry.zones, "new.ecs.internal.", .a) == ["NXDOMAIN"])
        #expect(try await harness.registry.zone(named: "ecs.internal").serial == 2)
        try await harness.reopen()
        #expect(answer(harness.registry.zones, "new.ecs.internal.", .a) == ["NXDOMAIN"])
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["10.0.0.1"])
        #expect(try await harness.registry.zone(named: "ecs.internal").serial == 2)
        await harness.finish()
    }

    @Test func deleteNeedsTheExactSet() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "web", "A", ttl: 60, ["10.0.0.1", "10.0.0.2"])
        let missing = await registryError { try await harness.change("DELETE", "nothing", "A", ["10.0.0.1"]) }
        #expect(missing?.code == .noSuchRecordSet)
        #expect(missing?.field == "changes[0]")
        let partial = await registryError { try await harness.change("DELETE", "web", "A", ttl: nil, ["10.0.0.1"]) }
        #expect(partial?.code == .recordSetMismatch)
        let ttl = await registryError { try await harness.change("DELETE", "web", "A", ttl: 61, ["10.0.0.1", "10.0.0.2"]) }
        #expect(ttl?.code == .recordSetMismatch)
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["10.0.0.1", "10.0.0.2"])
        try await harness.change("DELETE", "web.ecs.internal.", "a", ttl: nil, ["10.0.0.2", "10.0.0.1"])
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["NXDOMAIN"])
        await harness.finish()
    }

    @Test func upsertCreatesAndReplaces() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("UPSERT", "web", "A", ttl: 60, ["10.0.0.1"])
        try await harness.change("UPSERT", "web", "A", ttl: 5, ["10.0.0.2", "10.0.0.3"])
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["10.0.0.2", "10.0.0.3"])
        #expect(answerTTL(harness.registry.zones, "web.ecs.internal.", .a) == 5)
        await harness.finish()
    }

    @Test func changesApplyInOrderWithinABatch() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "web", "A", ["10.0.0.1"])
        // Replace an A by a CNAME in one batch: delete first, then create.
        _ = try await harness.registry.applyChanges(
            zone: "ecs.internal",
            changes: [
                RecordChange(action: "DELETE", name: "web", type: "A", records: ["10.0.0.1"]),
                RecordChange(action: "CREATE", name: "web", type: "CNAME", ttl: 60, records: ["api"]),
                RecordChange(action: "CREATE", name: "tmp", type: "TXT", ttl: 60, records: ["\"x\""]),
                RecordChange(action: "DELETE", name: "tmp", type: "TXT", records: ["x"]),
            ], comment: nil)
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .cname) == ["api.ecs.internal."])
        #expect(answer(harness.registry.zones, "tmp.ecs.internal.", .txt) == ["NXDOMAIN"])
        // The other way round fails at the CNAME, and nothing of the batch stays.
        let error = await registryError {
            _ = try await harness.registry.applyChanges(
                zone: "ecs.internal",
                changes: [
                    RecordChange(action: "CREATE", name: "db", type: "CNAME", ttl: 60, records: ["api"]),
                    RecordChange(action: "CREATE", name: "db", type: "TXT", ttl: 60, records: ["\"x\""]),
                    RecordChange(action: "DELETE", name: "db", type: "CNAME", records: ["api"]),
                ], comment: nil)
        }
        #expect(error?.code == .cnameConflict)
        #expect(error?.field == "changes[1]")
        #expect(answer(harness.registry.zones, "db.ecs.internal.", .cname) == ["NXDOMAIN"])
        await harness.finish()
    }

    @Test func cnameStandsAloneBothWays() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "web", "A", ["10.0.0.1"])
        try await harness.change("CREATE", "alias", "CNAME", ["web"])
        let onData = await registryError { try await harness.change("CREATE", "web", "CNAME", ["other"]) }
        #expect(onData?.code == .cnameConflict)
        #expect(onData?.message.contains("web.ecs.internal.") == true)
        let besideCNAME = await registryError { try await harness.change("CREATE", "alias", "TXT", ["\"t\""]) }
        #expect(besideCNAME?.code == .cnameConflict)
        let atApex = await registryError { try await harness.change("CREATE", "@", "CNAME", ["web"]) }
        #expect(atApex?.code == .cnameConflict)
        // UPSERT of the CNAME itself is fine.
        try await harness.change("UPSERT", "alias", "CNAME", ["other.example.net."])
        #expect(answer(harness.registry.zones, "alias.ecs.internal.", .cname) == ["other.example.net."])
        await harness.finish()
    }

    @Test func cnameConflictsWithInstanceRecordsBothWays() async throws {
        let harness = try await Harness()
        try await harness.zone()
        _ = try await harness.registry.registerInstance(
            zone: "ecs.internal", service: "web", id: "one", InstanceRegistration(address: "10.0.0.7", port: 80))
        let onService = await registryError { try await harness.change("CREATE", "web", "CNAME", ["x.example."]) }
        #expect(onService?.code == .cnameConflict)
        let onHost = await registryError { try await harness.change("CREATE", "one.web", "CNAME", ["x.example."]) }
        #expect(onHost?.code == .cnameConflict)
        try await harness.change("CREATE", "two.db", "CNAME", ["x.example."])
        let register = await registryError {
            _ = try await harness.registry.registerInstance(
                zone: "ecs.internal", service: "db", id: "two", InstanceRegistration(address: "10.0.0.8"))
        }
        #expect(register?.code == .cnameConflict)
        #expect(try await harness.registry.instances(zone: "ecs.internal", service: "db").isEmpty)
        #expect(answer(harness.registry.zones, "db.ecs.internal.", .a) == ["NODATA"])
        await harness.finish()
    }

    @Test func apiAndInstanceRecordsAreAnsweredTogether() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "web", "A", ttl: 300, ["10.0.0.1"])
        _ = try await harness.registry.registerInstance(
            zone: "ecs.internal", service: "web", id: "one", InstanceRegistration(address: "10.0.0.7", ttl: 20))
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["10.0.0.1", "10.0.0.7"])
        #expect(answerTTL(harness.registry.zones, "web.ecs.internal.", .a) == 20)
        try await harness.change("DELETE", "web", "A", ttl: nil, ["10.0.0.1"])
        #expect(answer(harness.registry.zones, "web.ecs.internal.", .a) == ["10.0.0.7"])
        await harness.finish()
    }

    @Test func recordDataIsParsedLikeAZoneFile() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "txt", "TXT", ["\"v=1; a=b\" \"quote \\\" in\"", "plain"])
        #expect(answer(harness.registry.zones, "txt.ecs.internal.", .txt) == ["\"plain\"", "\"v=1\\; a=b\" \"quote \\\" in\""])
        try await harness.change("CREATE", "srv", "SRV", ["1 2 8080 web", "1 2 8080 web.example.net."])
        #expect(answer(harness.registry.zones, "srv.ecs.internal.", .srv) == ["1 2 8080 web.ecs.internal.", "1 2 8080 web.example.net."])
        try await harness.change("CREATE", "generic", "A", ["\\# 4 0a000001"])
        #expect(answer(harness.registry.zones, "generic.ecs.internal.", .a) == ["10.0.0.1"])
        try await harness.change("CREATE", "private", "TYPE65280", ["\\# 2 abcd"])
        #expect(answer(harness.registry.zones, "private.ecs.internal.", RRType(rawValue: 65280)) == ["\\# 2 abcd"])
        try await harness.change("CREATE", "*.wild", "A", ["10.0.0.5"])
        #expect(answer(harness.registry.zones, "any.wild.ecs.internal.", .a) == ["10.0.0.5"])
        try await harness.reopen()
        #expect(answer(harness.registry.zones, "txt.ecs.internal.", .txt) == ["\"plain\"", "\"v=1\\; a=b\" \"quote \\\" in\""])
        #expect(answer(harness.registry.zones, "private.ecs.internal.", RRType(rawValue: 65280)) == ["\\# 2 abcd"])
        await harness.finish()
    }
}
