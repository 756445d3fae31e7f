import DNSWire
import DNSZone

/// Instances: each register or deregister is one batch (serial + 1); a heartbeat only moves
/// the lease; the sweep removes what lapsed, one batch per zone.
extension Planner {
    mutating func register(_ registration: ParsedRegistration, in origin: DomainName) throws(RegistryError)
        -> InstanceRegistrationResult
    {
        var view = try writableView(origin)
        let key = registration.key
        let previous = view.instance(key)
        let declared = view.service(key.service)
        let instance = Instance(
            service: key.service, id: key.id, address: registration.address, ipv6: registration.ipv6,
            cname: registration.cname, port: registration.port, attributes: registration.attributes,
            lease: registration.lease, ttl: registration.ttl, expiresAt: registration.lease.map { now + Double($0) },
            registeredAt: now, healthy: registration.healthy ?? true)
        try ServiceSets.check(instance, declared: declared)
        view.setInstance(key, instance)
        for name in [
            InstanceKey.serviceName(key.service, in: origin),
            InstanceKey.hostName(key.id, service: key.service, in: origin),
        ] {
            guard let name else { continue }
            try Self.checkCNAME(at: name, in: view, field: nil)
        }
        let change = finishBatch(
            &view, comment: "register \(key.service)/\(key.id)", operation: ChangeOperation.registerInstance,
            service: key.service, instance: key.id)
        return InstanceRegistrationResult(
            instance: instance.info(in: origin, declared: declared), change: change, created: previous == nil)
    }

    mutating func deregister(_ key: InstanceKey, in origin: DomainName) throws(RegistryError) -> ChangeInfo {
        var view = try writableView(origin)
        guard view.instance(key) != nil else { throw Self.noSuchInstance(key, in: origin) }
        view.setInstance(key, nil)
        return finishBatch(
            &view, comment: "deregister \(key.service)/\(key.id)", operation: ChangeOperation.deregisterInstance,
            service: key.service, instance: key.id)
    }

    /// Renews the lease (durably); an instance whose lease already ran out is gone.
    mutating func heartbeat(_ key: InstanceKey, in origin: DomainName) throws(RegistryError) -> InstanceInfo {
        var view = try writableView(origin)
        guard var instance = view.instance(key), !instance.isLapsed(at: now) else {
            throw Self.noSuchInstance(key, in: origin)
        }
        if let lease = instance.lease {
            instance.expiresAt = now + Double(lease)
            view.renew(instance)
            writes.append(.putInstance(zone: view.draft.header.id, instance))
            draft.zones[origin] = .some(view.draft)
        }
        return instance.info(in: origin, declared: view.service(key.service))
    }

    /// `lapsed` comes from SQLite inside the group's transaction; each is checked again here.
    /// The change names the service (and the instance) when all it removed share it.
    mutating func sweep(_ lapsed: [(zone: Int64, key: InstanceKey)]) -> [ChangeInfo] {
        var origins: [Int64: DomainName] = state.zoneIDs
        for case (let origin, let zone?) in draft.zones { origins[zone.header.id] = origin }
        var byZone: [DomainName: [InstanceKey]] = [:]
        for entry in lapsed {
            if let origin = origins[entry.zone] { byZone[origin, default: []].append(entry.key) }
        }
        var changes: [ChangeInfo] = []
        for (origin, keys) in byZone.sorted(by: { $0.key < $1.key }) {
            guard var view = try? writableView(origin) else { continue }
            let removed = keys.sorted().filter { key in
                guard let instance = view.instance(key), instance.isLapsed(at: now) else { return false }
                view.setInstance(key, nil)
                return true
            }
            guard let first = removed.first else { continue }
            let names = removed.prefix(10).map { "\($0.service)/\($0.id)" }.joined(separator: ", ")
            let oneService = removed.allSatisfy { $0.service == first.service }
            changes.append(
                finishBatch(
                    &view, comment: "lease expired: " + names + (removed.count > 10 ? ", ..." : ""),
                    operation: ChangeOperation.expireInstance, service: oneService ? first.service : nil,
                    instance: removed.count == 1 ? first.id : nil))
        }
        return changes
    }

    static func noSuchInstance(_ key: InstanceKey, in origin: DomainName) -> RegistryError {
        RegistryError(
            .noSuchInstance, "no instance '\(key.id)' of service '\(key.service)' in zone \(origin.displayName)")
    }
}
