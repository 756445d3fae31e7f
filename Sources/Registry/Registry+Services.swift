import DNSWire
import DNSZone

/// Declared services, instance health, and the history of changes.
extension Registry {
    /// Declares a service; ServiceExists when it is declared already.
    public func createService(zone: String, _ spec: ServiceSpec) async throws(RegistryError) -> ServiceInfo {
        throw RegistryError(.internalError, "createService is not built yet")
    }

    /// The zone's declared services, by name.
    public func services(zone: String) async throws(RegistryError) -> [ServiceInfo] {
        throw RegistryError(.internalError, "services is not built yet")
    }

    public func service(zone: String, name: String) async throws(RegistryError) -> ServiceInfo {
        throw RegistryError(.internalError, "service is not built yet")
    }

    /// Refused with ServiceNotEmpty while instances remain.
    public func deleteService(zone: String, name: String) async throws(RegistryError) {
        throw RegistryError(.internalError, "deleteService is not built yet")
    }

    /// Marks an instance healthy or unhealthy; DNS follows before this returns.
    public func setInstanceHealth(zone: String, service: String, id: String, healthy: Bool) async throws(RegistryError)
        -> ChangeInfo
    {
        throw RegistryError(.internalError, "setInstanceHealth is not built yet")
    }

    /// Changes newest first, of one zone or of all (zones deleted since included), at most `limit`.
    public func changes(zone: String?, limit: Int) async throws(RegistryError) -> [ChangeInfo] {
        throw RegistryError(.internalError, "changes is not built yet")
    }
}
