import DNSWire
import DNSZone

/// Zones: create, import, list, look up, delete.
extension Registry {
    public func createZone(_ spec: ZoneSpec) async throws(RegistryError) -> ZoneInfo {
        let zone = try ZoneInput.make(spec)
        guard case .zone(let info) = try await perform(.createZone(zone)) else { throw Self.unexpected(.none) }
        return info
    }

    /// Creates a managed zone from a parsed zone file: its SOA (serial included) and every
    /// record, as sets written through the API.
    public func importZone(_ file: ZoneFile) async throws(RegistryError) -> ZoneInfo {
        let zone = try ZoneInput.make(file)
        guard case .zone(let info) = try await perform(.createZone(zone)) else { throw Self.unexpected(.none) }
        return info
    }

    /// File and managed zones, by name.
    public func listZones() async -> [ZoneInfo] {
        state.withLock { state in
            state.fileZones.values.map(ZoneInfo.init(fileZone:)) + state.managed.values.map(Self.info)
        }.sorted { $0.name < $1.name }
    }

    public func zone(named name: String) async throws(RegistryError) -> ZoneInfo {
        let origin = try ZoneName.parse(name, field: nil)
        return try state.withLock { state throws(RegistryError) in
            if let file = state.fileZones[origin] { return ZoneInfo(fileZone: file) }
            guard let zone = state.managed[origin] else { throw Planner.noSuchZone(origin) }
            return Self.info(zone)
        }
    }

    /// Refuses while the zone holds more than its apex SOA and NS, unless `force`.
    /// Returns the change that deleted it (its `serial` is the zone's last).
    @discardableResult
    public func deleteZone(named name: String, force: Bool) async throws(RegistryError) -> ChangeInfo {
        let origin = try ZoneName.parse(name, field: nil)
        let output = try await perform(.deleteZone(origin, force: force))
        guard case .change(let info) = output else { throw Self.unexpected(output) }
        return info
    }

    static func info(_ zone: ManagedZone) -> ZoneInfo {
        ZoneInfo(
            header: zone.header, recordCount: zone.zone.recordCount,
            nameServers: zone.zone.rrset(zone.header.origin, .ns))
    }
}
