import DNSWire
import DNSZone
import Foundation

/// The `record_sets.policy` column: NULL for a simple set, else JSON, either
/// `{"alias":"www.example.com.","evaluateTargetHealth":true}` for a simple alias or
/// `{"policy":"weighted","choices":[{"id":"blue","weight":10,"ttl":60,"records":["10.0.0.1"]},
/// {"id":"green","weight":0,"ttl":0,"records":[],"alias":"web.example.com."}]}` for a group
/// (`multivalue` choices have no weight). Names absolute, records in presentation format;
/// `evaluateTargetHealth` appears only when true.
struct StoredPolicy: Codable, Equatable {
    struct Choice: Codable, Equatable {
        var id: String
        var weight: UInt32?
        var ttl: UInt32
        var records: [String]
        var alias: String?
        var evaluateTargetHealth: Bool?
    }

    var policy: String?
    var choices: [Choice]?
    var alias: String?
    var evaluateTargetHealth: Bool?

    /// Nil for a simple set with records.
    init?(_ rrset: RRSet, targetHealth: Set<String>) {
        if let target = rrset.alias {
            alias = target.description
            evaluateTargetHealth = targetHealth.contains("") ? true : nil
            return
        }
        guard let policy = rrset.policy else { return nil }
        self.policy = policy.rawValue
        choices = rrset.choices.map { choice in
            Choice(
                id: choice.identifier, weight: policy == .weighted ? choice.weight : nil, ttl: choice.ttl,
                records: choice.rdatas.map(\.description), alias: choice.alias?.description,
                evaluateTargetHealth: targetHealth.contains(choice.identifier) ? true : nil)
        }
    }

    func json() throws -> String { try Write.json(self) }

    /// The set this describes at `name` and `type`, and its aliases that evaluate target health.
    static func decode(_ text: String, name: DomainName, type: RRType) throws -> (RRSet, Set<String>) {
        let stored = try JSONDecoder().decode(StoredPolicy.self, from: Data(text.utf8))
        if let alias = stored.alias {
            let set = RRSet(name: name, type: type, alias: try DomainName(parsing: alias))
            return (set, stored.evaluateTargetHealth == true ? [""] : [])
        }
        guard let policyName = stored.policy, let policy = RoutingPolicy(rawValue: policyName),
            let choices = stored.choices, !choices.isEmpty
        else { throw Damage(text: "a policy needs one of weighted, multivalue and choices") }
        var targetHealth: Set<String> = []
        let parsed = try choices.map { choice in
            if choice.evaluateTargetHealth == true { targetHealth.insert(choice.id) }
            return RecordChoice(
                identifier: choice.id, weight: choice.weight ?? 1, ttl: choice.ttl,
                rdatas: try choice.records.map { record throws(WireError) in
                    try RData(type: type, parsing: try RecordTokenizer.tokens(record), origin: nil)
                }, alias: try choice.alias.map { try DomainName(parsing: $0) })
        }
        return (RRSet(name: name, type: type, policy: policy, choices: parsed), targetHealth)
    }

    struct Damage: Error, CustomStringConvertible {
        var text: String
        var description: String { text }
    }
}
