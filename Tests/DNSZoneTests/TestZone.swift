import DNSWire
import DNSZone

/// Builds records and zones from short presentation-format lines, relative to `example.`.
enum TestZone {
    static let origin = try! DomainName(parsing: "example.")

    static func name(_ text: String) -> DomainName { try! DomainName(parsing: text, origin: origin) }

    /// `record("www", .a, "10.0.0.1")`: rdata fields split on spaces, relative to the origin.
    static func record(_ owner: String, _ type: RRType, _ rdata: String, ttl: UInt32 = 300) -> ResourceRecord {
        let tokens = rdata.split(separator: " ").map { PresentationToken(String($0), quoted: false) }
        return ResourceRecord(
            name: name(owner), type: type, ttl: ttl, rdata: try! RData(type: type, parsing: tokens, origin: origin))
    }

    static let soa = record("@", .soa, "ns1 hostmaster 2026112101 3600 600 86400 60", ttl: 3600)

    static let records: [ResourceRecord] = [
        soa,
        record("@", .ns, "ns1"),
        record("ns1", .a, "10.0.0.53"),
        record("ns1", .aaaa, "fd00::53"),
        record("www", .a, "10.0.0.1"),
        record("www", .a, "10.0.0.2"),
        record("www", .a, "10.0.0.3"),
        record("alias", .cname, "www"),
        record("chain1", .cname, "chain2"),
        record("chain2", .cname, "www"),
        record("loop1", .cname, "loop2"),
        record("loop2", .cname, "loop1"),
        record("outside", .cname, "elsewhere.net."),
        record("dangling", .cname, "missing"),
        record("_http._tcp", .srv, "1 1 8080 web1"),
        record("web1", .a, "10.0.1.1"),
        record("@", .mx, "10 mail"),
        record("mail", .a, "10.0.0.25"),
        record("a.b.c", .txt, "deep"),
        record("*.wild", .a, "10.0.9.9"),
        record("*.wild", .txt, "wild"),
        record("sub", .ns, "ns.sub"),
        record("ns.sub", .a, "10.0.2.53"),
    ]

    static let zone = Zone(origin: origin, records: records)
}
