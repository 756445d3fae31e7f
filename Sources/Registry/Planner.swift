import DNSWire
import DNSZone

/// Decides what one job does, against the committed state with the group's draft on top:
/// checks what depends on the zone's contents, updates the draft, lists the SQL writes.
/// Runs under the state lock, in memory only.
struct Planner {
    let state: RegistryState
    var draft: Draft
    var writes: [Write] = []
    let now: Double
    let directory: String

    init(state: RegistryState, draft: Draft, now: Double, directory: String) {
        self.state = state
        self.draft = draft
        self.now = now
        self.directory = directory
    }

    mutating func plan(_ request: JobRequest, lapsed: [(zone: Int64, key: InstanceKey)]) throws(RegistryError)
        -> JobOutput
    {
        switch request {
        case .createZone(let zone): return .zone(try createZone(zone))
        case .deleteZone(let origin, let force): return .change(try deleteZone(origin, force: force))
        case .changes(let origin, let changes, let comment):
            return .change(try apply(changes, to: origin, comment: comment))
        case .register(let origin, let registration): return .registration(try register(registration, in: origin))
        case .deregister(let origin, let key): return .change(try deregister(key, in: origin))
        case .heartbeat(let origin, let key): return .instance(try heartbeat(key, in: origin))
        case .setHealth(let origin, let key, let healthy): return .change(try setHealth(key, healthy: healthy, in: origin))
        case .createService(let origin, let service): return .service(try createService(service, in: origin))
        case .deleteService(let origin, let name):
            try deleteService(name, in: origin)
            return .none
        case .sweep: return .changes(sweep(lapsed))
        }
    }

    /// The zone's draft, or nil when it does not exist as a managed zone (now).
    func zoneDraft(_ origin: DomainName) -> ZoneDraft? {
        if let entry = draft.zones[origin] { return entry }
        return state.managed[origin].map { ZoneDraft(header: $0.header, isNew: false) }
    }

    /// A managed zone to write to; file zones are read-only.
    func writableView(_ origin: DomainName) throws(RegistryError) -> ZoneView {
        if state.fileZones[origin] != nil { throw Self.readOnly(origin, directory: directory) }
        guard let zone = zoneDraft(origin) else { throw Self.noSuchZone(origin) }
        return ZoneView(base: state.managed[origin], draft: zone)
    }

    mutating func createZone(_ zone: NewZone) throws(RegistryError) -> ZoneInfo {
        let name = zone.origin.displayName
        if state.fileZones[zone.origin] != nil {
            throw RegistryError(.zoneExists, field: "name", "zone \(name) already exists: it is served from a zone file")
        }
        guard zoneDraft(zone.origin) == nil else {
            throw RegistryError(.zoneExists, field: "name", "zone \(name) already exists in \(directory)")
        }
        let header = ZoneHeader(
            id: draft.nextZoneID, origin: zone.origin, soa: zone.soa, soaTTL: zone.soaTTL, comment: zone.comment,
            createdAt: now, metadata: zone.metadata)
        draft.nextZoneID += 1
        var created = ZoneDraft(header: header, isNew: true)
        writes.append(.insertZone(header))
        writes.reserveCapacity(zone.sets.count + 1)
        for rrset in zone.sets {
            created.sets[SetKey(of: rrset)] = .some(rrset)
            created.touchedTypes[rrset.name, default: []].insert(rrset.type)
            writes.append(.putSet(zone: header.id, rrset))
        }
        let change = changeRow(zone: header, operation: ChangeOperation.createZone)
        writes.append(.change(change, zone: nil, removed: [], added: []))
        draft.zones[zone.origin] = .some(created)
        draft.changesDNS = true
        let servers = zone.sets.first { $0.type == .ns && $0.name == zone.origin }
        var info = ZoneInfo(
            header: header, recordCount: 1 + zone.sets.reduce(0) { $0 + $1.rdatas.count }, nameServers: servers)
        info.changeId = change.changeId
        return info
    }

    /// The zone goes with its sets, instances and journal; its change rows stay (no foreign key),
    /// this one included, so the deletion can be looked up later.
    mutating func deleteZone(_ origin: DomainName, force: Bool) throws(RegistryError) -> ChangeInfo {
        let view = try writableView(origin)
        if !force && view.holdsData {
            throw RegistryError(
                .zoneNotEmpty,
                "zone \(view.draft.header.displayName) still holds record sets or instances; delete them or use force")
        }
        writes.append(.deleteZone(id: view.draft.header.id))
        let change = changeRow(zone: view.draft.header, operation: ChangeOperation.deleteZone)
        writes.append(.change(change, zone: nil, removed: [], added: []))
        draft.zones[origin] = .some(nil)
        draft.changesDNS = true
        return change
    }

    /// A change row at the zone's current serial.
    func changeRow(
        zone header: ZoneHeader, operation: String, comment: String? = nil, service: String? = nil,
        instance: String? = nil
    ) -> ChangeInfo {
        ChangeInfo(
            changeId: ChangeID.make(), zone: header.displayName, serial: header.soa.serial, status: "INSYNC",
            submittedAt: Timestamp.iso(now), comment: comment, operation: operation, service: service,
            instance: instance)
    }

    /// Ends a batch that changed DNS: serial + 1, the SQL for what it touched, the change and
    /// journal rows; the view's draft becomes the group's. `operation` is a `ChangeOperation`.
    mutating func finishBatch(
        _ view: inout ZoneView, comment: String?, operation: String = ChangeOperation.changeRecords,
        service: String? = nil, instance: String? = nil
    ) -> ChangeInfo {
        view.draft.header.soa.serial &+= 1
        let header = view.draft.header
        let info = changeRow(
            zone: header, operation: operation, comment: comment, service: service, instance: instance)
        for key in view.writtenSets.sorted() {
            writes.append(
                view.userSet(key).map { .putSet(zone: header.id, $0, targetHealth: view.targetHealth(key)) }
                    ?? .deleteSet(zone: header.id, key))
        }
        for key in view.writtenInstances.sorted() {
            writes.append(
                view.instance(key).map { .putInstance(zone: header.id, $0) } ?? .deleteInstance(zone: header.id, key))
        }
        writes.append(.setSerial(zone: header.id, header.soa.serial))
        let journal = view.journal()
        writes.append(.change(info, zone: header.id, removed: journal.removed, added: journal.added))
        draft.zones[view.origin] = .some(view.draft)
        draft.changesDNS = true
        return info
    }

    /// RFC 1034 3.6.2: a CNAME stands alone at its name (DNSSEC's RRSIG and NSEC excepted).
    static func checkCNAME(at name: DomainName, in view: ZoneView, field: String?) throws(RegistryError) {
        let types = view.types(at: name)
        guard types.contains(.cname) else { return }
        let others = types.filter { $0 != .cname && $0.rawValue != 46 && $0.rawValue != 47 }
        guard others.isEmpty else {
            throw RegistryError(
                .cnameConflict, field: field,
                "a CNAME at \(name) cannot share the name with other data (\(others.map(\.description).joined(separator: ", ")))")
        }
    }

    static func noSuchZone(_ origin: DomainName) -> RegistryError {
        RegistryError(.noSuchZone, "no zone \(origin.displayName)")
    }

    static func readOnly(_ origin: DomainName, directory: String) -> RegistryError {
        let name = origin.displayName
        return RegistryError(
            .readOnlyZone,
            "zone \(name) is loaded from a zone file and is read-only; to manage it here, "
                + "remove zones/\(name).zone and run: shoal import zones/\(name).zone --data \(directory)")
    }
}
