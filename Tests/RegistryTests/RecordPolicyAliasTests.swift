import DNSWire
import DNSZone
import Testing

@testable import Registry

@Suite("Registry aliases and the routing fields' rules")
struct RecordPolicyAliasTests {
    static func alias(
        _ action: String, _ name: String, _ type: String = "A", to target: String, evaluate: Bool? = nil
    ) -> RecordChange {
        RecordChange(
            action: action, name: name, type: type, alias: AliasTarget(name: target, evaluateTargetHealth: evaluate))
    }

    @discardableResult
    static func apply(_ harness: Harness, _ changes: RecordChange...) async throws -> ChangeInfo {
        try await harness.registry.applyChanges(zone: "ecs.internal", changes: changes, comment: nil)
    }

    @Test func anAliasAnswersItsTargetsRecordsAndListsWithoutRecords() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "web", "A", ttl: 45, ["10.0.0.1", "10.0.0.2"])
        try await Self.apply(harness, Self.alias("CREATE", "www", to: "WEB", evaluate: true))
        #expect(answer(harness.log.last, "www.ecs.internal.", .a) == ["10.0.0.1", "10.0.0.2"])
        #expect(answerTTL(harness.log.last, "www.ecs.internal.", .a) == 45)
        let listed = try await harness.registry.recordSets(
            zone: "ecs.internal", name: "www", type: nil, cursor: nil, limit: 10)
        #expect(
            listed.recordSets == [
                RecordSetInfo(
                    name: "www.ecs.internal.", type: "A", ttl: 0, records: [], source: "api",
                    alias: AliasTarget(name: "web.ecs.internal.", evaluateTargetHealth: true))
            ])
        // The target follows its changes; an UPSERT turns the alias into records and back.
        try await harness.change("UPSERT", "web", "A", ttl: 45, ["10.0.0.3"])
        #expect(answer(harness.log.last, "www.ecs.internal.", .a) == ["10.0.0.3"])
        try await harness.change("UPSERT", "www", "A", ["10.0.0.4"])
        #expect(answer(harness.log.last, "www.ecs.internal.", .a) == ["10.0.0.4"])
        try await Self.apply(harness, Self.alias("UPSERT", "www", to: "web.ecs.internal."))
        #expect(answer(harness.log.last, "www.ecs.internal.", .a) == ["10.0.0.3"])
        let relisted = try await harness.registry.recordSets(
            zone: "ecs.internal", name: "www", type: nil, cursor: nil, limit: 10)
        #expect(relisted.recordSets.first?.alias == AliasTarget(name: "web.ecs.internal.", evaluateTargetHealth: false))
        await harness.finish()
    }

    @Test func anAliasTargetMustExistWithItsTypeOnceTheBatchApplied() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "web", "TXT", ["x"])
        let missing = await registryError { try await Self.apply(harness, Self.alias("CREATE", "www", to: "web")) }
        #expect(missing?.code == .invalidChange && missing?.field == "changes[0].alias.name")
        #expect(missing?.message == "alias target web.ecs.internal. A not found in zone ecs.internal")
        let choice = await registryError {
            try await Self.apply(
                harness,
                RecordChange(
                    action: "CREATE", name: "www", type: "A", setIdentifier: "a", weight: 1,
                    alias: AliasTarget(name: "nothing")))
        }
        #expect(choice?.message == "alias target nothing.ecs.internal. A not found in zone ecs.internal")
        // The target may come later in the same batch.
        try await Self.apply(
            harness, Self.alias("CREATE", "www", to: "web"),
            RecordChange(action: "CREATE", name: "web", type: "A", ttl: 60, records: ["10.0.0.1"]))
        #expect(answer(harness.log.last, "www.ecs.internal.", .a) == ["10.0.0.1"])
        // Deleting the target later is allowed: the alias then answers nothing.
        try await harness.change("DELETE", "web", "A", ["10.0.0.1"])
        #expect(answer(harness.log.last, "www.ecs.internal.", .a) == ["NODATA"])
        await harness.finish()
    }

    @Test func deletingAnAliasNamesItsTarget() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "web", "A", ["10.0.0.1"])
        try await harness.change("CREATE", "api", "A", ["10.0.0.2"])
        try await Self.apply(harness, Self.alias("CREATE", "www", to: "web"))
        let other = await registryError { try await Self.apply(harness, Self.alias("DELETE", "www", to: "api")) }
        #expect(other?.code == .recordSetMismatch)
        #expect(other?.message.contains("is an alias to web.ecs.internal.") == true)
        let records = await registryError { try await harness.change("DELETE", "www", "A", ["10.0.0.1"]) }
        #expect(records?.code == .recordSetMismatch)
        try await Self.apply(harness, Self.alias("DELETE", "www", to: "web"))
        #expect(answer(harness.log.last, "www.ecs.internal.", .a) == ["NXDOMAIN"])
        await harness.finish()
    }

    @Test func aWeightedChoiceCanBeAnAlias() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "blue", "A", ["10.0.0.1"])
        try await Self.apply(
            harness,
            RecordChange(
                action: "CREATE", name: "web", type: "A", setIdentifier: "blue", weight: 1,
                alias: AliasTarget(name: "blue")),
            RecordChange(
                action: "CREATE", name: "web", type: "A", ttl: 60, records: ["10.0.0.2"], setIdentifier: "green",
                weight: 0))
        #expect(answer(harness.log.last, "web.ecs.internal.", .a) == ["10.0.0.1"])
        let mismatch = await registryError {
            try await Self.apply(
                harness,
                RecordChange(
                    action: "DELETE", name: "web", type: "A", setIdentifier: "blue", weight: 1,
                    alias: AliasTarget(name: "green")))
        }
        #expect(mismatch?.code == .recordSetMismatch)
        try await Self.apply(
            harness,
            RecordChange(
                action: "DELETE", name: "web", type: "A", setIdentifier: "blue", weight: 1,
                alias: AliasTarget(name: "blue")))
        #expect(answer(harness.log.last, "web.ecs.internal.", .a) == ["10.0.0.2"])
        await harness.finish()
    }

    static let long = String(repeating: "x", count: 129)

    static let badChanges: [(RecordChange, RegistryError.Code, String)] = [
        (
            RecordChange(
                action: "CREATE", name: "w", type: "A", ttl: 1, records: ["10.0.0.1"], setIdentifier: "", weight: 1),
            .invalidChange, "changes[0].setIdentifier"
        ),
        (
            RecordChange(
                action: "CREATE", name: "w", type: "A", ttl: 1, records: ["10.0.0.1"], setIdentifier: long, weight: 1),
            .invalidChange, "changes[0].setIdentifier"
        ),
        (
            RecordChange(
                action: "CREATE", name: "w", type: "A", ttl: 1, records: ["10.0.0.1"], setIdentifier: "a", weight: 256),
            .invalidChange, "changes[0].weight"
        ),
        (
            RecordChange(
                action: "CREATE", name: "w", type: "A", ttl: 1, records: ["10.0.0.1"], setIdentifier: "a", weight: -1),
            .invalidChange, "changes[0].weight"
        ),
        (
            RecordChange(action: "CREATE", name: "w", type: "A", ttl: 1, records: ["10.0.0.1"], weight: 1),
            .invalidChange, "changes[0].weight"
        ),
        (
            RecordChange(action: "CREATE", name: "w", type: "A", ttl: 1, records: ["10.0.0.1"], multiValue: true),
            .invalidChange, "changes[0].multiValue"
        ),
        (
            RecordChange(
                action: "CREATE", name: "w", type: "A", ttl: 1, records: ["10.0.0.1"], setIdentifier: "a", weight: 1,
                multiValue: true), .invalidChange, "changes[0].multiValue"
        ),
        (
            RecordChange(action: "CREATE", name: "w", type: "A", ttl: 1, records: ["10.0.0.1"], setIdentifier: "a"),
            .invalidChange, "changes[0].setIdentifier"
        ),
        (
            RecordChange(
                action: "CREATE", name: "w", type: "A", ttl: 1, records: ["10.0.0.1"], setIdentifier: "a",
                multiValue: false),
            .invalidChange, "changes[0].setIdentifier"
        ),
        (
            RecordChange(
                action: "CREATE", name: "w", type: "CNAME", ttl: 1, records: ["x"], setIdentifier: "a", multiValue: true
            ),
            .invalidChange, "changes[0].multiValue"
        ),
        (
            RecordChange(
                action: "CREATE", name: "w", type: "NS", ttl: 1, records: ["ns1"], setIdentifier: "a", weight: 1),
            .invalidChange, "changes[0].setIdentifier"
        ),
        (
            RecordChange(action: "CREATE", name: "w", type: "A", ttl: 60, alias: AliasTarget(name: "web")),
            .invalidChange, "changes[0].ttl"
        ),
        (
            RecordChange(
                action: "CREATE", name: "w", type: "A", records: ["10.0.0.1"], alias: AliasTarget(name: "web")),
            .invalidChange, "changes[0].records"
        ),
        (
            RecordChange(
                action: "CREATE", name: "w", type: "A", setIdentifier: "a", multiValue: true,
                alias: AliasTarget(name: "web")),
            .invalidChange, "changes[0].alias"
        ),
        (
            RecordChange(action: "CREATE", name: "w", type: "NS", alias: AliasTarget(name: "web")),
            .invalidChange, "changes[0].alias"
        ),
        (
            RecordChange(action: "CREATE", name: "w", type: "A", alias: AliasTarget(name: "web.other.test.")),
            .invalidChange, "changes[0].alias.name"
        ),
        (
            RecordChange(action: "CREATE", name: "w", type: "A", alias: AliasTarget(name: "")),
            .invalidName, "changes[0].alias.name"
        ),
        (
            RecordChange(action: "CREATE", name: "w", type: "A", alias: AliasTarget(name: "bad..name")),
            .invalidName, "changes[0].alias.name"
        ),
        (
            RecordChange(action: "CREATE", name: "w", type: "A", alias: AliasTarget(name: "W.ecs.internal.")),
            .invalidChange, "changes[0].alias.name"
        ),
    ]

    @Test(arguments: badChanges.indices)
    func rejectsBadRoutingFieldsNamingTheField(_ index: Int) async throws {
        let (change, code, field) = Self.badChanges[index]
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "web", "A", ["10.0.0.1"])
        let error = await registryError { try await Self.apply(harness, change) }
        #expect(error?.code == code)
        #expect(error?.field == field)
        #expect(try await harness.registry.zone(named: "ecs.internal").serial == 2)
        await harness.finish()
    }

    @Test func theRoutingFieldsBoundsAreAccepted() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let longest = String(repeating: "é", count: 128)
        try await Self.apply(
            harness,
            RecordChange(
                action: "CREATE", name: "w", type: "A", ttl: 0, records: ["10.0.0.1"], setIdentifier: longest,
                weight: 255),
            RecordChange(
                action: "CREATE", name: "w", type: "A", ttl: 0, records: ["10.0.0.2"], setIdentifier: "0", weight: 0),
            RecordChange(action: "CREATE", name: "v", type: "A", ttl: 5, records: ["10.0.0.3"], multiValue: false))
        let listed = try await harness.registry.recordSets(
            zone: "ecs.internal", name: "w", type: nil, cursor: nil, limit: 10)
        #expect(listed.recordSets.map(\.setIdentifier) == ["0", longest])
        #expect(listed.recordSets.map(\.weight) == [0, 255])
        await harness.finish()
    }
}
