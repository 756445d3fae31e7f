import DNSWire
import DNSZone

/// Service and id of an instance, both lower-case labels; and the names and sets they make.
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

    /// The sets at the service name, merged over the service's instances (in id order): A,
    /// AAAA and SRV, each at the smallest TTL of the instances in it.
    static func serviceSets(service: String, instances: [Instance], in origin: DomainName) -> [SetKey: RRSet] {
        guard let serviceName = serviceName(service, in: origin) else { return [:] }
        var merged: [RRType: (ttl: UInt32, rdatas: [RData], seen: Set<RData>)] = [:]
        // In place: copying an entry out and back would copy its arrays, a quadratic cost
        // for a service with thousands of instances.
        func add(_ type: RRType, _ ttl: UInt32, _ rdata: RData) {
            merged[type, default: (ttl, [], [])].ttl = min(merged[type]?.ttl ?? ttl, ttl)
            if merged[type]!.seen.insert(rdata).inserted { merged[type]!.rdatas.append(rdata) }
        }
        for instance in instances {
            add(instance.addressType, instance.ttl, instance.address)
            if let port = instance.port, let host = serviceName.prepending(label: Array(instance.id.utf8)) {
                add(.srv, instance.ttl, .srv(priority: 1, weight: 1, port: port, target: host))
            }
        }
        var sets: [SetKey: RRSet] = [:]
        for (type, entry) in merged {
            sets[SetKey(serviceName, type)] = RRSet(name: serviceName, type: type, ttl: entry.ttl, rdatas: entry.rdatas)
        }
        return sets
    }

    /// The set at `id.service.zone.`: the instance's own address.
    static func hostSet(of instance: Instance, in origin: DomainName) -> RRSet? {
        guard let host = hostName(instance.id, service: instance.service, in: origin) else { return nil }
        return RRSet(name: host, type: instance.addressType, ttl: instance.ttl, rdatas: [instance.address])
    }

    /// The keys any instance of `service` with `id` could make, whatever its address family.
    static func possibleKeys(service: String, id: String, in origin: DomainName) -> [SetKey] {
        guard let serviceName = serviceName(service, in: origin),
            let host = serviceName.prepending(label: Array(id.utf8))
        else { return [] }
        return [
            SetKey(serviceName, .a), SetKey(serviceName, .aaaa), SetKey(serviceName, .srv), SetKey(host, .a),
            SetKey(host, .aaaa),
        ]
    }
}
