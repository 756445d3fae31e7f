import DNSWire
import DNSZone

/// The record sets instances make. Instances of a declared service each make one choice (their
/// id) in a routing-policy set per declared type; instances of an undeclared service are merged
/// into simple sets, the unhealthy left out unless none of the set's instances is healthy.
enum ServiceSets {
    /// One record an instance makes.
    struct Contribution {
        var name: DomainName
        var type: RRType
        var ttl: UInt32
        var rdata: RData
    }

    /// What `instance` makes: at `service.zone.` first, then at `id.service.zone.`.
    static func contributions(of instance: Instance, declared: Service?, in origin: DomainName) -> [Contribution] {
        guard let serviceName = InstanceKey.serviceName(instance.service, in: origin),
            let host = serviceName.prepending(label: Array(instance.id.utf8))
        else { return [] }
        var made: [Contribution] = []
        guard let declared else {
            for rdata in instance.addressRecords {
                made.append(Contribution(name: serviceName, type: addressType(rdata), ttl: instance.ttl, rdata: rdata))
            }
            if let port = instance.port {
                made.append(Contribution(name: serviceName, type: .srv, ttl: instance.ttl, rdata: srv(port, host)))
            }
            for rdata in instance.addressRecords {
                made.append(Contribution(name: host, type: addressType(rdata), ttl: instance.ttl, rdata: rdata))
            }
            return made
        }
        var hostRecords: [Contribution] = []
        for record in declared.records {
            let rdata: RData?
            switch record.type {
            case .a: rdata = instance.ipv4Record
            case .aaaa: rdata = instance.ipv6Record
            case .cname: rdata = instance.cname.map(RData.cname)
            default:
                rdata = instance.port.map { srv($0, host) }
                if rdata != nil {
                    for address in instance.addressRecords {
                        hostRecords.append(
                            Contribution(name: host, type: addressType(address), ttl: record.ttl, rdata: address))
                    }
                }
            }
            if let rdata {
                made.append(Contribution(name: serviceName, type: record.type, ttl: record.ttl, rdata: rdata))
            }
        }
        return made + hostRecords
    }

    static func records(of instance: Instance, declared: Service?, in origin: DomainName) -> [ResourceRecord] {
        contributions(of: instance, declared: declared, in: origin).map {
            ResourceRecord(name: $0.name, type: $0.type, ttl: $0.ttl, rdata: $0.rdata)
        }
    }

    /// The sets at the service name over all the service's instances (in id order).
    static func serviceSets(service: String, declared: Service?, instances: [Instance], in origin: DomainName)
        -> [SetKey: RRSet]
    {
        guard let serviceName = InstanceKey.serviceName(service, in: origin) else { return [:] }
        var sets: [SetKey: RRSet] = [:]
        if let declared {
            var choices: [RRType: [RecordChoice]] = [:]
            for instance in instances {
                for made in contributions(of: instance, declared: declared, in: origin) where made.name == serviceName {
                    choices[made.type, default: []].append(
                        RecordChoice(
                            identifier: instance.id, weight: 1, healthy: instance.healthy, ttl: made.ttl,
                            rdatas: [made.rdata]))
                }
            }
            for (type, group) in choices {
                sets[SetKey(serviceName, type)] = RRSet(
                    name: serviceName, type: type, policy: declared.policy, choices: group)
            }
            return sets
        }
        // Types some healthy instance makes: only those instances go into that type's set.
        var healthyTypes: Set<RRType> = []
        for instance in instances where instance.healthy {
            for made in contributions(of: instance, declared: nil, in: origin) where made.name == serviceName {
                healthyTypes.insert(made.type)
            }
        }
        var merged: [RRType: (ttl: UInt32, rdatas: [RData], seen: Set<RData>)] = [:]
        // In place: copying an entry out and back would copy its arrays, a quadratic cost
        // for a service with thousands of instances.
        for instance in instances {
            for made in contributions(of: instance, declared: nil, in: origin) where made.name == serviceName {
                guard instance.healthy || !healthyTypes.contains(made.type) else { continue }
                merged[made.type, default: (made.ttl, [], [])].ttl = min(merged[made.type]?.ttl ?? made.ttl, made.ttl)
                if merged[made.type]!.seen.insert(made.rdata).inserted { merged[made.type]!.rdatas.append(made.rdata) }
            }
        }
        for (type, entry) in merged {
            sets[SetKey(serviceName, type)] = RRSet(name: serviceName, type: type, ttl: entry.ttl, rdatas: entry.rdatas)
        }
        return sets
    }

    /// The sets at `id.service.zone.`: the instance's own addresses (one choice each under a
    /// declared service, which makes them only with SRV).
    static func hostSets(of instance: Instance, declared: Service?, in origin: DomainName) -> [RRSet] {
        guard let serviceName = InstanceKey.serviceName(instance.service, in: origin) else { return [] }
        return contributions(of: instance, declared: declared, in: origin).filter { $0.name != serviceName }.map {
            made in
            guard let declared else {
                return RRSet(name: made.name, type: made.type, ttl: made.ttl, rdatas: [made.rdata])
            }
            let choice = RecordChoice(
                identifier: instance.id, weight: 1, healthy: instance.healthy, ttl: made.ttl, rdatas: [made.rdata])
            return RRSet(name: made.name, type: made.type, policy: declared.policy, choices: [choice])
        }
    }

    /// Every set of `service` and `id` an instance could make, whatever its addresses.
    static func possibleKeys(service: String, id: String, in origin: DomainName) -> [SetKey] {
        guard let serviceName = InstanceKey.serviceName(service, in: origin),
            let host = serviceName.prepending(label: Array(id.utf8))
        else { return [] }
        return [
            SetKey(serviceName, .a), SetKey(serviceName, .aaaa), SetKey(serviceName, .cname),
            SetKey(serviceName, .srv), SetKey(host, .a), SetKey(host, .aaaa),
        ]
    }

    /// Refuses an instance that lacks a value its service's records need, naming the field.
    static func check(_ instance: Instance, declared: Service?) throws(RegistryError) {
        guard let declared else {
            guard !instance.addressRecords.isEmpty else {
                throw RegistryError(
                    .invalidRequest, field: "address",
                    "address is required: service '\(instance.service)' is not declared with a CNAME record")
            }
            return
        }
        let service = "service '\(declared.name)' makes"
        for record in declared.records {
            switch record.type {
            case .a where instance.ipv4Record == nil:
                throw RegistryError(
                    .invalidRequest, field: "address", "\(service) A records: address must be an IPv4 address")
            case .aaaa where instance.ipv6Record == nil:
                throw RegistryError(
                    .invalidRequest, field: "ipv6",
                    "\(service) AAAA records: an IPv6 address is required (ipv6 or address)")
            case .cname where instance.cname == nil:
                throw RegistryError(.invalidRequest, field: "cname", "\(service) CNAME records: cname is required")
            case .srv where instance.port == nil:
                throw RegistryError(.invalidRequest, field: "port", "\(service) SRV records: port is required")
            case .srv where instance.addressRecords.isEmpty:
                throw RegistryError(
                    .invalidRequest, field: "address", "\(service) SRV records: an IPv4 or IPv6 address is required")
            default: continue
            }
        }
    }

    private static func addressType(_ address: RData) -> RRType {
        if case .aaaa = address { return .aaaa }
        return .a
    }

    private static func srv(_ port: UInt16, _ host: DomainName) -> RData {
        .srv(priority: 1, weight: 1, port: port, target: host)
    }
}
