import DNSWire
import DNSZone

/// Service instances: register (create or replace), deregister, heartbeat, look up.
extension Registry {
    public func registerInstance(zone: String, service: String, id: String, _ registration: InstanceRegistration)
        async throws(RegistryError) -> InstanceRegistrationResult
    {
        let origin = try ZoneName.parse(zone, field: nil)
        let key = try InstanceInput.key(service: service, id: id, in: origin)
        let parsed = try InstanceInput.parse(registration, key: key)
        guard case .registration(let result) = try await perform(.register(origin, parsed)) else {
            throw Self.unexpected(.none)
        }
        return result
    }

    public func deregisterInstance(zone: String, service: String, id: String) async throws(RegistryError) -> ChangeInfo
    {
        let origin = try ZoneName.parse(zone, field: nil)
        let key = try InstanceInput.key(service: service, id: id, in: origin)
        guard case .change(let info) = try await perform(.deregister(origin, key)) else { throw Self.unexpected(.none) }
        return info
    }

    /// Renews the lease durably (no DNS change, no serial change).
    public func heartbeat(zone: String, service: String, id: String) async throws(RegistryError) -> InstanceInfo {
        let origin = try ZoneName.parse(zone, field: nil)
        let key = try InstanceInput.key(service: service, id: id, in: origin)
        guard case .instance(let info) = try await perform(.heartbeat(origin, key)) else {
            throw Self.unexpected(.none)
        }
        return info
    }

    /// The service's instances by id; empty when it has none.
    public func instances(zone: String, service: String) async throws(RegistryError) -> [InstanceInfo] {
        let origin = try ZoneName.parse(zone, field: nil)
        let service = try InstanceInput.label(service, field: "service")
        return try state.withLock { state throws(RegistryError) in
            let instances = try Self.instances(in: origin, state)
            let declared = state.managed[origin]?.services[service]
            return (instances[service] ?? [:]).values.sorted { $0.id < $1.id }.map {
                $0.info(in: origin, declared: declared)
            }
        }
    }

    public func instance(zone: String, service: String, id: String) async throws(RegistryError) -> InstanceInfo {
        let origin = try ZoneName.parse(zone, field: nil)
        let key = try InstanceInput.key(service: service, id: id, in: origin)
        return try state.withLock { state throws(RegistryError) in
            guard let instance = try Self.instances(in: origin, state)[key.service]?[key.id] else {
                throw Planner.noSuchInstance(key, in: origin)
            }
            return instance.info(in: origin, declared: state.managed[origin]?.services[key.service])
        }
    }

    /// The zone's instances by service; none in a file zone.
    static func instances(in origin: DomainName, _ state: RegistryState) throws(RegistryError) -> [String: [String:
        Instance]]
    {
        if let zone = state.managed[origin] { return zone.instances }
        guard state.fileZones[origin] != nil else { throw Planner.noSuchZone(origin) }
        return [:]
    }
}
