import DNSWire
import DNSZone

/// What one group commit changes, as an overlay on the state in memory: only the sets,
/// instances and headers the group's batches touched. Each batch plans on a copy and the copy
/// is kept only when its SQL succeeded, so a failed batch leaves no trace.
struct Draft: Sendable {
    /// A nil value: the zone was deleted in this group.
    var zones: [DomainName: ZoneDraft?] = [:]
    var nextZoneID: Int64
    /// False while the group only renewed leases.
    var changesDNS = false
}

/// One zone's part of a draft. `isNew`: created in this group, nothing of the state applies.
struct ZoneDraft: Sendable {
    var header: ZoneHeader
    var isNew: Bool
    /// Nil values remove.
    var sets: [SetKey: RRSet?] = [:]
    var instances: [InstanceKey: Instance?] = [:]
    var instanceSets: [SetKey: RRSet?] = [:]
    /// For each key of `sets`: its aliases that evaluate target health (see ManagedZone).
    var targetHealth: [SetKey: Set<String>] = [:]
    /// Declared services by name; nil values remove.
    var services: [String: Service?] = [:]
    /// Types set or cleared at each name, so a CNAME check sees them without a scan.
    var touchedTypes: [DomainName: Set<RRType>] = [:]
}
