import DNSWire

/// The zones a server answers for, found by the longest apex that encloses a name.
public struct ZoneSet: Sendable {
    let zonesByApex: [DomainName: Zone]

    public init(_ zones: [Zone]) {
        var byApex: [DomainName: Zone] = [:]
        for zone in zones { byApex[zone.origin] = zone }
        zonesByApex = byApex
    }

    public var zones: [Zone] { zonesByApex.values.sorted { $0.origin < $1.origin } }

    public var isEmpty: Bool { zonesByApex.isEmpty }

    /// The deepest zone whose apex is `name` or an ancestor of it.
    public func zone(for name: DomainName) -> Zone? {
        var candidate: DomainName? = name
        while let current = candidate {
            if let zone = zonesByApex[current] { return zone }
            candidate = current.parent
        }
        return nil
    }
}
