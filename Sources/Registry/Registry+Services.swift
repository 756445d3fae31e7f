import DNSWire
import DNSZone

/// Declared services, instance health, and the history of changes.
extension Registry {
    /// Declares a service; ServiceExists when it is declared already. Durable; no DNS change
    /// and no serial (no instance makes records yet: a service with instances is refused).
    public func createService(zone: String, _ spec: ServiceSpec) async throws(RegistryError) -> ServiceInfo {
        let origin = try ZoneName.parse(zone, field: nil)
        let service = try ServiceInput.parse(spec)
        guard case .service(let info) = try await perform(.createService(origin, service)) else {
            throw Self.unexpected(.none)
        }
        return info
    }

    /// The zone's declared services, by name; none in a file zone.
    public func services(zone: String) async throws(RegistryError) -> [ServiceInfo] {
        let origin = try ZoneName.parse(zone, field: nil)
        return try state.withLock { state throws(RegistryError) in
            guard let managed = state.managed[origin] else {
                guard state.fileZones[origin] != nil else { throw Planner.noSuchZone(origin) }
                return []
            }
            return managed.services.values.sorted { $0.name < $1.name }.map {
                $0.info(in: origin, instanceCount: managed.instances[$0.name]?.count ?? 0)
            }
        }
    }

    public func service(zone: String, name: String) async throws(RegistryError) -> ServiceInfo {
        let origin = try ZoneName.parse(zone, field: nil)
        let name = try InstanceInput.label(name, field: "name")
        return try state.withLock { state throws(RegistryError) in
            guard let managed = state.managed[origin] else {
                guard state.fileZones[origin] != nil else { throw Planner.noSuchZone(origin) }
                throw Planner.noSuchService(name, in: origin)
            }
            guard let service = managed.services[name] else { throw Planner.noSuchService(name, in: origin) }
            return service.info(in: origin, instanceCount: managed.instances[name]?.count ?? 0)
        }
    }

    /// Refused with ServiceNotEmpty while instances remain. Durable; no DNS change, no serial.
    public func deleteService(zone: String, name: String) async throws(RegistryError) {
        let origin = try ZoneName.parse(zone, field: nil)
        let name = try InstanceInput.label(name, field: "name")
        guard case .none = try await perform(.deleteService(origin, name)) else { throw Self.unexpected(.none) }
    }

    /// Marks an instance healthy or unhealthy; DNS follows before this returns (serial + 1).
    /// The same health again returns a stored change at the current serial and changes nothing.
    public func setInstanceHealth(zone: String, service: String, id: String, healthy: Bool) async throws(RegistryError)
        -> ChangeInfo
    {
        let origin = try ZoneName.parse(zone, field: nil)
        let key = try InstanceInput.key(service: service, id: id, in: origin)
        guard case .change(let info) = try await perform(.setHealth(origin, key, healthy: healthy)) else {
            throw Self.unexpected(.none)
        }
        return info
    }

    /// Changes newest first, of one zone or of all (zones deleted since included), at most
    /// `limit`; only those whose `operation` is in `operations` when it is given.
    public func changes(zone: String?, operations: Set<String>? = nil, limit: Int) async throws(RegistryError)
        -> [ChangeInfo]
    {
        try await changeLog(zone: zone, operations: operations, limit: limit)
    }
}
