import DNSWire

/// Everything a zone holds at one name. A node with no RRsets is an empty non-terminal:
/// it exists (NODATA, not NXDOMAIN) because names below it do.
struct ZoneNode: Sendable {
    var rrsets: [RRType: RRSet] = [:]
    /// Nodes directly below this one; an empty node with none left is removed.
    var children = 0

    var isEmptyNonTerminal: Bool { rrsets.isEmpty }
}
