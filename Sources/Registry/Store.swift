import DNSWire
import DNSZone
import Foundation
import GRDB

/// Opening the database: WAL pool, `synchronous = FULL` on the writer (an acknowledged change
/// survives power loss), an integrity check, then the migrations.
enum Store {
    static let fileName = "shoal.sqlite"

    static func open(directory: String) throws(RegistryError) -> DatabasePool {
        let path = (directory.hasSuffix("/") ? directory : directory + "/") + fileName
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RegistryError(.unavailable, "cannot create data directory \(directory): \(error.localizedDescription)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "shoal.registry"
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw RegistryError(.unavailable, "cannot open database \(path): \(reason(error))")
        }
        do {
            try pool.writeWithoutTransaction { db in
                // GRDB sets NORMAL with WAL; the writer connection is the only one that commits.
                try db.execute(sql: "PRAGMA synchronous = FULL")
                guard try Int.fetchOne(db, sql: "PRAGMA synchronous") == 2 else {
                    throw RegistryError(.unavailable, "database \(path): SQLite refused synchronous = FULL")
                }
                let problems = try String.fetchAll(db, sql: "PRAGMA quick_check")
                guard problems == ["ok"] else {
                    throw RegistryError(
                        .unavailable,
                        "database \(path) is corrupt: \(problems.prefix(3).joined(separator: "; ")); restore a backup")
                }
            }
            let migrator = Schema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw RegistryError(.unavailable, "database \(path) was written by a newer Shoal")
            }
            try migrator.migrate(pool)
        } catch let error as RegistryError {
            try? pool.close()
            throw error
        } catch {
            try? pool.close()
            throw RegistryError(.unavailable, "cannot open database \(path): \(reason(error))")
        }
        return pool
    }

    /// SQLite's own words for a failure ("file is not a database"), without GRDB's SQL echo.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else { return "\(error)" }
        return error.message ?? "\(error.resultCode)"
    }

    /// A storage failure as a registry error: StorageFull for a full disk, else InternalError.
    static func failure(_ error: any Error) -> RegistryError {
        if let error = error as? RegistryError { return error }
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_FULL {
            return RegistryError(.storageFull, "the database disk is full: \(reason(error))")
        }
        return RegistryError(.internalError, "database error: \(reason(error))")
    }
}
