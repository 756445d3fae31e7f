import Route53API

/// Cloud Map ids for Shoal's namespaces and services, derived from names so they are stable
/// across restarts without an id table: `ns-` + 16 lower-case base32 characters of a hash of
/// the zone name, `srv-` + 16 of a hash of `zone/service`. ARNs name the fixed account.
enum CloudMapID {
    /// The account every resource belongs to; AWS clients only read it back.
    static let account = "123456789012"
    static let defaultRegion = "us-east-1"

    static func namespace(zone: String) -> String { "ns-" + hash(normalized(zone)) }

    static func service(zone: String, name: String) -> String {
        "srv-" + hash(normalized(zone) + "/" + name.lowercased())
    }

    static func namespaceARN(_ id: String, region: String) -> String {
        "arn:aws:servicediscovery:\(region):\(account):namespace/\(id)"
    }

    static func serviceARN(_ id: String, region: String) -> String {
        "arn:aws:servicediscovery:\(region):\(account):service/\(id)"
    }

    /// Operations take an id or an ARN (`arn:aws:servicediscovery:...:namespace/ns-...`).
    static func bare(_ idOrARN: String) -> String {
        guard idOrARN.hasPrefix("arn:"), let slash = idOrARN.lastIndex(of: "/") else { return idOrARN }
        return String(idOrARN[idOrARN.index(after: slash)...])
    }

    /// Lower case without the trailing dot, as the registry names zones.
    static func normalized(_ zone: String) -> String {
        let lower = zone.lowercased()
        return lower.hasSuffix(".") && lower.count > 1 ? String(lower.dropLast()) : lower
    }

    /// 16 lower-case characters of the name digest Route 53's ids use.
    static func hash(_ text: String) -> String { NameDigest.base32(text, count: 16).lowercased() }
}
