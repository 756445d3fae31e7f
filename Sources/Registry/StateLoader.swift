import DNSWire
import DNSZone
import Foundation
import GRDB

/// Reads every managed zone, record set and instance once, at open. After that the state in
/// memory follows each commit and SQLite is only written.
enum StateLoader {
    static func load(_ pool: DatabasePool) async throws(RegistryError) -> [ManagedZone] {
        do {
            return try await pool.read { db in
                var headers: [Int64: ZoneHeader] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT * FROM zones") {
                    let header = try zoneHeader(row)
                    headers[header.id] = header
                }
                var sets: [Int64: [SetKey: RRSet]] = [:]
                let setRows = try Row.fetchCursor(db, sql: "SELECT zone_id, name, type, ttl, rdata FROM record_sets")
                while let row = try setRows.next() {
                    let zone: Int64 = try row.decode(forColumn: "zone_id")
                    let rrset = try recordSet(row)
                    sets[zone, default: [:]][SetKey(of: rrset)] = rrset
                }
                var instances: [Int64: [String: [String: Instance]]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT * FROM instances") {
                    let zone: Int64 = try row.decode(forColumn: "zone_id")
                    let instance = try self.instance(row)
                    instances[zone, default: [:]][instance.service, default: [:]][instance.id] = instance
                }
                return try headers.values.map { header in
                    let zoneSets = sets[header.id] ?? [:]
                    // Zone snapshots trap on names outside the zone; the API never stores one.
                    if let stray = zoneSets.values.first(where: { !$0.name.isSubdomain(of: header.origin) }) {
                        throw damaged("record set \(stray.name) \(stray.type)", "outside zone \(header.displayName)")
                    }
                    return ManagedZone(header: header, sets: zoneSets, instances: instances[header.id] ?? [:])
                }
            }
        } catch {
            throw error as? RegistryError
                ?? RegistryError(.unavailable, "cannot read the registry database: \(Store.reason(error))")
        }
    }

    private static func zoneHeader(_ row: Row) throws -> ZoneHeader {
        let name: String = try row.decode(forColumn: "name")
        let primary: String = try row.decode(forColumn: "soa_primary")
        let mailbox: String = try row.decode(forColumn: "soa_mailbox")
        let names: (DomainName, DomainName, DomainName)
        do {
            names = (try DomainName(parsing: name).lowercased(), try DomainName(parsing: primary), try DomainName(parsing: mailbox))
        } catch {
            throw damaged("zone '\(name)'", error)
        }
        let soa = SOAData(
            primary: names.1, mailbox: names.2, serial: try row.decode(forColumn: "serial"),
            refresh: try row.decode(forColumn: "refresh"), retry: try row.decode(forColumn: "retry"),
            expire: try row.decode(forColumn: "expire"), minimum: try row.decode(forColumn: "minimum"))
        return ZoneHeader(
            id: try row.decode(forColumn: "id"), origin: names.0, soa: soa, soaTTL: try row.decode(forColumn: "soa_ttl"),
            comment: try row.decode(forColumn: "comment"), createdAt: try row.decode(forColumn: "created_at"))
    }

    private static func recordSet(_ row: Row) throws -> RRSet {
        let text: String = try row.decode(forColumn: "name")
        let type = RRType(rawValue: try row.decode(UInt16.self, forColumn: "type"))
        let stored: String = try row.decode(forColumn: "rdata")
        do {
            let name = try DomainName(parsing: text)
            let records = try JSONDecoder().decode([String].self, from: Data(stored.utf8))
            let rdatas = try records.map { record throws(WireError) in
                try RData(type: type, parsing: try RecordTokenizer.tokens(record), origin: nil)
            }
            return RRSet(name: name, type: type, ttl: try row.decode(forColumn: "ttl"), rdatas: rdatas)
        } catch {
            throw damaged("record set \(text) \(type)", error)
        }
    }

    private static func instance(_ row: Row) throws -> Instance {
        let service: String = try row.decode(forColumn: "service")
        let id: String = try row.decode(forColumn: "instance_id")
        let addressText: String = try row.decode(forColumn: "address")
        let address: RData
        if let v4 = IPv4Address(addressText) {
            address = .a(v4)
        } else if let v6 = IPv6Address(addressText) {
            address = .aaaa(v6)
        } else {
            throw damaged("instance \(service)/\(id)", "bad address '\(addressText)'")
        }
        let attributesText: String = try row.decode(forColumn: "attributes")
        let attributes: [String: String]
        do {
            attributes = try JSONDecoder().decode([String: String].self, from: Data(attributesText.utf8))
        } catch {
            throw damaged("instance \(service)/\(id)", error)
        }
        return Instance(
            service: service, id: id, address: address, port: try row.decode(forColumn: "port"), attributes: attributes, lease: try row.decode(forColumn: "lease"),
            ttl: try row.decode(forColumn: "ttl"), expiresAt: try row.decode(forColumn: "expires_at"), registeredAt: try row.decode(forColumn: "registered_at"))
    }

    private static func damaged(_ what: String, _ error: Any) -> RegistryError {
        RegistryError(.unavailable, "the registry database holds a damaged \(what): \(error)")
    }
}
