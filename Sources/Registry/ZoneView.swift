import DNSWire
import DNSZone

/// A zone as a batch sees it: the committed state with the draft on top.
struct ZoneView {
    let base: ManagedZone?
    var draft: ZoneDraft
    /// Published sets before the current batch touched them, for its journal row.
    private(set) var before: [SetKey: RRSet?] = [:]
    private(set) var writtenSets: Set<SetKey> = []
    private(set) var writtenInstances: Set<InstanceKey> = []

    init(base: ManagedZone?, draft: ZoneDraft) {
        self.base = draft.isNew ? nil : base
        self.draft = draft
    }

    var origin: DomainName { draft.header.origin }

    func userSet(_ key: SetKey) -> RRSet? {
        if let overlay = draft.sets[key] { return overlay }
        return base?.sets[key]
    }

    func instanceSet(_ key: SetKey) -> RRSet? {
        if let overlay = draft.instanceSets[key] { return overlay }
        return base?.instanceSets[key]
    }

    func published(_ key: SetKey) -> RRSet? { RRSet.union(userSet(key), instanceSet(key)) }

    func instance(_ key: InstanceKey) -> Instance? {
        if let overlay = draft.instances[key] { return overlay }
        return base?.instances[key.service]?[key.id]
    }

    func service(_ name: String) -> Service? {
        if let overlay = draft.services[name] { return overlay }
        return base?.services[name]
    }

    /// The service's instances, in id order.
    func instances(of service: String) -> [Instance] {
        var byID = base?.instances[service] ?? [:]
        for (key, value) in draft.instances where key.service == service { byID[key.id] = value }
        return byID.values.sorted { $0.id < $1.id }
    }

    /// Every type with data at `name`, SOA included at the apex.
    func types(at name: DomainName) -> [RRType] {
        var candidates = Set(base?.zone.rrsets(at: name).map(\.type) ?? [])
        candidates.formUnion(draft.touchedTypes[name] ?? [])
        var present = candidates.filter { published(SetKey(name, $0)) != nil }
        if name == origin { present.insert(.soa) }
        return present.sorted { $0.rawValue < $1.rawValue }
    }

    /// Whether anything besides the apex SOA and NS is left: sets, instances, declared services.
    var holdsData: Bool {
        let apexNS = SetKey(origin, .ns)
        if draft.sets.contains(where: { $0.key != apexNS && $0.value != nil }) { return true }
        if draft.instances.contains(where: { $0.value != nil }) { return true }
        if draft.services.contains(where: { $0.value != nil }) { return true }
        guard let base else { return false }
        if base.sets.keys.contains(where: { $0 != apexNS && draft.sets[$0] == nil }) { return true }
        // A declared service is data too: deleting a namespace's zone must not drop it unseen.
        if base.services.keys.contains(where: { draft.services[$0] == nil }) { return true }
        return base.instances.contains { service, byID in
            byID.keys.contains { draft.instances[InstanceKey(service: service, id: $0)] == nil }
        }
    }

    /// The aliases of the user set at `key` that evaluate target health (ManagedZone.targetHealth).
    func targetHealth(_ key: SetKey) -> Set<String> {
        if draft.sets[key] != nil { return draft.targetHealth[key] ?? [] }
        return base?.targetHealth[key] ?? []
    }

    mutating func setUserSet(_ key: SetKey, _ rrset: RRSet?, targetHealth: Set<String> = []) {
        noteBefore(key)
        draft.sets[key] = .some(rrset)
        draft.targetHealth[key] = targetHealth.isEmpty ? nil : targetHealth
        draft.touchedTypes[key.name, default: []].insert(key.type)
        writtenSets.insert(key)
    }

    /// Declares (non-nil) or removes a service; no record changes: it has no instances.
    mutating func setService(_ name: String, _ service: Service?) {
        draft.services[name] = .some(service)
    }

    /// Registers, replaces (`instance` non-nil) or removes an instance, and remakes the sets it
    /// feeds: the service's sets and its own addresses. O(instances of the service).
    mutating func setInstance(_ key: InstanceKey, _ instance: Instance?) {
        let previous = self.instance(key)
        var keys = ServiceSets.possibleKeys(service: key.service, id: key.id, in: origin)
        keys.forEach { noteBefore($0) }
        draft.instances[key] = .some(instance)
        writtenInstances.insert(key)
        let declared = service(key.service)
        var fresh = ServiceSets.serviceSets(
            service: key.service, declared: declared, instances: instances(of: key.service), in: origin)
        for host in instance.map({ ServiceSets.hostSets(of: $0, declared: declared, in: origin) }) ?? [] {
            fresh[SetKey(of: host)] = host
        }
        if previous == nil && instance == nil { keys = [] }
        for setKey in keys {
            draft.instanceSets[setKey] = .some(fresh[setKey])
            draft.touchedTypes[setKey.name, default: []].insert(setKey.type)
        }
    }

    /// Changes an instance without changing its records (a renewed lease).
    mutating func renew(_ instance: Instance) {
        draft.instances[instance.key] = .some(instance)
        writtenInstances.insert(instance.key)
    }

    private mutating func noteBefore(_ key: SetKey) {
        if before[key] == nil { before[key] = .some(published(key)) }
    }

    /// The journal of the batch: records DNS no longer answers, and records it now answers.
    func journal() -> (removed: [String], added: [String]) {
        var removed: [String] = []
        var added: [String] = []
        for key in before.keys.sorted() {
            let old = (before[key] ?? nil)?.records ?? []
            let new = published(key)?.records ?? []
            // As sets: a service's merged RRset can hold thousands of records.
            let oldSet = Set(old)
            let newSet = Set(new)
            removed += old.filter { !newSet.contains($0) }.map(\.description)
            added += new.filter { !oldSet.contains($0) }.map(\.description)
        }
        return (removed, added)
    }
}
