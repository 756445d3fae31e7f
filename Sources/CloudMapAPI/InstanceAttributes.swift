import DNSWire
import Registry

/// Cloud Map's instance attributes and the registry's instance fields. AWS_INSTANCE_IPV4,
/// _IPV6, _PORT and _CNAME make the records; every attribute given is kept and shown back as
/// given; an instance registered through another API shows its addresses under these keys.
enum InstanceAttributes {
    static let ipv4 = "AWS_INSTANCE_IPV4"
    static let ipv6 = "AWS_INSTANCE_IPV6"
    static let port = "AWS_INSTANCE_PORT"
    static let cname = "AWS_INSTANCE_CNAME"
    static let initialHealth = "AWS_INIT_HEALTH_STATUS"
    static let alias = "AWS_ALIAS_DNS_NAME"
    static let ec2Instance = "AWS_EC2_INSTANCE_ID"

    /// The registration for `attributes`; `customHealth` says whether AWS_INIT_HEALTH_STATUS counts.
    static func registration(_ attributes: [String: String], customHealth: Bool) throws(CloudMapError)
        -> InstanceRegistration
    {
        if attributes[alias] != nil {
            throw .invalidInput("\(alias): alias records to load balancers are not supported by Shoal")
        }
        if attributes[ec2Instance] != nil {
            throw .invalidInput("\(ec2Instance) is for HTTP namespaces only")
        }
        var registration = InstanceRegistration(attributes: attributes)
        if let address = attributes[ipv4] {
            guard IPv4Address(address) != nil else {
                throw .invalidInput("\(ipv4) '\(address)' is not an IPv4 address")
            }
            registration.address = address
        }
        if let address = attributes[ipv6] {
            guard IPv6Address(address) != nil else {
                throw .invalidInput("\(ipv6) '\(address)' is not an IPv6 address")
            }
            registration.ipv6 = address
        }
        if let text = attributes[port] {
            guard let number = Int64(text), (0...65535).contains(number) else {
                throw .invalidInput("\(port) '\(text)' is not a port number in 0...65535")
            }
            registration.port = number
        }
        registration.cname = attributes[cname]
        if customHealth, let status = attributes[initialHealth] {
            guard let healthy = Health.healthy(status) else {
                throw .invalidInput("\(initialHealth) '\(status)' must be HEALTHY or UNHEALTHY")
            }
            registration.healthy = healthy
        }
        return registration
    }

    /// The attributes shown for `instance`: as registered, plus the address keys it lacks.
    static func shown(_ instance: InstanceInfo) -> [String: String] {
        var shown = instance.attributes
        if let address = instance.address {
            let key = IPv4Address(address) != nil ? ipv4 : ipv6
            if shown[key] == nil { shown[key] = address }
        }
        if let address = instance.ipv6, shown[ipv6] == nil { shown[ipv6] = address }
        if let number = instance.port, shown[port] == nil { shown[port] = String(number) }
        if let target = instance.cname, shown[cname] == nil { shown[cname] = target }
        return shown
    }

    /// The Cloud Map attribute behind a registry field, to name it in refusals.
    static func attribute(forField field: String?) -> String? {
        switch field {
        case "address": ipv4
        case "ipv6": ipv6
        case "port": port
        case "cname": cname
        default: nil
        }
    }
}
