import DNSWire

/// The zones a server answers for, found by the longest apex that encloses a name.
public struct ZoneSet: Sendable {
    /// Behind one reference, so the copy each query takes costs one count.
    let storage: ZoneSetStorage

    public init(_ zones: [Zone]) {
        storage = ZoneSetStorage(zones)
    }

    public var zones: [Zone] { storage.list }

    public var isEmpty: Bool { storage.list.isEmpty }

    /// The deepest zone whose apex is `name` or an ancestor of it.
    public func zone(for name: DomainName) -> Zone? {
        var candidate: DomainName? = name
        while let current = candidate {
            if let zone = storage.zonesByApex[current] { return zone }
            candidate = current.parent
        }
        return nil
    }
}
