import DNSWire
import DNSZone

/// A service-discovery zone without wildcards or policy sets, so every common query stays on the
/// fast path: rotation, additionals, chains, negative answers and a set too big for UDP.
public enum ServiceZone {
    public static let origin = try! DomainName(parsing: "svc.test.")

    public static func name(_ text: String) -> DomainName { try! DomainName(parsing: text, origin: origin) }

    public static func record(_ owner: String, _ type: RRType, _ rdata: String, ttl: UInt32 = 60) -> ResourceRecord {
        let tokens = rdata.split(separator: " ").map { PresentationToken(String($0), quoted: false) }
        return ResourceRecord(
            name: name(owner), type: type, ttl: ttl, rdata: try! RData(type: type, parsing: tokens, origin: origin))
    }

    public static let records: [ResourceRecord] =
        [
            record("@", .soa, "ns1 hostmaster 7 3600 600 86400 30", ttl: 3600),
            record("@", .ns, "ns1"),
            record("@", .ns, "ns2.elsewhere.test."),
            record("ns1", .a, "10.1.0.53"),
            record("ns1", .aaaa, "fd01::53"),
            record("@", .mx, "10 mail"),
            record("@", .mx, "20 Mail"),
            record("mail", .a, "10.1.0.25"),
            record("web", .txt, "\"v=1\" \"second string\""),
            record("_http._tcp.web", .srv, "1 1 8080 i0.web"),
            record("_http._tcp.web", .srv, "1 1 8443 I1.Web"),
            record("_http._tcp.web", .srv, "2 1 9000 i2.web"),
            record("_http._tcp.web", .srv, "3 1 9000 gone.web"),
            record("_http._tcp.web", .srv, "3 1 9000 far.away.test."),
            record("i0.web", .a, "10.1.1.1"),
            record("i1.web", .a, "10.1.1.2"),
            record("i1.web", .aaaa, "fd01::1:2"),
            record("i2.web", .aaaa, "fd01::1:3"),
            record("www", .cname, "web"),
            record("chain1", .cname, "chain2"),
            record("chain2", .cname, "WWW"),
            record("srv-alias", .cname, "_http._tcp.web"),
            record("loop1", .cname, "loop2"),
            record("loop2", .cname, "loop1"),
            record("dangling", .cname, "nowhere"),
            record("out", .cname, "web.elsewhere.test."),
            record("ptr", .ptr, "web"),
            record("deep.a.b", .txt, "deep"),
            record("opaque", RRType(rawValue: 65280), "\\# 3 010203"),
        ]
        + (1...4).map { record("web", .a, "10.1.2.\($0)") }
        + (1...2).map { record("web", .aaaa, "fd01::2:\($0)") }
        + (1...100).map { record("big", .a, "10.1.3.\($0)") }

    public static let zone = Zone(origin: origin, records: records)

    /// The zone after an API-style change: the name it adds is not in the mix, but every lookup
    /// now looks at the zone's changes since its build before its flat node table.
    public static let changedZone: Zone = {
        var zone = Self.zone
        let owner = name("added-later")
        zone.replaceRRSet(
            name: owner, type: .a,
            with: RRSet(
                name: owner, type: .a, ttl: 60,
                rdatas: [try! RData(type: .a, parsing: [PresentationToken("10.1.9.9", quoted: false)], origin: origin)])
        )
        return zone
    }()

    /// A query for `name` (relative to the zone unless it ends in a dot) as a client sends it.
    public static func query(_ name: String, _ type: RRType, id: UInt16 = 0x4242, edns: EDNS? = nil) -> [UInt8] {
        var header = Header()
        header.id = id
        header.recursionDesired = true
        let owner = name.hasSuffix(".") ? try! DomainName(parsing: name) : Self.name(name)
        var message = Message(header: header, questions: [Question(name: owner, type: type)])
        if let edns { message.additionals = [edns.record] }
        return message.encoded()
    }
}
