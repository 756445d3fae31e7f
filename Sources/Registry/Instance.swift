import DNSWire
import DNSZone

/// A registered service instance. `service` and `id` are lower-case single labels.
struct Instance: Sendable, Equatable {
    var service: String
    var id: String
    /// `.a` or `.aaaa`, as given in `address`; nil with only `ipv6` or a `cname`.
    var address: RData?
    /// Given beside an IPv4 `address`.
    var ipv6: IPv6Address?
    var cname: DomainName?
    var port: UInt16?
    var attributes: [String: String]
    var lease: Int?
    var ttl: UInt32
    /// Seconds since 1970; nil without a lease.
    var expiresAt: Double?
    var registeredAt: Double
    var healthy: Bool

    var key: InstanceKey { InstanceKey(service: service, id: id) }

    var ipv4Record: RData? {
        if case .a = address { return address }
        return nil
    }

    /// From `ipv6`, else from an IPv6 `address`.
    var ipv6Record: RData? {
        if let ipv6 { return .aaaa(ipv6) }
        if case .aaaa = address { return address }
        return nil
    }

    /// The instance's addresses as records: A, then AAAA.
    var addressRecords: [RData] { [ipv4Record, ipv6Record].compactMap { $0 } }

    func isLapsed(at now: Double) -> Bool { expiresAt.map { $0 <= now } ?? false }

    /// The records this instance alone makes (under `declared` when its service is declared),
    /// as master-file lines.
    func recordLines(in origin: DomainName, declared: Service?) -> [String] {
        ServiceSets.records(of: self, declared: declared, in: origin).map(\.description)
    }
}

extension Instance {
    func info(in origin: DomainName, declared: Service?) -> InstanceInfo {
        InstanceInfo(
            zone: origin.displayName, service: service, id: id, address: address?.description,
            ipv6: ipv6?.description, cname: cname?.displayName, port: port.map(Int.init), attributes: attributes,
            lease: lease, ttl: ttl, expiresAt: expiresAt.map(Timestamp.iso), registeredAt: Timestamp.iso(registeredAt),
            healthy: healthy, records: recordLines(in: origin, declared: declared))
    }
}
