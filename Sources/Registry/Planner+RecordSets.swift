import DNSWire
import DNSZone

/// Change batches on record sets: simple sets, aliases, and the choices of routing-policy
/// groups (one RRSet per name and type holding every choice).
extension Planner {
    /// Applies a batch in order on the working copy; any error leaves the draft untouched.
    /// Alias targets are checked once the whole batch applied: a batch may create the
    /// target after the alias.
    mutating func apply(_ changes: [ParsedChange], to origin: DomainName, comment: String?) throws(RegistryError)
        -> ChangeInfo
    {
        var view = try writableView(origin)
        var aliases: [ParsedChange] = []
        for change in changes {
            if change.choice != nil {
                try Self.applyChoice(change, to: &view)
            } else {
                try Self.applySimple(change, to: &view)
            }
            guard change.action != .delete else { continue }
            try Self.checkCNAME(at: change.key.name, in: view, field: change.field)
            if change.alias != nil { aliases.append(change) }
        }
        for change in aliases { try Self.checkAliasTarget(of: change, in: view) }
        return finishBatch(&view, comment: comment)
    }

    private static func applySimple(_ change: ParsedChange, to view: inout ZoneView) throws(RegistryError) {
        let key = change.key
        let current = view.userSet(key)
        if let policy = current?.policy {
            if change.action == .delete {
                throw RegistryError(
                    .noSuchRecordSet, field: change.field,
                    "record set \(change.subject) without a setIdentifier does not exist: \(policy.rawValue) sets "
                        + "exist with the same name and type")
            }
            throw RegistryError(
                .invalidChange, field: change.field,
                "record set \(change.subject) cannot be created as a simple set: \(policy.rawValue) sets exist "
                    + "with the same name and type")
        }
        switch change.action {
        case .create, .upsert:
            if change.action == .create, current != nil {
                throw RegistryError(
                    .recordSetExists, field: change.field, "record set \(change.subject) already exists")
            }
            if let target = change.alias {
                view.setUserSet(
                    key, RRSet(name: key.name, type: key.type, alias: target),
                    targetHealth: change.evaluatesTargetHealth ? [""] : [])
            } else {
                view.setUserSet(key, RRSet(name: key.name, type: key.type, ttl: change.ttl ?? 0, rdatas: change.rdatas))
            }
        case .delete:
            guard let current else {
                throw RegistryError(
                    .noSuchRecordSet, field: change.field, "record set \(change.subject) does not exist")
            }
            let matches =
                current.alias.map { $0 == change.alias }
                ?? (change.alias == nil && Set(current.rdatas) == Set(change.rdatas)
                    && change.ttl.map({ $0 == current.ttl }) ?? true)
            guard matches else {
                let holds =
                    current.alias.map { "is an alias to \($0)" }
                    ?? "holds TTL \(current.ttl) and records [\(current.rdatas.map(\.description).joined(separator: ", "))]"
                throw RegistryError(
                    .recordSetMismatch, field: change.field,
                    "record set \(change.subject) \(holds); DELETE must name \(current.alias == nil ? "them all" : "it")"
                )
            }
            view.setUserSet(key, nil)
        }
    }

    /// One choice of the group at the change's name and type; the group's policy is fixed
    /// while it exists, and the last choice deleted removes the set.
    private static func applyChoice(_ change: ParsedChange, to view: inout ZoneView) throws(RegistryError) {
        guard let choice = change.choice else { return }
        let key = change.key
        let current = view.userSet(key)
        let wanted = choice.policy.rawValue
        if let current, current.policy != choice.policy {
            let existing = current.policy.map { "\($0.rawValue) sets exist" } ?? "a simple set exists"
            if change.action != .delete {
                throw RegistryError(
                    .invalidChange, field: change.field,
                    "record set \(change.subject) cannot be created as a \(wanted) set: \(existing) with the same "
                        + "name and type")
            }
            let code: RegistryError.Code =
                current.choices.contains { $0.identifier == choice.identifier } ? .recordSetMismatch : .noSuchRecordSet
            throw RegistryError(
                code, field: change.field, "record set \(change.subject) is not a \(wanted) set: \(existing) there")
        }
        var choices = current?.choices ?? []
        var targetHealth = view.targetHealth(key)
        let index = choices.firstIndex { $0.identifier == choice.identifier }
        switch change.action {
        case .create, .upsert:
            if change.action == .create, index != nil {
                throw RegistryError(
                    .recordSetExists, field: change.field, "record set \(change.subject) already exists")
            }
            let made = RecordChoice(
                identifier: choice.identifier, weight: choice.weight, healthy: true, ttl: change.ttl ?? 0,
                rdatas: change.rdatas, alias: change.alias)
            if let index {
                choices[index] = made
            } else {
                // In identifier order, as listings show them.
                let place = choices.firstIndex { choice.identifier.utf8.lexicographicallyPrecedes($0.identifier.utf8) }
                choices.insert(made, at: place ?? choices.endIndex)
            }
            if change.alias != nil && change.evaluatesTargetHealth {
                targetHealth.insert(choice.identifier)
            } else {
                targetHealth.remove(choice.identifier)
            }
        case .delete:
            guard let index else {
                throw RegistryError(
                    .noSuchRecordSet, field: change.field, "record set \(change.subject) does not exist")
            }
            let existing = choices[index]
            guard Self.matches(existing, change, policy: choice.policy) else {
                throw RegistryError(
                    .recordSetMismatch, field: change.field,
                    "record set \(change.subject) \(Self.describe(existing, policy: choice.policy)); DELETE must name "
                        + "all of it")
            }
            choices.remove(at: index)
            targetHealth.remove(choice.identifier)
        }
        let group =
            choices.isEmpty ? nil : RRSet(name: key.name, type: key.type, policy: choice.policy, choices: choices)
        view.setUserSet(key, group, targetHealth: targetHealth)
    }

    /// What a DELETE must repeat: weight, TTL when given, the records, the alias.
    private static func matches(_ existing: RecordChoice, _ change: ParsedChange, policy: RoutingPolicy) -> Bool {
        guard let choice = change.choice, existing.alias == change.alias else { return false }
        if policy == .weighted && existing.weight != choice.weight { return false }
        if existing.alias != nil { return true }
        return Set(existing.rdatas) == Set(change.rdatas) && change.ttl.map({ $0 == existing.ttl }) ?? true
    }

    private static func describe(_ choice: RecordChoice, policy: RoutingPolicy) -> String {
        let weight = policy == .weighted ? "weight \(choice.weight), " : ""
        if let target = choice.alias { return "holds \(weight)alias to \(target)" }
        return
            "holds \(weight)TTL \(choice.ttl) and records [\(choice.rdatas.map(\.description).joined(separator: ", "))]"
    }

    /// Route 53's rule: an alias points at a set of its own type that exists when it is written.
    private static func checkAliasTarget(of change: ParsedChange, in view: ZoneView) throws(RegistryError) {
        let current = view.userSet(change.key)
        // A later change of the batch may have replaced or removed the alias.
        let target =
            change.choice.map { choice in current?.choices.first { $0.identifier == choice.identifier }?.alias }
            ?? current?.alias
        guard let target else { return }
        guard view.published(SetKey(target, change.key.type)) == nil else { return }
        throw RegistryError(
            .invalidChange, field: change.field + ".alias.name",
            "alias target \(target) \(change.key.type) not found in zone \(view.draft.header.displayName)")
    }
}
