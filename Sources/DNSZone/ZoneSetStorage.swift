import DNSWire

/// What a `ZoneSet` holds: the zones by apex and in order, the fast path's view of each, and the
/// apex table. Made once per snapshot and never changed.
final class ZoneSetStorage: Sendable {
    let zonesByApex: [DomainName: Zone]
    /// The zones in apex order; `apexes` gives indexes into it and into `fast`.
    let list: [Zone]
    /// What the fast path reads of each zone, owned here and handed out uncounted.
    let fastZones: [FastZone]
    let fast: [Unmanaged<FastZone>]
    let apexes: ApexTable

    init(_ zones: [Zone]) {
        var byApex: [DomainName: Zone] = [:]
        for zone in zones { byApex[zone.origin] = zone }
        zonesByApex = byApex
        list = byApex.values.sorted { $0.origin < $1.origin }
        fastZones = list.map(FastZone.init)
        fast = fastZones.map { Unmanaged.passUnretained($0) }
        apexes = ApexTable(list.map(\.origin))
    }

    /// The index in `list` of the deepest zone enclosing `name`, the name `plan` copied last.
    func zoneIndex(of name: NameRef, _ plan: FastPlan) -> Int? {
        guard plan.labels >= apexes.minLabels else { return nil }
        var label = max(0, plan.labels - apexes.maxLabels)
        while label <= plan.labels - apexes.minLabels {
            let start = Int(plan.starts[label])
            if let found = apexes.zone(plan.hashes[label], named: plan.bytes(name) + start, length: name.length - start)
            {
                return found
            }
            label += 1
        }
        return nil
    }
}
