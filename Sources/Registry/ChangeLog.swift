import DNSWire
import GRDB

/// Reading change rows back: one by id, or the newest first. Rows outlive their zone.
extension Registry {
    static let changeColumns = "id, zone, serial, status, submitted_at, comment, operation, service, instance"

    func changeLog(zone: String?, operations: Set<String>?, limit: Int) async throws(RegistryError) -> [ChangeInfo] {
        guard (1...1000).contains(limit) else {
            throw RegistryError(.invalidRequest, field: "limit", "limit \(limit) is not in 1...1000")
        }
        let name = try zone.map { text throws(RegistryError) in try ZoneName.parse(text, field: "zone").displayName }
        guard !isClosed else { throw Self.closedError }
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let name {
            conditions.append("zone = ?")
            arguments.append(name)
        }
        if let operations {
            // Filtered in SQL, so other kinds of change never crowd operations out of the limit.
            let kinds = operations.sorted()
            conditions.append("operation IN (\(kinds.map { _ in "?" }.joined(separator: ", ")))")
            arguments += kinds
            if kinds.isEmpty { return [] }
        }
        arguments.append(limit)
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        // Ids grow with time (ChangeID), so they order rows made within one second.
        let sql = "SELECT \(Self.changeColumns) FROM changes \(filter) ORDER BY submitted_at DESC, id DESC LIMIT ?"
        let statementArguments = StatementArguments(arguments)
        do {
            return try await pool.read { db in
                try Row.fetchAll(db, sql: sql, arguments: statementArguments).map(Self.changeInfo)
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
