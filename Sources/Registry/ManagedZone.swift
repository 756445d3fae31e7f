import DNSWire
import DNSZone

/// A managed zone in memory: what changes wrote, the instances, the sets those make, and the
/// snapshot DNS answers from. Kept in step with SQLite after every commit, so a change never
/// re-reads the zone.
struct ManagedZone: Sendable {
    var header: ZoneHeader
    var sets: [SetKey: RRSet]
    /// By service, then id.
    var instances: [String: [String: Instance]]
    var instanceSets: [SetKey: RRSet]
    var zone: Zone
    /// Sorted listing keys, rebuilt on demand after a set appears or disappears.
    var listing: [ListingEntry]?

    /// Builds the zone from scratch: at open, on import and on create.
    init(header: ZoneHeader, sets: [SetKey: RRSet], instances: [String: [String: Instance]]) {
        self.header = header
        self.sets = sets
        self.instances = instances
        var derived: [SetKey: RRSet] = [:]
        for (service, byID) in instances {
            let members = byID.values.sorted { $0.id < $1.id }
            derived.merge(InstanceKey.serviceSets(service: service, instances: members, in: header.origin)) { a, _ in a }
            for member in members {
                if let host = InstanceKey.hostSet(of: member, in: header.origin) { derived[SetKey(of: host)] = host }
            }
        }
        self.instanceSets = derived
        var records = [ResourceRecord(name: header.origin, type: .soa, ttl: header.soaTTL, rdata: .soa(header.soa))]
        for key in Set(sets.keys).union(derived.keys) {
            if let rrset = RRSet.union(sets[key], derived[key]) { records += rrset.records }
        }
        self.zone = Zone(origin: header.origin, records: records)
    }

    /// Applies what one group commit changed in this zone: O(what the draft touched).
    mutating func apply(_ draft: ZoneDraft) {
        for (key, value) in draft.sets {
            let previous = value.map { sets.updateValue($0, forKey: key) } ?? sets.removeValue(forKey: key)
            if (previous == nil) != (value == nil) { listing = nil }
        }
        for (key, value) in draft.instances {
            instances[key.service, default: [:]][key.id] = value
            if instances[key.service]?.isEmpty == true { instances[key.service] = nil }
        }
        for (key, value) in draft.instanceSets {
            let previous = value.map { instanceSets.updateValue($0, forKey: key) } ?? instanceSets.removeValue(forKey: key)
            if (previous == nil) != (value == nil) { listing = nil }
        }
        for key in Set(draft.sets.keys).union(draft.instanceSets.keys) {
            zone.replaceRRSet(name: key.name, type: key.type, with: RRSet.union(sets[key], instanceSets[key]))
        }
        if draft.header != header {
            header = draft.header
            zone.setSOA(header.soa, ttl: header.soaTTL)
        }
    }

    var instanceCount: Int { instances.values.reduce(0) { $0 + $1.count } }
}
