import DNSWire

/// A registration whose fields have been checked.
struct ParsedRegistration: Sendable {
    var key: InstanceKey
    var address: RData?
    var ipv6: IPv6Address?
    var cname: DomainName?
    var port: UInt16?
    var attributes: [String: String]
    var lease: Int?
    var ttl: UInt32
    /// Nil: healthy.
    var healthy: Bool?
}

/// Checks instance input: labels, addresses, CNAME target, port, lease, TTL and attributes.
enum InstanceInput {
    static let maxLease: Int64 = 86_400
    static let maxAttributes = 30
    static let defaultTTL: UInt32 = 60

    /// `service`/`id`: one DNS label of letters, digits, `-` and `_`; kept in lower case.
    static func label(_ text: String, field: String) throws(RegistryError) -> String {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count) else {
            throw RegistryError(.invalidName, field: field, "\(field) '\(text)' must be 1 to 63 octets")
        }
        let allowed = bytes.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        guard allowed else {
            throw RegistryError(
                .invalidName, field: field, "\(field) '\(text)' may hold only letters, digits, '-' and '_'")
        }
        return text.lowercased()
    }

    static func key(service: String, id: String, in origin: DomainName) throws(RegistryError) -> InstanceKey {
        let key = InstanceKey(service: try label(service, field: "service"), id: try label(id, field: "id"))
        guard InstanceKey.hostName(key.id, service: key.service, in: origin) != nil else {
            throw RegistryError(
                .invalidName, field: "id", "'\(key.id).\(key.service).\(origin.displayName).' is longer than 255 octets"
            )
        }
        return key
    }

    static func parse(_ registration: InstanceRegistration, key: InstanceKey) throws(RegistryError)
        -> ParsedRegistration
    {
        guard registration.address != nil || registration.ipv6 != nil || registration.cname != nil else {
            throw RegistryError(.invalidRequest, field: "address", "address is required")
        }
        var address: RData?
        if let given = registration.address {
            if let v4 = IPv4Address(given) {
                address = .a(v4)
            } else if let v6 = IPv6Address(given) {
                address = .aaaa(v6)
            } else {
                throw RegistryError(
                    .invalidRecord, field: "address", "bad address '\(given)': expected IPv4 or IPv6")
            }
        }
        var ipv6: IPv6Address?
        if let given = registration.ipv6 {
            guard let v6 = IPv6Address(given) else {
                throw RegistryError(.invalidRecord, field: "ipv6", "bad IPv6 address '\(given)'")
            }
            if case .aaaa(let other) = address, other != v6 {
                throw RegistryError(
                    .invalidRequest, field: "ipv6",
                    "address \(other) is already an IPv6 address; ipv6 goes beside an IPv4 address")
            }
            ipv6 = v6
        }
        var cname: DomainName?
        if let given = registration.cname {
            do {
                guard !given.isEmpty else { throw WireError.text("empty name") }
                cname = try DomainName(parsing: given)
            } catch {
                throw RegistryError(.invalidName, field: "cname", "bad cname '\(given)': \(error)")
            }
        }
        var port: UInt16?
        if let given = registration.port {
            guard (0...65535).contains(given) else {
                throw RegistryError(.invalidRequest, field: "port", "port \(given) is not in 0...65535")
            }
            port = UInt16(given)
        }
        var lease: Int?
        if let given = registration.lease {
            guard (1...maxLease).contains(given) else {
                throw RegistryError(.invalidRequest, field: "lease", "lease \(given) is not in 1...\(maxLease) seconds")
            }
            lease = Int(given)
        }
        var ttl = defaultTTL
        if let given = registration.ttl {
            guard (0...ChangeInput.maxTTL).contains(given) else {
                throw RegistryError(.invalidTTL, field: "ttl", "TTL \(given) is not in 0...\(ChangeInput.maxTTL)")
            }
            ttl = UInt32(given)
        }
        let attributes = registration.attributes ?? [:]
        guard attributes.count <= maxAttributes else {
            throw RegistryError(
                .invalidRequest, field: "attributes", "\(attributes.count) attributes; at most \(maxAttributes)")
        }
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            guard (1...255).contains(name.utf8.count), value.utf8.count <= 1024 else {
                throw RegistryError(
                    .invalidRequest, field: "attributes.\(name)",
                    "attribute names take 1 to 255 octets and values at most 1024")
            }
        }
        return ParsedRegistration(
            key: key, address: address, ipv6: ipv6, cname: cname, port: port, attributes: attributes, lease: lease,
            ttl: ttl, healthy: registration.healthy)
    }
}
