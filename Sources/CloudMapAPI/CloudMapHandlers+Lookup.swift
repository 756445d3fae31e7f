import Foundation
import Registry

/// Finding namespaces and services by id, ARN or name. Ids are hashes of names, so a lookup
/// hashes the names there are rather than reading an id table.
extension CloudMapHandlers {
    /// Zones Cloud Map made (marked by their metadata), by name.
    func namespaces() async -> [ZoneInfo] {
        await registry.listZones().filter(Self.isNamespace)
    }

    static func isNamespace(_ zone: ZoneInfo) -> Bool {
        zone.metadata[Metadata.namespaceType] == Metadata.privateDNS
    }

    func namespace(id: String) async throws(CloudMapError) -> ZoneInfo {
        let bare = CloudMapID.bare(id)
        guard let zone = await namespaces().first(where: { CloudMapID.namespace(zone: $0.name) == bare }) else {
            throw .namespaceNotFound(id)
        }
        return zone
    }

    /// By name (DiscoverInstances' NamespaceName, the namespace's HttpName).
    func namespace(named name: String) async throws(CloudMapError) -> ZoneInfo {
        let wanted = CloudMapID.normalized(name)
        guard let zone = await namespaces().first(where: { $0.name == wanted }) else {
            throw .namespaceNotFound(name)
        }
        return zone
    }

    /// The namespace and the declared service `id` (or ARN) names.
    func service(id: String) async throws -> (zone: ZoneInfo, service: ServiceInfo) {
        let bare = CloudMapID.bare(id)
        for zone in await namespaces() {
            for service in try await registry.services(zone: zone.name)
            where CloudMapID.service(zone: zone.name, name: service.name) == bare {
                return (zone, service)
            }
        }
        throw CloudMapError.serviceNotFound(id)
    }

    static func customHealth(_ service: ServiceInfo) -> Bool { service.metadata[Metadata.customHealth] == "1" }

    /// ISO 8601 as the registry shows times → epoch seconds as awsJson sends timestamps.
    static func epoch(_ iso: String?) -> Double? {
        guard let iso, let date = try? Date(iso, strategy: .iso8601) else { return nil }
        return date.timeIntervalSince1970
    }
}
