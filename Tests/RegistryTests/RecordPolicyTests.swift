import DNSWire
import DNSZone
import Testing

@testable import Registry

@Suite("Registry routing-policy groups: choices, their rules, DNS, restarts")
struct RecordPolicyTests {
    static func weighted(
        _ action: String, _ name: String, _ id: String, weight: Int64, ttl: Int64? = 60, _ records: [String]
    ) -> RecordChange {
        RecordChange(
            action: action, name: name, type: "A", ttl: ttl, records: records, setIdentifier: id, weight: weight)
    }

    static func multivalue(_ action: String, _ name: String, _ id: String, ttl: Int64? = 60, _ records: [String])
        -> RecordChange
    {
        RecordChange(
            action: action, name: name, type: "A", ttl: ttl, records: records, setIdentifier: id, multiValue: true)
    }

    @discardableResult
    static func apply(_ harness: Harness, _ changes: RecordChange...) async throws -> ChangeInfo {
        try await harness.registry.applyChanges(zone: "ecs.internal", changes: changes, comment: nil)
    }

    static func listing(_ harness: Harness, name: String? = nil) async throws -> [RecordSetInfo] {
        try await harness.registry.recordSets(zone: "ecs.internal", name: name, type: nil, cursor: nil, limit: 1000)
            .recordSets
    }

    static func stored(_ harness: Harness, _ name: String, _ type: RRType) -> RRSet? {
        harness.registry.zones.zone(for: try! DomainName(parsing: "ecs.internal."))?
            .rrset(try! DomainName(parsing: name), type)
    }

