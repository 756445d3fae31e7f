import DNSWire
import DNSZone

/// A registered service instance. `service` and `id` are lower-case single labels.
struct Instance: Sendable, Equatable {
    var service: String
    var id: String
    /// `.a` or `.aaaa`.
    var address: RData
    var port: UInt16?
    var attributes: [String: String]
    var lease: Int?
    var ttl: UInt32
    /// Seconds since 1970; nil without a lease.
    var expiresAt: Double?
    var registeredAt: Double

    var key: InstanceKey { InstanceKey(service: service, id: id) }

    var addressType: RRType {
        if case .aaaa = address { return .aaaa }
        return .a
    }

    func isLapsed(at now: Double) -> Bool { expiresAt.map { $0 <= now } ?? false }

    /// The records this instance alone implies, as master-file lines.
    func recordLines(in origin: DomainName) -> [String] {
        guard let serviceName = InstanceKey.serviceName(service, in: origin),
            let host = InstanceKey.hostName(id, service: service, in: origin)
        else { return [] }
        var records = [ResourceRecord(name: serviceName, type: addressType, ttl: ttl, rdata: address)]
        if let port {
            records.append(
                ResourceRecord(
                    name: serviceName, type: .srv, ttl: ttl, rdata: .srv(priority: 1, weight: 1, port: port, target: host)))
        }
        records.append(ResourceRecord(name: host, type: addressType, ttl: ttl, rdata: address))
        return records.map(\.description)
    }
}

extension Instance {
    func info(in origin: DomainName) -> InstanceInfo {
        InstanceInfo(
            zone: origin.displayName, service: service, id: id, address: address.description,
            port: port.map(Int.init), attributes: attributes, lease: lease, ttl: ttl,
            expiresAt: expiresAt.map(Timestamp.iso), registeredAt: Timestamp.iso(registeredAt),
            records: recordLines(in: origin))
    }
}
