import Registry

/// Instance health as Cloud Map shows it. Services with HealthCheckCustomConfig have a health
/// status; for the others Cloud Map reports UNKNOWN, unless the instance was marked unhealthy
/// another way (the native API): DNS leaves it out then, so discovery says UNHEALTHY too.
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
        if !instance.healthy { return unhealthy }
        return customHealth ? healthy : unknown
    }
}
