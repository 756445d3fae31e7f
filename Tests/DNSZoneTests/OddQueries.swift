import DNSWire

/// Queries off the common shape, hand-made byte by byte: each must get the general path's reply.
enum OddQueries {
    static func header(flags: UInt16 = 0x0100, qd: UInt16 = 1, an: UInt16 = 0, ns: UInt16 = 0, ar: UInt16 = 0)
        -> [UInt8]
    {
        [0xAB, 0xCD] + [flags, qd, an, ns, ar].flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    static func name(_ text: String) -> [UInt8] { try! DomainName(parsing: text).wire }

    static let web = name("web.svc.test.")
    static let typeA: [UInt8] = [0, 1, 0, 1]
    /// An OPT record: root owner, UDP size 1232, then `ttl` (extended rcode, version, flags) and RDATA.
    static func opt(ttl: [UInt8] = [0, 0, 0, 0], rdata: [UInt8] = [], owner: [UInt8] = [0]) -> [UInt8] {
        owner + [0, 41, 0x04, 0xD0] + ttl + [UInt8(rdata.count >> 8), UInt8(rdata.count & 0xFF)] + rdata
    }

    static let cases: [(String, [UInt8])] = [
        ("trailing bytes after the question", header() + web + typeA + [1, 2, 3]),
        ("trailing bytes after the OPT", header(ar: 1) + web + typeA + opt() + [9, 9]),
        (
            "an OPT with a cookie option",
            header(ar: 1) + web + typeA + opt(rdata: [0, 10, 0, 8] + Array(repeating: 7, count: 8))
        ),
        ("an option overrunning its OPT", header(ar: 1) + web + typeA + opt(rdata: [0, 10, 0, 9, 1, 2])),
        ("a partial option header", header(ar: 1) + web + typeA + opt(rdata: [0, 10, 0])),
        ("EDNS version 1", header(ar: 1) + web + typeA + opt(ttl: [0, 1, 0, 0])),
        ("EDNS with DO and an extended rcode", header(ar: 1) + web + typeA + opt(ttl: [3, 0, 0x80, 0])),
        ("an OPT owned by a name", header(ar: 1) + web + typeA + opt(owner: name("svc.test."))),
        ("an OPT past the end", header(ar: 1) + web + typeA + Array(opt().prefix(8))),
        ("two OPT records", header(ar: 2) + web + typeA + opt() + opt()),
        (
            "a record in the answer section",
            header(an: 1) + web + typeA + web + [0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4]
        ),
        ("a record in the authority section", header(ns: 1) + web + typeA + opt()),
        (
            "an additional record that is not OPT",
            header(ar: 1) + web + typeA + web + [0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4]
        ),
        ("no question", header(qd: 0)),
        ("two questions", header(qd: 2) + web + typeA + web + typeA),
        ("a response", header(flags: 0x8100) + web + typeA),
        ("opcode NOTIFY", header(flags: 0x2000) + web + typeA),
        ("opcode UPDATE", header(flags: 0x2800) + web + typeA),
        ("class CH", header() + web + [0, 1, 0, 3]),
        ("class ANY", header() + web + [0, 1, 0, 255]),
        ("type ANY", header() + web + [0, 255, 0, 1]),
        ("type AXFR", header() + web + [0, 252, 0, 1]),
        ("type IXFR", header() + web + [0, 251, 0, 1]),
        ("type OPT", header() + web + [0, 41, 0, 1]),
        ("meta type 128", header() + web + [0, 128, 0, 1]),
        ("type 0", header() + web + [0, 0, 0, 1]),
        ("a pointer as the question name", header() + [0xC0, 0x04] + typeA),
        ("a pointer after a label", header() + [3] + Array("web".utf8) + [0xC0, 0x04] + typeA),
        ("a forward pointer", header() + [0xC0, 0x0E] + typeA),
        ("label type 0x40", header() + [0x41] + Array(repeating: 0x61, count: 1) + [0] + typeA),
        ("a 63-octet label", header() + [63] + Array(repeating: 0x61, count: 63) + name("svc.test.") + typeA),
        (
            "a 255-octet name",
            header() + (0..<3).flatMap { _ in [63] + Array(repeating: 0x62, count: 63) } + [61]
                + Array(repeating: 0x63, count: 61) + [0] + typeA
        ),
        (
            "a 256-octet name",
            header() + (0..<3).flatMap { _ in [63] + Array(repeating: 0x62, count: 63) } + [62]
                + Array(repeating: 0x63, count: 62) + [0] + typeA
        ),
        ("a question without its class", header() + web + [0, 1]),
        ("a name without its root", header() + [3] + Array("web".utf8)),
        ("eleven bytes", Array(header().prefix(11))),
        ("a bare header", header()),
        ("AA, TC, AD, Z and CD set, RD clear", header(flags: 0x0670) + web + typeA),
        ("upper case", header() + name("WEB.SVC.TEST.") + typeA),
        ("a UDP size under 512", header(ar: 1) + web + typeA + [0, 0, 41, 0, 100, 0, 0, 0, 0, 0, 0]),
        (
            "a big set with room for 600 octets",
            header(ar: 1) + name("big.svc.test.") + typeA + [0, 0, 41, 0x02, 0x58, 0, 0, 0, 0, 0, 0]
        ),
        ("a name outside every zone", header() + name("example.org.") + typeA),
        ("the root", header() + [0] + typeA),
    ]

    /// Every cut of a whole query, down to the header: a name that ends exactly at the end of
    /// the packet once made the fast path read one octet past it.
    static let truncations: [(String, [UInt8])] = {
        let whole = header(ar: 1) + web + typeA + opt()
        return (12..<whole.count).map { ("the query cut to \($0) octets", Array(whole.prefix($0))) }
            + [("a label ending the packet", header() + [4] + Array("abcd".utf8))]
    }()

    static var all: [[UInt8]] { (cases + truncations).map(\.1) }
    static var descriptions: [String] { (cases + truncations).map(\.0) }
}
