import Foundation

/// Route 53's fields of a hosted zone, kept in the registry's opaque zone metadata so they
/// survive restarts. Cloud Map writes the same keys for a namespace's zone (a namespace is a
/// private hosted zone), and its own `cloudmap.*` keys, which mark the zone as linked to it.
public enum HostedZoneMetadata {
    public static let callerReference = "route53.callerReference"
    /// "true" or "false".
    public static let privateZone = "route53.private"
    /// A JSON array of `{"VPCRegion": ..., "VPCId": ...}`.
    public static let vpcs = "route53.vpcs"
    /// Present on zones Cloud Map created: "DNS_PRIVATE".
    public static let cloudMapNamespaceType = "cloudmap.namespaceType"
    /// The namespace's ARN, shown as the linked service's description, as AWS shows it.
    public static let cloudMapNamespaceArn = "cloudmap.namespaceArn"
    public static let cloudMapDescription = "cloudmap.description"
    /// The service principal AWS names on hosted zones Cloud Map manages.
    public static let cloudMapPrincipal = "servicediscovery.amazonaws.com"

    /// What CreateHostedZone stores; Cloud Map stores the same for a namespace's zone.
    public static func make(callerReference reference: String, privateZone isPrivate: Bool, vpcs list: [VPCShape])
        -> [String: String]
    {
        var metadata = [callerReference: reference, privateZone: isPrivate ? "true" : "false"]
        if !list.isEmpty { metadata[vpcs] = encode(list) }
        return metadata
    }

    static func encode(_ vpcs: [VPCShape]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(vpcs) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The VPCs of a zone's metadata; none when absent or unreadable (metadata is opaque to
    /// the registry, so another writer's mistake must not break listings).
    static func vpcs(_ metadata: [String: String]) -> [VPCShape] {
        guard let text = metadata[vpcs] else { return [] }
        return (try? JSONDecoder().decode([VPCShape].self, from: Data(text.utf8))) ?? []
    }

    static func isPrivate(_ metadata: [String: String]) -> Bool { metadata[privateZone] == "true" }
}

/// A VPC as Route 53 names its fields, in XML and in the zone metadata's JSON.
public struct VPCShape: Codable, Sendable, Equatable {
    public var VPCRegion: String?
    public var VPCId: String?

    public init(VPCRegion: String?, VPCId: String?) {
        self.VPCRegion = VPCRegion
        self.VPCId = VPCId
    }
}
