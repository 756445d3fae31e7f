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
                var targetHealth: [Int64: [SetKey: Set<String>]] = [:]
                let setRows = try Row.fetchCursor(db, sql: "SELECT zone_id, name, type, ttl, rdata, policy FROM record_sets")
                while let row = try setRows.next() {
                    let zone: Int64 = try row.decode(forColumn: "zone_id")
                    let (rrset, evaluated) = try recordSet(row)
                    sets[zone, default: [:]][SetKey(of: rrset)] = rrset
                    if !evaluated.isEmpty { targetHealth[zone, default: [:]][SetKey(of: rrset)] = evaluated }
                }
                var instances: [Int64: [String: [String: Instance]]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT * FROM instances") {
                    let zone: Int64 = try row.decode(forColumn: "zone_id")
                    let instance = try self.instance(row)
                    instances[zone, default: [:]][instance.service, default: [:]][instance.id] = instance
                }
                var services: [Int64: [String: Service]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT * FROM services") {
                    let zone: Int64 = try row.decode(forColumn: "zone_id")
                    let service = try self.service(row)
                    services[zone, default: [:]][service.name] = service
                }
                return try headers.values.map { header in
                    let zoneSets = sets[header.id] ?? [:]
                    // Zone snapshots trap on names outside the zone; the API never stores one.
                    if let stray = zoneSets.values.first(where: { !$0.name.isSubdomain(of: header.origin) }) {
                        throw damaged("record set \(stray.name) \(stray.type)", "outside zone \(header.displayName)")
                    }
                    return ManagedZone(
                        header: header, sets: zoneSets, instances: instances[header.id] ?? [:],
                        services: services[header.id] ?? [:], targetHealth: targetHealth[header.id] ?? [:])
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
        let metadataText: String = try row.decode(forColumn: "metadata")
        let metadata: [String: String]
        do {
            metadata = try JSONDecoder().decode([String: String].self, from: Data(metadataText.utf8))
        } catch {
            throw damaged("zone '\(name)' metadata", error)
        }
        return ZoneHeader(
            id: try row.decode(forColumn: "id"), origin: names.0, soa: soa, soaTTL: try row.decode(forColumn: "soa_ttl"),
            comment: try row.decode(forColumn: "comment"), createdAt: try row.decode(forColumn: "created_at"),
            metadata: metadata)
    }

    /// The set, and its aliases that evaluate target health (ManagedZone.targetHealth).
    private static func recordSet(_ row: Row) throws -> (RRSet, Set<String>) {
        let text: String = try row.decode(forColumn: "name")
        let type = RRType(rawValue: try row.decode(UInt16.self, forColumn: "type"))
        let stored: String = try row.decode(forColumn: "rdata")
        let policy: String? = try row.decode(forColumn: "policy")
        do {
            let name = try DomainName(parsing: text)
            // The policy holds every choice's records; rdata repeats them for other readers.
            if let policy { return try StoredPolicy.decode(policy, name: name, type: type) }
            let records = try JSONDecoder().decode([String].self, from: Data(stored.utf8))
            let rdatas = try records.map { record throws(WireError) in
                try RData(type: type, parsing: try RecordTokenizer.tokens(record), origin: nil)
            }
            return (RRSet(name: name, type: type, ttl: try row.decode(forColumn: "ttl"), rdatas: rdatas), [])
        } catch {
            throw damaged("record set \(text) \(type)", error)
        }
    }

    private static func instance(_ row: Row) throws -> Instance {
        let service: String = try row.decode(forColumn: "service")
        let id: String = try row.decode(forColumn: "instance_id")
        let addressText: String = try row.decode(forColumn: "address")
        var address: RData?
        if let v4 = IPv4Address(addressText) {
            address = .a(v4)
        } else if let v6 = IPv6Address(addressText) {
            address = .aaaa(v6)
        } else if !addressText.isEmpty {
            throw damaged("instance \(service)/\(id)", "bad address '\(addressText)'")
        }
        let ipv6Text: String? = try row.decode(forColumn: "ipv6")
        let ipv6 = ipv6Text.flatMap(IPv6Address.init)
        guard (ipv6 == nil) == (ipv6Text == nil) else {
            throw damaged("instance \(service)/\(id)", "bad IPv6 address '\(ipv6Text ?? "")'")
        }
        let cnameText: String? = try row.decode(forColumn: "cname")
        var cname: DomainName?
        do {
            cname = try cnameText.map { text throws(WireError) in try DomainName(parsing: text) }
        } catch {
            throw damaged("instance \(service)/\(id)", error)
        }
        let attributesText: String = try row.decode(forColumn: "attributes")
        let attributes: [String: String]
        do {
            attributes = try JSONDecoder().decode([String: String].self, from: Data(attributesText.utf8))
        } catch {
            throw damaged("instance \(service)/\(id)", error)
        }
        return Instance(
            service: service, id: id, address: address, ipv6: ipv6, cname: cname, port: try row.decode(forColumn: "port"),
            attributes: attributes, lease: try row.decode(forColumn: "lease"), ttl: try row.decode(forColumn: "ttl"),
            expiresAt: try row.decode(forColumn: "expires_at"), registeredAt: try row.decode(forColumn: "registered_at"),
            healthy: try row.decode(forColumn: "healthy"))
    }

    /// Checked again as `createService` checks it.
    private static func service(_ row: Row) throws -> Service {
        let name: String = try row.decode(forColumn: "name")
        do {
            let records = try JSONDecoder().decode(
                [ServiceRecord].self, from: Data(try row.decode(String.self, forColumn: "records").utf8))
            let metadata = try JSONDecoder().decode(
                [String: String].self, from: Data(try row.decode(String.self, forColumn: "metadata").utf8))
            var service = try ServiceInput.parse(
                ServiceSpec(
                    name: name, routingPolicy: try row.decode(forColumn: "routing_policy"), records: records,
                    metadata: metadata))
            service.createdAt = try row.decode(forColumn: "created_at")
            return service
        } catch {
            throw damaged("service '\(name)'", error)
        }
    }

    private static func damaged(_ what: String, _ error: Any) -> RegistryError {
        RegistryError(.unavailable, "the registry database holds a damaged \(what): \(error)")
    }
}