    @Test func aWeightedGroupIsOneSetListedOnceByChoice() async throws {
        let harness = try await Harness()
        try await harness.zone()
        let change = try await Self.apply(
            harness, Self.weighted("CREATE", "web", "green", weight: 0, ttl: 30, ["10.0.0.2"]),
            Self.weighted("CREATE", "web", "blue", weight: 7, ttl: 20, ["10.0.0.1", "10.0.0.3"]))
        #expect(change.serial == 2)
        #expect(change.operation == "CHANGE_RECORDS")
        let set = Self.stored(harness, "web.ecs.internal.", .a)
        #expect(set?.policy == .weighted)
        #expect(set?.choices.map(\.identifier) == ["blue", "green"])
        #expect(set?.choices.map(\.weight) == [7, 0])
        // Only blue has weight: every answer is blue's, at blue's TTL.
        for _ in 0..<5 {
            #expect(answer(harness.log.last, "web.ecs.internal.", .a) == ["10.0.0.1", "10.0.0.3"])
            #expect(answerTTL(harness.log.last, "web.ecs.internal.", .a) == 20)
        }
        let listed = try await Self.listing(harness, name: "web")
        #expect(
            listed == [
                RecordSetInfo(
                    name: "web.ecs.internal.", type: "A", ttl: 20, records: ["10.0.0.1", "10.0.0.3"], source: "api",
                    setIdentifier: "blue", weight: 7, healthy: true),
                RecordSetInfo(
                    name: "web.ecs.internal.", type: "A", ttl: 30, records: ["10.0.0.2"], source: "api",
                    setIdentifier: "green", weight: 0, healthy: true),
            ])
        // The journal lists the group's records, as for any set.
        let journal = try await harness.registry.journal(zone: "ecs.internal")
        #expect(journal.last?.added.count == 3)
        await harness.finish()
    }

    @Test func aMultivalueGroupAnswersEveryChoice() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await Self.apply(
            harness, Self.multivalue("CREATE", "api", "a", ["10.0.1.1"]),
            Self.multivalue("CREATE", "api", "b", ["10.0.1.2"]))
        try await Self.apply(harness, Self.multivalue("UPSERT", "api", "c", ttl: 5, ["10.0.1.3"]))
        #expect(answer(harness.log.last, "api.ecs.internal.", .a) == ["10.0.1.1", "10.0.1.2", "10.0.1.3"])
        #expect(answerTTL(harness.log.last, "api.ecs.internal.", .a) == 5)
        let listed = try await Self.listing(harness, name: "api")
        #expect(listed.map(\.setIdentifier) == ["a", "b", "c"])
        #expect(listed.allSatisfy { $0.multiValue == true && $0.weight == nil && $0.healthy == true })
        await harness.finish()
    }

    @Test func createUpsertAndDeleteAddressOneChoice() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await Self.apply(
            harness, Self.weighted("CREATE", "web", "blue", weight: 1, ["10.0.0.1"]),
            Self.weighted("CREATE", "web", "green", weight: 1, ["10.0.0.2"]))
        let exists = await registryError {
            try await Self.apply(harness, Self.weighted("CREATE", "web", "blue", weight: 1, ["10.0.0.9"]))
        }
        #expect(exists?.code == .recordSetExists && exists?.field == "changes[0]")
        #expect(exists?.message.contains("web.ecs.internal. A (setIdentifier 'blue')") == true)
        // UPSERT replaces only its choice, weight included.
        try await Self.apply(harness, Self.weighted("UPSERT", "web", "blue", weight: 3, ttl: 10, ["10.0.0.5"]))
        var listed = try await Self.listing(harness, name: "web")
        #expect(listed.map(\.records) == [["10.0.0.5"], ["10.0.0.2"]])
        #expect(listed.map(\.weight) == [3, 1])
        let missing = await registryError {
            try await Self.apply(harness, Self.weighted("DELETE", "web", "red", weight: 1, ["10.0.0.2"]))
        }
        #expect(missing?.code == .noSuchRecordSet)
        for wrong in [
            Self.weighted("DELETE", "web", "blue", weight: 2, ttl: 10, ["10.0.0.5"]),
            Self.weighted("DELETE", "web", "blue", weight: 3, ttl: 11, ["10.0.0.5"]),
            Self.weighted("DELETE", "web", "blue", weight: 3, ttl: nil, ["10.0.0.6"]),
        ] {
            let mismatch = await registryError { try await Self.apply(harness, wrong) }
            #expect(mismatch?.code == .recordSetMismatch)
            #expect(mismatch?.message.contains("weight 3, TTL 10 and records [10.0.0.5]") == true)
        }
        try await Self.apply(harness, Self.weighted("DELETE", "web", "blue", weight: 3, ttl: nil, ["10.0.0.5"]))
        listed = try await Self.listing(harness, name: "web")
        #expect(listed.map(\.setIdentifier) == ["green"])
        #expect(answer(harness.log.last, "web.ecs.internal.", .a) == ["10.0.0.2"])
        // The last choice deleted removes the set.
        try await Self.apply(harness, Self.weighted("DELETE", "web", "green", weight: 1, ttl: 60, ["10.0.0.2"]))
        #expect(Self.stored(harness, "web.ecs.internal.", .a) == nil)
        #expect(answer(harness.log.last, "web.ecs.internal.", .a) == ["NXDOMAIN"])
        #expect(try await Self.listing(harness, name: "web").isEmpty)
        // With the group gone, a simple set may take its place.
        try await harness.change("CREATE", "web", "A", ["10.0.0.8"])
        #expect(answer(harness.log.last, "web.ecs.internal.", .a) == ["10.0.0.8"])
        await harness.finish()
    }

    @Test func simpleSetsAndGroupsDoNotShareANameAndType() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "plain", "A", ["10.0.0.1"])
        try await Self.apply(harness, Self.weighted("CREATE", "web", "blue", weight: 1, ["10.0.0.2"]))
        for action in ["CREATE", "UPSERT"] {
            let onSimple = await registryError {
                try await Self.apply(harness, Self.weighted(action, "plain", "blue", weight: 1, ["10.0.0.3"]))
            }
            #expect(onSimple?.code == .invalidChange && onSimple?.field == "changes[0]")
            #expect(onSimple?.message.contains("cannot be created as a weighted set: a simple set exists") == true)
            let onGroup = await registryError { try await harness.change(action, "web", "A", ["10.0.0.3"]) }
            #expect(onGroup?.code == .invalidChange)
            #expect(onGroup?.message.contains("cannot be created as a simple set: weighted sets exist") == true)
            // A group keeps its policy: another choice, or the same one, cannot switch it.
            for id in ["green", "blue"] {
                let policy = await registryError {
                    try await Self.apply(harness, Self.multivalue(action, "web", id, ["10.0.0.4"]))
                }
                #expect(policy?.code == .invalidChange)
                #expect(policy?.message.contains("cannot be created as a multivalue set: weighted sets exist") == true)
            }
        }
        let simpleDelete = await registryError { try await harness.change("DELETE", "web", "A", ["10.0.0.2"]) }
        #expect(simpleDelete?.code == .noSuchRecordSet)
        let choiceDelete = await registryError {
            try await Self.apply(harness, Self.weighted("DELETE", "plain", "blue", weight: 1, ["10.0.0.1"]))
        }
        #expect(choiceDelete?.code == .noSuchRecordSet)
        let otherPolicy = await registryError {
            try await Self.apply(harness, Self.multivalue("DELETE", "web", "blue", ["10.0.0.2"]))
        }
        #expect(otherPolicy?.code == .recordSetMismatch)
        #expect(try await harness.registry.zone(named: "ecs.internal").serial == 3)
        await harness.finish()
    }

    @Test func aCNAMEGroupStandsAloneAtItsName() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await Self.apply(
            harness,
            RecordChange(
                action: "CREATE", name: "www", type: "CNAME", ttl: 60, records: ["web"], setIdentifier: "one", weight: 1
            ))
        #expect(answer(harness.log.last, "www.ecs.internal.", .cname) == ["web.ecs.internal."])
        let beside = await registryError {
            try await Self.apply(harness, Self.weighted("CREATE", "www", "two", weight: 1, ["10.0.0.1"]))
        }
        #expect(beside?.code == .cnameConflict)
        try await harness.change("CREATE", "web", "TXT", ["x"])
        let alias = await registryError {
            try await Self.apply(
                harness, RecordChange(action: "CREATE", name: "www", type: "TXT", alias: AliasTarget(name: "web")))
        }
        #expect(alias?.code == .cnameConflict)
        await harness.finish()
    }

    @Test func aFailedBatchChangesNoGroup() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await Self.apply(harness, Self.weighted("CREATE", "web", "blue", weight: 1, ["10.0.0.1"]))
        let before = try await Self.listing(harness)
        let published = harness.log.count
        let error = await registryError {
            try await Self.apply(
                harness, Self.weighted("CREATE", "web", "green", weight: 1, ["10.0.0.2"]),
                Self.weighted("UPSERT", "web", "blue", weight: 9, ["10.0.0.3"]),
                Self.multivalue("CREATE", "api", "a", ["10.0.1.1"]),
                Self.weighted("DELETE", "web", "red", weight: 1, ["10.0.0.4"]))
        }
        #expect(error?.code == .noSuchRecordSet && error?.field == "changes[3]")
        #expect(harness.log.count == published)
        #expect(try await Self.listing(harness) == before)
        #expect(Self.stored(harness, "web.ecs.internal.", .a)?.choices.count == 1)
        try await harness.reopen()
        #expect(try await Self.listing(harness) == before)
        #expect(try await harness.registry.zone(named: "ecs.internal").serial == 2)
        await harness.finish()
    }

    @Test func groupsAndAliasesSurviveARestartExactly() async throws {
        let harness = try await Harness()
        try await harness.zone()
        try await harness.change("CREATE", "web", "A", ["10.0.0.1"])
        try await Self.apply(
            harness, Self.weighted("CREATE", "www", "blue", weight: 200, ttl: 0, ["10.0.0.2"]),
            RecordChange(
                action: "CREATE", name: "www", type: "A", setIdentifier: "web", weight: 0,
                alias: AliasTarget(name: "web.ecs.internal.", evaluateTargetHealth: true)),
            Self.multivalue("CREATE", "api", "x", ["10.0.1.1", "10.0.1.2"]),
            Self.multivalue("CREATE", "api", "y", ttl: 7, ["10.0.1.3"]),
            RecordChange(
                action: "CREATE", name: "@", type: "A", alias: AliasTarget(name: "api", evaluateTargetHealth: true)),
            RecordChange(
                action: "CREATE", name: "mx", type: "MX", ttl: 300, records: ["10 mail"], setIdentifier: "m", weight: 5)
        )
        let listed = try await Self.listing(harness)
        let sets = ["www.ecs.internal.", "api.ecs.internal.", "ecs.internal.", "mx.ecs.internal."].map { name in
            Self.stored(harness, name, name.hasPrefix("mx") ? .mx : .a)
        }
        #expect(sets.allSatisfy { $0 != nil })
        try await harness.reopen()
        #expect(try await Self.listing(harness) == listed)
        let reloaded = ["www.ecs.internal.", "api.ecs.internal.", "ecs.internal.", "mx.ecs.internal."].map { name in
            Self.stored(harness, name, name.hasPrefix("mx") ? .mx : .a)
        }
        #expect(reloaded == sets)
        let www = listed.filter { $0.name == "www.ecs.internal." }
        #expect(www.map(\.alias) == [nil, AliasTarget(name: "web.ecs.internal.", evaluateTargetHealth: true)])
        #expect(listed.first?.alias == AliasTarget(name: "api.ecs.internal.", evaluateTargetHealth: true))
        #expect(answer(harness.registry.zones, "ecs.internal.", .a) == ["10.0.1.1", "10.0.1.2", "10.0.1.3"])
        #expect(try await harness.registry.zone(named: "ecs.internal").serial == 3)
        await harness.finish()
    }

    /// The `record_sets.policy` format, as documented in StoredPolicy.
    @Test func thePolicyColumnFormat() throws {
        let name = try DomainName(parsing: "www.ecs.internal.")
        let web = try DomainName(parsing: "web.ecs.internal.")
        let group = RRSet(
            name: name, type: .a, policy: .weighted,
            choices: [
                RecordChoice(identifier: "blue", weight: 10, ttl: 60, rdatas: [.a(IPv4Address("10.0.0.1")!)]),
                RecordChoice(identifier: "green", weight: 0, ttl: 0, rdatas: [], alias: web),
            ])
        let json = try #require(StoredPolicy(group, targetHealth: ["green"])).json()
        #expect(
            json == #"{"choices":[{"id":"blue","records":["10.0.0.1"],"ttl":60,"weight":10},"#
                + #"{"alias":"web.ecs.internal.","evaluateTargetHealth":true,"id":"green","records":[],"ttl":0,"weight":0}],"#
                + #""policy":"weighted"}"#)
        let (decoded, targetHealth) = try StoredPolicy.decode(json, name: name, type: .a)
        #expect(decoded == group && targetHealth == ["green"])
        let multivalue = RRSet(
            name: name, type: .a, policy: .multivalue,
            choices: [RecordChoice(identifier: "a", ttl: 5, rdatas: [.a(IPv4Address("10.0.0.2")!)])])
        let multivalueJSON = try #require(StoredPolicy(multivalue, targetHealth: [])).json()
        #expect(multivalueJSON == #"{"choices":[{"id":"a","records":["10.0.0.2"],"ttl":5}],"policy":"multivalue"}"#)
        #expect(try StoredPolicy.decode(multivalueJSON, name: name, type: .a).0 == multivalue)
        let alias = RRSet(name: name, type: .a, alias: web)
        #expect(try StoredPolicy(alias, targetHealth: [])?.json() == #"{"alias":"web.ecs.internal."}"#)
        let (aliasDecoded, aliasHealth) = try StoredPolicy.decode(
            #"{"alias":"web.ecs.internal.","evaluateTargetHealth":true}"#, name: name, type: .a)
        #expect(aliasDecoded == alias && aliasHealth == [""])
        #expect(
            StoredPolicy(RRSet(name: name, type: .a, ttl: 1, rdatas: [.a(IPv4Address("10.0.0.3")!)]), targetHealth: [])
                == nil)
        #expect(throws: (any Error).self) {
            try StoredPolicy.decode(#"{"policy":"weighted","choices":[]}"#, name: name, type: .a)
        }
        #expect(throws: (any Error).self) {
            try StoredPolicy.decode(#"{"policy":"latency","choices":[]}"#, name: name, type: .a)
        }
    }

    /// Sets instances of a declared service make join the api's choices; kinds that differ
    /// leave the api's set alone in DNS.
    @Test func unionWithInstanceSets() {
        let name = try! DomainName(parsing: "web.ecs.internal.")
        func choice(_ id: String, _ address: String) -> RecordChoice {
            RecordChoice(identifier: id, weight: 1, ttl: 60, rdatas: [.a(IPv4Address(address)!)])
        }
        let api = RRSet(name: name, type: .a, policy: .weighted, choices: [choice("b", "10.0.0.1")])
        let made = RRSet(
            name: name, type: .a, policy: .weighted, choices: [choice("a", "10.0.0.2"), choice("b", "10.0.0.3")])
        let union = RRSet.union(api, made)
        #expect(union?.policy == .weighted)
        #expect(union?.choices.map(\.identifier) == ["b", "a", "b"])
        #expect(union?.rdatas.count == 3)
        let multivalue = RRSet(name: name, type: .a, policy: .multivalue, choices: [choice("a", "10.0.0.2")])
        #expect(RRSet.union(api, multivalue) == api)
        let simple = RRSet(name: name, type: .a, ttl: 30, rdatas: [.a(IPv4Address("10.0.0.9")!)])
        #expect(RRSet.union(simple, made) == simple)
        #expect(RRSet.union(api, simple) == api)
        let alias = RRSet(name: name, type: .a, alias: try! DomainName(parsing: "x.ecs.internal."))
        #expect(RRSet.union(alias, simple) == alias)
        #expect(RRSet.union(nil, made) == made)
    }

    @Test func apiChoicesAndADeclaredServiceAnswerAsOneGroup() async throws {
        let harness = try await Harness()
        try await harness.zone()
        _ = try await harness.registry.createService(
            zone: "ecs.internal",
            ServiceSpec(name: "web", routingPolicy: "MULTIVALUE", records: [ServiceRecord(type: "A", ttl: 30)]))
        _ = try await harness.registry.registerInstance(
            zone: "ecs.internal", service: "web", id: "i1", InstanceRegistration(address: "10.0.0.1"))
        try await Self.apply(harness, Self.multivalue("CREATE", "web", "static", ["10.0.0.9"]))
        #expect(answer(harness.log.last, "web.ecs.internal.", .a) == ["10.0.0.1", "10.0.0.9"])
        let listed = try await Self.listing(harness, name: "web")
        #expect(listed.map(\.source) == ["api", "instance"])
        #expect(listed.map(\.setIdentifier) == ["static", "i1"])
        #expect(Self.stored(harness, "web.ecs.internal.", .a)?.choices.map(\.identifier) == ["static", "i1"])
        try await Self.apply(harness, Self.multivalue("DELETE", "web", "static", ["10.0.0.9"]))
        #expect(answer(harness.log.last, "web.ecs.internal.", .a) == ["10.0.0.1"])
        await harness.finish()
    }
}
