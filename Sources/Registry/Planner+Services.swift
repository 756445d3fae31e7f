import DNSWire
import DNSZone

/// Declared services (durable, no DNS change, no serial) and instance health (a batch).
extension Planner {
    /// Refused while the service has (undeclared) instances: their sets would change shape.
    mutating func createService(_ declared: Service, in origin: DomainName) throws(RegistryError) -> ServiceInfo {
        var view = try writableView(origin)
        let name = declared.name
        guard view.service(name) == nil else {
            throw RegistryError(
                .serviceExists, field: "name", "service '\(name)' is already declared in zone \(origin.displayName)")
        }
        guard view.instances(of: name).isEmpty else {
            throw RegistryError(
                .invalidRequest, field: "name",
                "service '\(name)' already has instances; declare it before registering them")
        }
        var service = declared
        service.createdAt = now
        view.setService(name, service)
        writes.append(.putService(zone: view.draft.header.id, service))
        draft.zones[origin] = .some(view.draft)
        return service.info(in: origin, instanceCount: 0)
    }

    mutating func deleteService(_ name: String, in origin: DomainName) throws(RegistryError) {
        var view = try writableView(origin)
        guard view.service(name) != nil else { throw Self.noSuchService(name, in: origin) }
        let count = view.instances(of: name).count
        guard count == 0 else {
            throw RegistryError(
                .serviceNotEmpty, "service '\(name)' still has \(count) instances; deregister them first")
        }
        view.setService(name, nil)
        writes.append(.deleteService(zone: view.draft.header.id, name: name))
        draft.zones[origin] = .some(view.draft)
    }

    /// Remakes the service's sets with the new health (serial + 1). The same health again
    /// writes a change row at the current serial and changes nothing else.
    mutating func setHealth(_ key: InstanceKey, healthy: Bool, in origin: DomainName) throws(RegistryError)
        -> ChangeInfo
    {
        var view = try writableView(origin)
        guard var instance = view.instance(key), !instance.isLapsed(at: now) else {
            throw Self.noSuchInstance(key, in: origin)
        }
        let comment = "\(key.service)/\(key.id) " + (healthy ? "healthy" : "unhealthy")
        guard instance.healthy != healthy else {
            let change = changeRow(
                zone: view.draft.header, operation: ChangeOperation.updateHealth, comment: comment + " (unchanged)",
                service: key.service, instance: key.id)
            writes.append(.change(change, zone: nil, removed: [], added: []))
            return change
        }
        instance.healthy = healthy
        view.setInstance(key, instance)
        return finishBatch(
            &view, comment: comment, operation: ChangeOperation.updateHealth, service: key.service, instance: key.id)
    }

    static func noSuchService(_ name: String, in origin: DomainName) -> RegistryError {
        RegistryError(.noSuchService, "no service '\(name)' declared in zone \(origin.displayName)")
    }
}
