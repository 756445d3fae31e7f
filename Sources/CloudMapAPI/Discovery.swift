import Registry

/// DiscoverInstances' selection: QueryParameters must all match; OptionalParameters narrow
/// the result only when some instances match them too; HealthStatus (HEALTHY when not given)
/// filters services that have custom health, and the others once an instance is unhealthy
/// (marked through the native API): until then their health is UNKNOWN and not filtered.
enum Discovery {
    static let filters: Set<String> = ["HEALTHY", "UNHEALTHY", "ALL", "HEALTHY_OR_ELSE_ALL"]

    static func select(
        _ instances: [InstanceInfo], query: [String: String], optional: [String: String], healthStatus: String?,
        customHealth: Bool
    ) -> [InstanceInfo] {
        var chosen = instances.filter { matches($0, query) }
        if !optional.isEmpty {
            let preferred = chosen.filter { matches($0, optional) }
            if !preferred.isEmpty { chosen = preferred }
        }
        guard customHealth || chosen.contains(where: { !$0.healthy }) else { return chosen }
        switch healthStatus ?? "HEALTHY" {
        case "UNHEALTHY": return chosen.filter { !$0.healthy }
        case "ALL": return chosen
        case "HEALTHY_OR_ELSE_ALL":
            let healthy = chosen.filter(\.healthy)
            return healthy.isEmpty ? chosen : healthy
        default: return chosen.filter(\.healthy)
        }
    }

    /// Every pair in `parameters` is among the instance's attributes (those shown for it).
    static func matches(_ instance: InstanceInfo, _ parameters: [String: String]) -> Bool {
        guard !parameters.isEmpty else { return true }
        let attributes = InstanceAttributes.shown(instance)
        return parameters.allSatisfy { attributes[$0.key] == $0.value }
    }
}
