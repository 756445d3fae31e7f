import DNSWire
import DNSZone
import GRDB

/// Record sets: change batches, listings, and change lookups.
extension Registry {
    /// Applies the batch all-or-nothing, in order; returns once it is durable and answered.
    public func applyChanges(zone: String, changes: [RecordChange], comment: String?) async throws(RegistryError)
        -> ChangeInfo
    {
        let origin = try ZoneName.parse(zone, field: nil)
        let comment = try ChangeInput.comment(comment)
        let parsed = try ChangeInput.parse(changes, in: origin)
        guard case .change(let info) = try await perform(.changes(origin, parsed, comment: comment)) else {
            throw Self.unexpected(.none)
        }
        return info
    }

    /// Sets of the zone (managed or file) in canonical name order, then type number, source
    /// and set identifier: a group lists one entry per choice.
    public func recordSets(zone: String, name: String?, type: String?, cursor: String?, limit: Int) async throws(
        RegistryError
    ) -> RecordSetPage {
        let origin = try ZoneName.parse(zone, field: nil)
        guard (1...1000).contains(limit) else {
            throw RegistryError(.invalidRequest, field: "limit", "limit \(limit) is not in 1...1000")
        }
        let owner = try name.map { text throws(RegistryError) in try ZoneName.owner(text, in: origin, field: "name") }
        let rrType = try type.map { text throws(RegistryError) -> RRType in
            guard let parsed = RRType(mnemonic: text) else {
                throw RegistryError(.invalidType, field: "type", "unknown record type '\(text)'")
            }
            return parsed
        }
        let position = try cursor.map { text throws(RegistryError) in try Listing.decode(text) }
        return try state.withLock { state throws(RegistryError) in
            if let file = state.fileZones[origin] {
                let entries: [ListingEntry]
                if let owner {
                    entries = Listing.entries(ofFile: file, at: owner)
                } else if let cached = state.fileListings[origin] {
                    entries = cached
                } else {
                    entries = Listing.entries(ofFile: file)
                    state.fileListings[origin] = entries
                }
                return Listing.page(entries, type: rrType, cursor: position, limit: limit) { entry in
                    file.rrset(entry.key.name, entry.key.type).flatMap { Listing.render($0, source: .zone) }
                }
            }
            guard let managed = state.managed[origin] else { throw Planner.noSuchZone(origin) }
            let entries: [ListingEntry]
            if let owner {
                entries = Listing.entries(of: managed, at: owner)
            } else if let cached = managed.listing {
                entries = cached
            } else {
                entries = Listing.entries(of: managed)
                state.managed[origin]?.listing = entries
            }
            let zone = managed
            return Listing.page(entries, type: rrType, cursor: position, limit: limit) { entry in
                Self.rrset(entry, in: zone).flatMap { rrset in
                    Listing.render(
                        rrset, source: entry.source, identifier: entry.identifier,
                        targetHealth: entry.source == .api ? zone.targetHealth[entry.key] ?? [] : [])
                }
            }
        }
    }

    static func rrset(_ entry: ListingEntry, in zone: ManagedZone) -> RRSet? {
        switch entry.source {
        case .api where entry.key.type == .soa && entry.key.name == zone.header.origin:
            RRSet(name: zone.header.origin, type: .soa, ttl: zone.header.soaTTL, rdatas: [.soa(zone.header.soa)])
        case .api: zone.sets[entry.key]
        case .instance: zone.instanceSets[entry.key]
        case .zone: nil
        }
    }

    /// A change by id, from SQLite (so it survives restarts).
    public func change(id: String) async throws(RegistryError) -> ChangeInfo {
        guard ChangeID.isWellFormed(id) else { throw RegistryError(.noSuchChange, "no change '\(id)'") }
        guard !isClosed else { throw Self.closedError }
        let found: ChangeInfo?
        do {
            found = try await pool.read { db -> ChangeInfo? in
                let sql = "SELECT \(Self.changeColumns) FROM changes WHERE id = ?"
                return try Row.fetchOne(db, sql: sql, arguments: [id]).map(Self.changeInfo)
            }
        } catch {
            throw Store.failure(error)
        }
        guard let found else { throw RegistryError(.noSuchChange, "no change '\(id)'") }
        return found
    }
}
