import DNSWire

/// The row of the zones table: everything about a managed zone but its record sets.
struct ZoneHeader: Sendable, Equatable {
    var id: Int64
    var origin: DomainName
    var soa: SOAData
    var soaTTL: UInt32
    var comment: String?
    var createdAt: Double
    /// Opaque to the registry: what the APIs keep with the zone (`ZoneSpec.metadata`).
    var metadata: [String: String] = [:]

    /// Lower case, no trailing dot: how the API names zones.
    var displayName: String { origin.displayName }
}
