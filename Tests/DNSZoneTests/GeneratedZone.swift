import DNSWire

@testable import DNSZone

/// Master-file text for a zone of a few hundred records, made from a seed: owners in mixed case,
/// deep names with empty non-terminals between them, wildcards, delegations, CNAMEs, generic
/// types, duplicates (some differing only in TTL or in the case of names in their data) and sets
/// large enough to be indexed.
enum GeneratedZone {
    static let origin = try! DomainName(parsing: "gen.test.")

    static func text(seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        let owners = [
            "@", "www", "WWW", "Www", "mail", "a.b.c", "A.b.C", "x.y.z.deep", "*.wild", "*", "svc0", "i0.svc0",
            "I1.Svc0", "esc\\.aped", "\\065bc", "sub", "host.sub",
        ]
        var lines = ["$TTL 300", "@ 3600 IN SOA ns1 hostmaster 1 3600 600 86400 60", "@ NS ns1", "ns1 A 10.0.0.53"]
        for index in 0..<300 {
            let owner = pick(owners)
            let ttl = pick(["", "60 ", "120 ", "1h "])
            let record: String
            switch random.next() % 12 {
            case 0, 1, 2: record = "A 10.0.\(random.next() % 4).\(random.next() % 8)"
            case 3: record = "AAAA fd00::\(random.next() % 8)"
            case 4: record = "TXT \"t\(random.next() % 6)\" \(pick(["", "\"more\"", "bare"]))"
            case 5: record = "MX \(random.next() % 3) \(pick(["mail", "MAIL", "Mail.gen.test.", "x.elsewhere."]))"
            case 6: record = "SRV 1 \(random.next() % 2) 80 \(pick(["i0.svc0", "I0.SVC0", "host.sub"]))"
            case 7: record = "TYPE65280 \\# \(pick(["0", "2 abcd", "2 ABCD", "3 010203"]))"
            case 8: record = "A \\# 4 0a00000\(random.next() % 4)"
            case 9:
                // One target per alias, in either case: the second is a duplicate.
                let target = index % 40 % 3 == 0 ? pick(["www", "WWW"]) : "elsewhere\(index % 40).test."
                lines.append("alias\(index % 40) \(ttl)CNAME \(target)")
                continue
            case 10:
                lines.append("big \(ttl)TXT \"item \(random.next() % 12)\"")
                continue
            default: record = "PTR \(pick(["www", "WWW.gen.test."]))"
            }
            lines.append("\(owner) \(ttl)\(record)")
        }
        lines.append("sub NS ns.sub")
        lines.append("ns.sub A 10.0.9.53")
        return lines.joined(separator: "\n") + "\n"
    }
}
