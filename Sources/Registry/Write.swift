import DNSWire
import DNSZone
import Foundation
import GRDB

/// One SQL write a batch plans. Planning decides; this only stores, with cached statements.
enum Write: Sendable {
    case insertZone(ZoneHeader)
    case deleteZone(id: Int64)
    /// `targetHealth`: the set's aliases that evaluate target health (ManagedZone).
    case putSet(zone: Int64, RRSet, targetHealth: Set<String> = [])
    case deleteSet(zone: Int64, SetKey)
    case putInstance(zone: Int64, Instance)
    case deleteInstance(zone: Int64, InstanceKey)
    case putService(zone: Int64, Service)
    case deleteService(zone: Int64, name: String)
    case setSerial(zone: Int64, UInt32)
    /// The change row, and its journal row when it changed a zone.
    case change(ChangeInfo, zone: Int64?, removed: [String], added: [String])

    func execute(_ db: Database) throws {
        switch self {
        case .insertZone(let header):
            try db.cachedStatement(
                sql: """
                    INSERT INTO zones (id, name, soa_primary, soa_mailbox, serial, refresh, retry, expire, minimum,
                        soa_ttl, comment, created_at, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                header.id, header.displayName, header.soa.primary.description, header.soa.mailbox.description,
                header.soa.serial, header.soa.refresh, header.soa.retry, header.soa.expire, header.soa.minimum,
                header.soaTTL, header.comment, header.createdAt, try Self.json(header.metadata),
            ])
        case .deleteZone(let id):
            try db.cachedStatement(sql: "DELETE FROM zones WHERE id = ?").execute(arguments: [id])
        case .putSet(let zone, let rrset, let targetHealth):
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO record_sets (zone_id, name_key, name, type, ttl, rdata, policy)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                zone, Self.nameKey(rrset.name), rrset.name.description, rrset.type.rawValue, rrset.ttl,
                try Self.json(rrset.rdatas.map(\.description)),
                try StoredPolicy(rrset, targetHealth: targetHealth)?.json(),
            ])
        case .deleteSet(let zone, let key):
            try db.cachedStatement(sql: "DELETE FROM record_sets WHERE zone_id = ? AND name_key = ? AND type = ?")
                .execute(arguments: [zone, Self.nameKey(key.name), key.type.rawValue])
        case .putInstance(let zone, let instance):
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO instances (zone_id, service, instance_id, address, port, attributes, lease,
                        ttl, expires_at, registered_at, ipv6, cname, healthy)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                zone, instance.service, instance.id, instance.address?.description ?? "", instance.port,
                try Self.json(instance.attributes), instance.lease, instance.ttl, instance.expiresAt,
                instance.registeredAt, instance.ipv6?.description, instance.cname?.description, instance.healthy,
            ])
        case .deleteInstance(let zone, let key):
            try db.cachedStatement(sql: "DELETE FROM instances WHERE zone_id = ? AND service = ? AND instance_id = ?")
                .execute(arguments: [zone, key.service, key.id])
        case .putService(let zone, let service):
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO services (zone_id, name, routing_policy, records, metadata, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                zone, service.name, service.policyName,
                try Self.json(service.records.map { ServiceRecord(type: $0.type.description, ttl: Int64($0.ttl)) }),
                try Self.json(service.metadata), service.createdAt,
            ])
        case .deleteService(let zone, let name):
            try db.cachedStatement(sql: "DELETE FROM services WHERE zone_id = ? AND name = ?")
                .execute(arguments: [zone, name])
        case .setSerial(let zone, let serial):
            try db.cachedStatement(sql: "UPDATE zones SET serial = ? WHERE id = ?").execute(arguments: [serial, zone])
        case .change(let info, let zone, let removed, let added):
            try db.cachedStatement(
                sql: """
                    INSERT INTO changes (id, zone, serial, status, submitted_at, comment, operation, service, instance)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                info.changeId, info.zone, info.serial, info.status, info.submittedAt, info.comment, info.operation,
                info.service, info.instance,
            ])
            if let zone {
                try db.cachedStatement(
                    sql: "INSERT INTO journal (zone_id, serial, change_id, removed, added) VALUES (?, ?, ?, ?, ?)"
                ).execute(arguments: [zone, info.serial, info.changeId, try Self.json(removed), try Self.json(added)])
            }
        }
    }

    /// The lower-cased wire name: the key sets are stored and found by.
    static func nameKey(_ name: DomainName) -> Data { Data(name.lowercased().wire) }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
