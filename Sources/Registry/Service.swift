import DNSWire
import DNSZone

/// A declared service: the record types each of its instances makes, their TTLs, and the
/// routing policy that joins the instances' records at each name and type. `name` is a
/// lower-case label, as instance services are.
struct Service: Sendable, Equatable {
    struct Record: Sendable, Equatable {
        var type: RRType
        var ttl: UInt32
    }

    var name: String
    var policy: RoutingPolicy
    /// In the order declared; types unique.
    var records: [Record]
    var metadata: [String: String]
    var createdAt: Double

    /// How the APIs spell the policy.
    var policyName: String { policy == .weighted ? "WEIGHTED" : "MULTIVALUE" }

    func record(_ type: RRType) -> Record? { records.first { $0.type == type } }

    func info(in origin: DomainName, instanceCount: Int) -> ServiceInfo {
        ServiceInfo(
            zone: origin.displayName, name: name, routingPolicy: policyName,
            records: records.map { ServiceRecord(type: $0.type.description, ttl: Int64($0.ttl)) }, metadata: metadata,
            instanceCount: instanceCount, createdAt: Timestamp.iso(createdAt))
    }
}
