import DNSWire
import GRDB

/// Reading change rows back: one by id, or the newest first. Rows outlive their zone.
extension Registry {
    static let changeColumns = "id, zone, serial, status, submitted_at, comment, operation, service, instance"

    func changeLog(zone: String?, limit: Int) async throws(RegistryError) -> [ChangeInfo] {
        guard (1...1000).contains(limit) else {
            throw RegistryError(.invalidRequest, field: "limit", "limit \(limit) is not in 1...1000")
        }
        let name = try zone.map { text throws(RegistryError) in try ZoneName.parse(text, field: "zone").displayName }
        guard !isClosed else { throw Self.closedError }
        do {
            return try await pool.read { db in
                // Ids grow with time (ChangeID), so they order rows made within one second.
                let order = "ORDER BY submitted_at DESC, id DESC LIMIT ?"
                let rows: [Row]
                if let name {
                    rows = try Row.fetchAll(
                        db, sql: "SELECT \(Self.changeColumns) FROM changes WHERE zone = ? \(order)",
                        arguments: [name, limit])
                } else {
                    rows = try Row.fetchAll(
                        db, sql: "SELECT \(Self.changeColumns) FROM changes \(order)", arguments: [limit])
                }
                return try rows.map(Self.changeInfo)
            }
        } catch {
            throw Store.failure(error)
        }
    }

    static func changeInfo(_ row: Row) throws -> ChangeInfo {
        ChangeInfo(
            changeId: try row.decode(forColumn: "id"), zone: try row.decode(forColumn: "zone"),
            serial: try row.decode(forColumn: "serial"), status: try row.decode(forColumn: "status"),
            submittedAt: try row.decode(forColumn: "submitted_at"), comment: try row.decode(forColumn: "comment"),
            operation: try row.decode(forColumn: "operation"), service: try row.decode(forColumn: "service"),
            instance: try row.decode(forColumn: "instance"))
    }
}
