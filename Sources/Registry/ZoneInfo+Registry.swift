import DNSWire
import DNSZone

/// ZoneInfo as the registry builds it, for managed zones (from their header) and file zones.
extension ZoneInfo {
    init(header: ZoneHeader, recordCount: Int, nameServers: RRSet?) {
        let soa = header.soa
        self.init(
            name: header.displayName, kind: "managed", serial: soa.serial, recordCount: recordCount,
            nameServers: nameServers?.rdatas.map(\.description) ?? [],
            soa: SOAInfo(
                primary: soa.primary.description, mailbox: soa.mailbox.description, serial: soa.serial,
                refresh: soa.refresh, retry: soa.retry, expire: soa.expire, minimum: soa.minimum, ttl: header.soaTTL),
            comment: header.comment, createdAt: Timestamp.iso(header.createdAt), metadata: header.metadata)
    }

    init(fileZone zone: Zone) {
        let soa = zone.soa
        self.init(
            name: zone.origin.displayName, kind: "file", serial: soa.serial, recordCount: zone.recordCount,
            nameServers: zone.rrset(zone.origin, .ns)?.rdatas.map(\.description) ?? [],
            soa: SOAInfo(
                primary: soa.primary.description, mailbox: soa.mailbox.description, serial: soa.serial,
                refresh: soa.refresh, retry: soa.retry, expire: soa.expire, minimum: soa.minimum, ttl: zone.soaTTL),
            comment: nil, createdAt: nil)
    }
}
