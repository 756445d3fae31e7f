import DNSWire
import DNSZone

/// Checks a `ServiceSpec`: the name, the routing policy, the record types and TTLs, the metadata
/// (limited as a zone's).
enum ServiceInput {
    static let declarableTypes: [RRType] = [.a, .aaaa, .srv, .cname]

    /// The declared service, `createdAt` left for the writer to set.
    static func parse(_ spec: ServiceSpec) throws(RegistryError) -> Service {
        let name = try InstanceInput.label(spec.name, field: "name")
        let policy: RoutingPolicy
        switch spec.routingPolicy.uppercased() {
        case "MULTIVALUE": policy = .multivalue
        case "WEIGHTED": policy = .weighted
        default:
            throw RegistryError(
                .invalidRequest, field: "routingPolicy",
                "routing policy '\(spec.routingPolicy)' must be MULTIVALUE or WEIGHTED")
        }
        guard !spec.records.isEmpty else {
            throw RegistryError(.invalidRequest, field: "records", "a service declares at least one record type")
        }
        var records: [Service.Record] = []
        for (index, record) in spec.records.enumerated() {
            let field = "records[\(index)]"
            guard let type = declarableTypes.first(where: { $0.description == record.type.uppercased() }) else {
                throw RegistryError(
                    .invalidType, field: field + ".type", "record type '\(record.type)' must be A, AAAA, SRV or CNAME")
            }
            guard !records.contains(where: { $0.type == type }) else {
                throw RegistryError(.invalidRequest, field: field + ".type", "record type \(type) is declared twice")
            }
            guard (0...ChangeInput.maxTTL).contains(record.ttl) else {
                throw RegistryError(
                    .invalidTTL, field: field + ".ttl", "TTL \(record.ttl) is not in 0...\(ChangeInput.maxTTL)")
            }
            records.append(Service.Record(type: type, ttl: UInt32(record.ttl)))
        }
        if records.contains(where: { $0.type == .cname }) {
            // A CNAME stands alone at its name, and a multivalue answer of several CNAMEs is no answer.
            guard records.count == 1 else {
                throw RegistryError(
                    .invalidRequest, field: "records", "a CNAME record cannot be declared with other types")
            }
            guard policy == .weighted else {
                throw RegistryError(.invalidRequest, field: "routingPolicy", "a CNAME record needs the WEIGHTED policy")
            }
        }
        return Service(
            name: name, policy: policy, records: records, metadata: try ZoneMetadata.check(spec.metadata), createdAt: 0)
    }
}
