import Foundation
import GRDB

/// One journal row: what a batch removed from and added to a zone, as master-file lines.
/// What IXFR will serve; read back here for tests and tooling.
struct JournalEntry: Sendable, Equatable {
    var serial: UInt32
    var changeId: String
    var removed: [String]
    var added: [String]
}

extension Registry {
    /// The zone's journal, oldest first.
    func journal(zone: String) async throws(RegistryError) -> [JournalEntry] {
        let origin = try ZoneName.parse(zone, field: nil)
        guard let id = state.withLock({ $0.managed[origin]?.header.id }) else { throw Planner.noSuchZone(origin) }
        do {
            return try await pool.read { db in
                let rows = try Row.fetchAll(
                    db, sql: "SELECT serial, change_id, removed, added FROM journal WHERE zone_id = ? ORDER BY id",
                    arguments: [id])
                return try rows.map { row in
                    let decoder = JSONDecoder()
                    return JournalEntry(
                        serial: try row.decode(forColumn: "serial"), changeId: try row.decode(forColumn: "change_id"),
                        removed: try decoder.decode([String].self, from: Data(try row.decode(String.self, forColumn: "removed").utf8)),
                        added: try decoder.decode([String].self, from: Data(try row.decode(String.self, forColumn: "added").utf8)))
                }
            }
        } catch {
            throw Store.failure(error)
        }
    }
}
