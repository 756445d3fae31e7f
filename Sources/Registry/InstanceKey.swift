import DNSWire
import DNSZone

/// Service and id of an instance, both lower-case labels; and the names they make.
struct InstanceKey: Hashable, Sendable, Comparable {
    var service: String
    var id: String

    static func < (lhs: InstanceKey, rhs: InstanceKey) -> Bool { (lhs.service, lhs.id) < (rhs.service, rhs.id) }

    /// `service.zone.`, or nil when that would be longer than 255 octets.
    static func serviceName(_ service: String, in origin: DomainName) -> DomainName? {
        origin.prepending(label: Array(service.utf8))
    }

    /// `id.service.zone.`, or nil when too long.
    static func hostName(_ id: String, service: String, in origin: DomainName) -> DomainName? {
        serviceName(service, in: origin)?.prepending(label: Array(id.utf8))
    }
}
