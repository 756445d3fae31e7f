import DNSWire
import DNSZone

/// Checks a change's routing fields (Route 53's rules): `setIdentifier` with exactly one of
/// `weight` or `multiValue: true`, and `alias` instead of `ttl` and `records`.
enum RoutingInput {
    static let maxIdentifierLength = 128
    static let maxWeight: Int64 = 255

    /// The choice the change addresses, or nil for a simple set.
    static func choice(of change: RecordChange, type: RRType, field: String) throws(RegistryError)
        -> ParsedChange.Choice?
    {
        let multiValue = change.multiValue ?? false
        guard let identifier = change.setIdentifier else {
            if change.weight != nil {
                throw RegistryError(
                    .invalidChange, field: field + ".weight",
                    "weight needs a setIdentifier: it weighs one choice of a group")
            }
            if multiValue {
                throw RegistryError(
                    .invalidChange, field: field + ".multiValue",
                    "multiValue needs a setIdentifier: it makes the set one choice of a multivalue group")
            }
            return nil
        }
        guard (1...maxIdentifierLength).contains(identifier.unicodeScalars.count) else {
            throw RegistryError(
                .invalidChange, field: field + ".setIdentifier",
                "setIdentifier is \(identifier.unicodeScalars.count) characters; it must be 1 to \(maxIdentifierLength)")
        }
        if type == .ns {
            throw RegistryError(
                .invalidChange, field: field + ".setIdentifier",
                "NS sets cannot have a routing policy: a delegation answers with every name server")
        }
        switch (change.weight, multiValue) {
        case (.some, true):
            throw RegistryError(
                .invalidChange, field: field + ".multiValue",
                "setIdentifier '\(identifier)' has both weight and multiValue: true; a choice is weighted or multivalue"
            )
        case (.some(let weight), false):
            guard (0...maxWeight).contains(weight) else {
                throw RegistryError(
                    .invalidChange, field: field + ".weight", "weight \(weight) is not in 0...\(maxWeight)")
            }
            return ParsedChange.Choice(identifier: identifier, policy: .weighted, weight: UInt32(weight))
        case (nil, true):
            if type == .cname {
                throw RegistryError(
                    .invalidChange, field: field + ".multiValue", "a multivalue group cannot be of type CNAME")
            }
            return ParsedChange.Choice(identifier: identifier, policy: .multivalue, weight: 1)
        case (nil, false):
            throw RegistryError(
                .invalidChange, field: field + ".setIdentifier",
                "setIdentifier '\(identifier)' needs weight (weighted routing) or multiValue: true (multivalue routing)"
            )
        }
    }

    /// The alias's target: absolute, lower-case, in the zone, not the alias's own name.
    static func alias(
        _ target: AliasTarget, of change: RecordChange, at name: DomainName, type: RRType,
        choice: ParsedChange.Choice?, field: String, in origin: DomainName
    ) throws(RegistryError) -> DomainName {
        if change.ttl != nil {
            throw RegistryError(
                .invalidChange, field: field + ".ttl", "an alias has no TTL of its own: it answers with its target's")
        }
        if let records = change.records, !records.isEmpty {
            throw RegistryError(
                .invalidChange, field: field + ".records", "an alias has no records of its own: it answers its target's"
            )
        }
        if choice?.policy == .multivalue {
            throw RegistryError(.invalidChange, field: field + ".alias", "a multivalue choice cannot be an alias")
        }
        if type == .ns {
            throw RegistryError(.invalidChange, field: field + ".alias", "an NS set cannot be an alias")
        }
        let targetField = field + ".alias.name"
        guard !target.name.isEmpty else {
            throw RegistryError(.invalidName, field: targetField, "alias target name is empty")
        }
        let resolved: DomainName
        do {
            resolved = try DomainName(parsing: target.name, origin: origin).lowercased()
        } catch {
            throw RegistryError(.invalidName, field: targetField, "bad alias target name '\(target.name)': \(error)")
        }
        guard resolved.isSubdomain(of: origin) else {
            throw RegistryError(
                .invalidChange, field: targetField,
                "alias target '\(target.name)' is not in zone \(origin.displayName); an alias points inside its zone")
        }
        guard resolved != name else {
            throw RegistryError(
                .invalidChange, field: targetField, "alias \(name) \(type) cannot point at its own name")
        }
        return resolved
    }
}
