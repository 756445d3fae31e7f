import Registry

/// Instance health as Cloud Map shows it. Only services with HealthCheckCustomConfig have a
/// health status; for the others Cloud Map reports UNKNOWN and ignores health filters.
enum Health {
    static let healthy = "HEALTHY"
    static let unhealthy = "UNHEALTHY"
    static let unknown = "UNKNOWN"

    /// HEALTHY → true, UNHEALTHY → false, anything else nil.
    static func healthy(_ status: String) -> Bool? {
        switch status {
        case healthy: true
        case unhealthy: false
        default: nil
        }
    }

    static func status(_ instance: InstanceInfo, customHealth: Bool) -> String {
        guard customHealth else { return unknown }
        return instance.healthy ? healthy : unhealthy
    }
}
