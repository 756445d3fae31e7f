import DNSWire
import DNSZone

/// Everything the registry keeps in memory, behind one lock. Only the writer task changes it,
/// and only after a commit.
struct RegistryState: Sendable {
    var fileZones: [DomainName: Zone]
    var managed: [DomainName: ManagedZone]
    var zoneIDs: [Int64: DomainName]
    var nextZoneID: Int64
    /// What the publisher was last given.
    var published: ZoneSet
    var fileListings: [DomainName: [ListingEntry]] = [:]

    init(fileZones: [Zone], managed: [ManagedZone]) {
        var files: [DomainName: Zone] = [:]
        for zone in fileZones { files[zone.origin] = zone }
        self.fileZones = files
        var byName: [DomainName: ManagedZone] = [:]
        var ids: [Int64: DomainName] = [:]
        for zone in managed {
            byName[zone.header.origin] = zone
            ids[zone.header.id] = zone.header.origin
        }
        self.managed = byName
        self.zoneIDs = ids
        self.nextZoneID = (managed.map(\.header.id).max() ?? 0) + 1
        self.published = ZoneSet([])
        self.published = makeZoneSet()
    }

    func makeZoneSet() -> ZoneSet {
        ZoneSet(Array(fileZones.values) + managed.values.map(\.zone))
    }

    /// Folds a committed group into memory. Returns true when DNS data changed.
    mutating func apply(_ draft: Draft) -> Bool {
        for (origin, change) in draft.zones {
            guard let change else {
                if let removed = managed.removeValue(forKey: origin) { zoneIDs[removed.header.id] = nil }
                continue
            }
            if change.isNew {
                if let replaced = managed.removeValue(forKey: origin) { zoneIDs[replaced.header.id] = nil }
                managed[origin] = ManagedZone(
                    header: change.header, sets: change.sets.compactMapValues { $0 },
                    instances: change.instances.values.reduce(into: [:]) { all, instance in
                        if let instance { all[instance.service, default: [:]][instance.id] = instance }
                    }, services: change.services.compactMapValues { $0 }, targetHealth: change.targetHealth)
                zoneIDs[change.header.id] = origin
                continue
            }
            // Moved out and back so the zone's storage stays uniquely referenced (no copy).
            guard var zone = managed.removeValue(forKey: origin) else { continue }
            zone.apply(change)
            managed[origin] = zone
        }
        nextZoneID = max(nextZoneID, draft.nextZoneID)
        guard draft.changesDNS else { return false }
        published = makeZoneSet()
        return true
    }
}
