import DNSWire
import DNSZone

/// A change whose fields have been checked: what the writer needs, nothing it must parse.
struct ParsedChange: Sendable {
    enum Action: String, Sendable {
        case create = "CREATE"
        case upsert = "UPSERT"
        case delete = "DELETE"
    }

    /// Which choice of a routing-policy group a change is about.
    struct Choice: Sendable, Equatable {
        var identifier: String
        var policy: RoutingPolicy
        /// 0...255 for weighted; 1 (unused) for multivalue.
        var weight: UInt32
    }

    var action: Action
    var key: SetKey
    /// Nil for an alias, and for a DELETE that did not give one.
    var ttl: UInt32?
    /// Empty for an alias.
    var rdatas: [RData]
    /// Nil for a simple set.
    var choice: Choice?
    /// Absolute, inside the zone.
    var alias: DomainName?
    var evaluatesTargetHealth: Bool = false
    /// `changes[i]`, for errors the writer finds.
    var field: String

    /// How errors name what the change addresses: `web.ecs.internal. A` or
    /// `web.ecs.internal. A (setIdentifier 'blue')`.
    var subject: String {
        let set = "\(key.name) \(key.type)"
        return choice.map { "\(set) (setIdentifier '\($0.identifier)')" } ?? set
    }
}
