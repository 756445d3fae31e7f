import DNSWire

/// Zone names as the API takes them (with or without the trailing dot, any case) and shows
/// them (lower case, no trailing dot).
enum ZoneName {
    static func parse(_ text: String, field: String? = "name") throws(RegistryError) -> DomainName {
        guard !text.isEmpty else { throw RegistryError(.invalidName, field: field, "zone name is empty") }
        let name: DomainName
        do {
            name = try DomainName(parsing: text)
        } catch {
            throw RegistryError(.invalidName, field: field, "bad zone name '\(text)': \(error)")
        }
        guard !name.isRoot else { throw RegistryError(.invalidName, field: field, "the root cannot be a zone") }
        return name.lowercased()
    }

    /// A name given relative to `origin` (`web`, `@`) or absolute (`web.ecs.internal.`), which
    /// must lie in the zone.
    static func owner(_ text: String, in origin: DomainName, field: String) throws(RegistryError) -> DomainName {
        guard !text.isEmpty else { throw RegistryError(.invalidName, field: field, "name is empty") }
        let name: DomainName
        do {
            name = try DomainName(parsing: text, origin: origin)
        } catch {
            throw RegistryError(.invalidName, field: field, "bad name '\(text)': \(error)")
        }
        guard name.isSubdomain(of: origin) else {
            throw RegistryError(.invalidName, field: field, "'\(text)' is not in zone \(origin.displayName)")
        }
        return name
    }
}
