/// The keys Cloud Map keeps in a zone's and a service's metadata (the contract's shared AWS
/// naming). A zone is a namespace when `namespaceType` is set; the `route53.*` keys that make it
/// a private hosted zone come from Route53API's HostedZoneMetadata.
enum Metadata {
    static let namespaceType = "cloudmap.namespaceType"
    static let description = "cloudmap.description"
    static let creatorRequestId = "cloudmap.creatorRequestId"
    static let vpc = "cloudmap.vpc"
    static let customHealth = "cloudmap.customHealth"
    static let failureThreshold = "cloudmap.failureThreshold"
    static let serviceType = "cloudmap.type"
    /// The ARN as created; Route 53 shows it as the hosted zone's linked service.
    static let namespaceARN = "cloudmap.namespaceArn"

    static let privateDNS = "DNS_PRIVATE"
    /// Services Shoal makes answer both DNS and DiscoverInstances.
    static let dnsHTTP = "DNS_HTTP"
}
