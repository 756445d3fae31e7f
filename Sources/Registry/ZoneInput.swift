import DNSWire
import DNSZone

/// A zone to create, checked: its SOA and the record sets it starts with.
struct NewZone: Sendable {
    var origin: DomainName
    var soa: SOAData
    var soaTTL: UInt32
    var comment: String?
    var sets: [RRSet]
    var metadata: [String: String] = [:]
}

/// Turns a `ZoneSpec` (with the contract's defaults) or an imported zone file into a `NewZone`.
enum ZoneInput {
    static func make(_ spec: ZoneSpec) throws(RegistryError) -> NewZone {
        let origin = try ZoneName.parse(spec.name)
        let given = spec.soa ?? SOASpec()
        let soa = SOAData(
            primary: try soaName(given.primary, default: "ns1", field: "soa.primary", in: origin),
            mailbox: try soaName(given.mailbox, default: "hostmaster", field: "soa.mailbox", in: origin),
            serial: 1,
            refresh: try number(given.refresh, default: 3600, field: "soa.refresh", code: .invalidRequest),
            retry: try number(given.retry, default: 600, field: "soa.retry", code: .invalidRequest),
            expire: try number(given.expire, default: 1_209_600, field: "soa.expire", code: .invalidRequest),
            minimum: try number(given.minimum, default: 60, field: "soa.minimum", code: .invalidTTL))
        let soaTTL = try number(given.ttl, default: 900, field: "soa.ttl", code: .invalidTTL)
        var servers: [RData] = []
        if let names = spec.nameServers {
            guard names.count <= ChangeInput.maxRecords else {
                throw RegistryError(.tooLarge, field: "nameServers", "\(names.count) name servers; at most 400")
            }
            for (index, text) in names.enumerated() {
                let field = "nameServers[\(index)]"
                guard !text.isEmpty else { throw RegistryError(.invalidName, field: field, "name server is empty") }
                do {
                    let server = RData.ns(try DomainName(parsing: text, origin: origin))
                    if !servers.contains(server) { servers.append(server) }
                } catch {
                    throw RegistryError(.invalidName, field: field, "bad name server '\(text)': \(error)")
                }
            }
        } else {
            servers = [.ns(soa.primary)]
        }
        let sets = servers.isEmpty ? [] : [RRSet(name: origin, type: .ns, ttl: 172_800, rdatas: servers)]
        return NewZone(
            origin: origin, soa: soa, soaTTL: soaTTL, comment: try ChangeInput.comment(spec.comment), sets: sets,
            metadata: try ZoneMetadata.check(spec.metadata))
    }

    /// The file's SOA (serial included) and every other record, grouped into sets.
    static func make(_ file: ZoneFile) throws(RegistryError) -> NewZone {
        let origin = file.origin.lowercased()
        guard !origin.isRoot else { throw RegistryError(.invalidName, field: "name", "the root cannot be a zone") }
        var order: [SetKey] = []
        var grouped: [SetKey: RRSet] = [:]
        var soaTTL: UInt32 = 900
        for record in file.records where record.name.isSubdomain(of: origin) && !record.type.isMeta {
            if record.type == .soa {
                if record.name == origin { soaTTL = record.ttl }
                continue
            }
            let key = SetKey(record.name, record.type)
            if let set = grouped[key] {
                guard !set.rdatas.contains(record.rdata) else { continue }
                grouped[key] = RRSet(name: set.name, type: set.type, ttl: set.ttl, rdatas: set.rdatas + [record.rdata])
            } else {
                order.append(key)
                grouped[key] = RRSet(name: record.name, type: record.type, ttl: record.ttl, rdatas: [record.rdata])
            }
        }
        let sets = order.map { grouped[$0]! }
        if let large = sets.first(where: { $0.rdatas.count > ChangeInput.maxRecords }) {
            throw RegistryError(
                .tooLarge, "\(large.name) \(large.type) holds \(large.rdatas.count) records; at most 400 a set")
        }
        return NewZone(origin: origin, soa: file.soa, soaTTL: soaTTL, comment: nil, sets: sets)
    }

    private static func soaName(_ text: String?, default label: String, field: String, in origin: DomainName)
        throws(RegistryError) -> DomainName
    {
        guard let text else {
            guard let name = origin.prepending(label: Array(label.utf8)) else {
                throw RegistryError(.invalidName, field: "name", "zone name too long for the default \(field)")
            }
            return name
        }
        guard !text.isEmpty else { throw RegistryError(.invalidName, field: field, "name is empty") }
        do {
            return try DomainName(parsing: text, origin: origin)
        } catch {
            throw RegistryError(.invalidName, field: field, "bad name '\(text)': \(error)")
        }
    }

    private static func number(_ value: Int64?, default fallback: UInt32, field: String, code: RegistryError.Code)
        throws(RegistryError) -> UInt32
    {
        guard let value else { return fallback }
        guard (0...ChangeInput.maxTTL).contains(value) else {
            throw RegistryError(code, field: field, "\(field) \(value) is not in 0...\(ChangeInput.maxTTL)")
        }
        return UInt32(value)
    }
}
