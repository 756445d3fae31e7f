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
    /// Aliases among `sets` given `evaluateTargetHealth: true`: the choices' identifiers, "" for
    /// a simple alias. Only listed back (DNS does not read it), so kept beside the sets.
    var targetHealth: [SetKey: Set<String>]
    /// Declared services by name.
    var services: [String: Service]
    var zone: Zone
    /// Sorted listing keys, rebuilt on demand after a set or a group's choice appears or disappears.
    var listing: [ListingEntry]?

    /// Builds the zone from scratch: at open, on import and on create.
    init(
        header: ZoneHeader, sets: [SetKey: RRSet], instances: [String: [String: Instance]],
        services: [String: Service] = [:], targetHealth: [SetKey: Set<String>] = [:]
    ) {
        self.header = header
        self.sets = sets
        self.targetHealth = targetHealth
        self.instances = instances
        self.services = services
        var derived: [SetKey: RRSet] = [:]
        for (service, byID) in instances {
            let members = byID.values.sorted { $0.id < $1.id }
            let declared = services[service]
            derived.merge(
                ServiceSets.serviceSets(service: service, declared: declared, instances: members, in: header.origin)
            ) { a, _ in a }
            for member in members {
                for host in ServiceSets.hostSets(of: member, declared: declared, in: header.origin) {
                    derived[SetKey(of: host)] = host
                }
            }
        }
        self.instanceSets = derived
        var records = [ResourceRecord(name: header.origin, type: .soa, ttl: header.soaTTL, rdata: .soa(header.soa))]
        // Records lose a set's policy and choices: those sets go in whole, after the build.
        var dynamic: [RRSet] = []
        for key in Set(sets.keys).union(derived.keys) {
            guard let rrset = RRSet.union(sets[key], derived[key]) else { continue }
            if rrset.isDynamic { dynamic.append(rrset) } else { records += rrset.records }
        }
        self.zone = Zone(origin: header.origin, records: records)
        for rrset in dynamic { zone.replaceRRSet(name: rrset.name, type: rrset.type, with: rrset) }
    }

    /// Applies what one group commit changed in this zone: O(what the draft touched).
    mutating func apply(_ draft: ZoneDraft) {
        for (key, value) in draft.sets {
            let previous = value.map { sets.updateValue($0, forKey: key) } ?? sets.removeValue(forKey: key)
            if Listing.changesEntries(previous, value) { listing = nil }
            targetHealth[key] = draft.targetHealth[key]
        }
        for (key, value) in draft.instances {
            instances[key.service, default: [:]][key.id] = value
            if instances[key.service]?.isEmpty == true { instances[key.service] = nil }
        }
        for (name, value) in draft.services { services[name] = value }
        for (key, value) in draft.instanceSets {
            let previous = value.map { instanceSets.updateValue($0, forKey: key) } ?? instanceSets.removeValue(forKey: key)
            if Listing.changesEntries(previous, value) { listing = nil }
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
