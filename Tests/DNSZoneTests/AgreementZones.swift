import DNSWire
import DNSZone
import HotPathMix

@testable import DNSZone

/// Zones and names for comparing the fast path with the general path.
enum AgreementZones {
    static func record(_ owner: String, _ type: RRType, _ rdata: String) -> ResourceRecord {
        ServiceZone.record(owner, type, rdata)
    }

    /// `ServiceZone` plus the cases that stress the fast path: a chain longer than 16, targets
    /// that own answers, an apex MX behind a CNAME, a set whose reply holds too many names.
    static let service: Zone = {
        var records = ServiceZone.records
        records += (0..<18).map { record("c\($0)", .cname, $0 == 17 ? "web" : "c\($0 + 1)") }
        records += [
            record("self", .srv, "0 0 1 self"),
            record("self", .a, "10.1.4.1"),
            record("mx-alias", .cname, "@"),
            record("to-chain", .mx, "5 chain1"),
            record("ns-holder", .txt, "not a cut"),
            record("x.child", .a, "10.1.5.1"),
            record("MiXeD.CaSe", .a, "10.1.6.1"),
            record("mixed.case", .aaaa, "fd01::6:1"),
        ]
        records += (0..<300).map { record("many", .srv, "1 1 80 a\($0).b\($0).far.test.") }
        return Zone(origin: ServiceZone.origin, records: records)
    }()

    /// A zone inside the service zone: its names are answered from here, not from the parent.
    static let child = Zone(
        origin: ServiceZone.name("child"),
        records: [
            record("child", .soa, "ns1.child hostmaster.child 1 3600 600 86400 45"),
            record("child", .ns, "ns1.child"),
            record("ns1.child", .a, "10.1.7.53"),
            record("x.child", .a, "10.1.7.1"),
            record("x.child", .txt, "child"),
        ])

    /// `TestZone` (a wildcard, a cut) with routing-policy and alias sets.
    static let example = PolicyZone.zone([
        PolicyZone.set(
            "pool", .weighted,
            [
                PolicyZone.choice("blue", ["10.8.0.1", "10.8.0.2"]), PolicyZone.choice("green", ["10.8.1.1"]),
            ]),
        PolicyZone.alias("alias-a", to: "www"),
    ])

    /// Every node of `zones`, each also in scrambled case and with a label in front, plus names
    /// that exist nowhere, below no zone, or only as a zone's parent.
    static func names(in zones: ZoneSet) -> [DomainName] {
        var random = SplitMix64(seed: 5)
        var names: [DomainName] = [
            DomainName.root, try! DomainName(parsing: "test."), try! DomainName(parsing: "nothing.invalid."),
        ]
        for zone in zones.zones {
            for node in zone.allNodes {
                let name = node.name
                names.append(name)
                names.append(scrambled(name, &random))
                if let below = name.prepending(label: Array("q\(random.next() % 100)".utf8)) { names.append(below) }
            }
            for index in 0..<12 {
                let labels = (0...Int(random.next() % 3)).map { _ in Array("r\(random.next() % 1000)x\(index)".utf8) }
                names.append(try! DomainName(labels: labels + zone.origin.labels.map(Array.init)))
            }
        }
        return names
    }

    /// `name` with its letters' case flipped at random.
    static func scrambled(_ name: DomainName, _ random: inout SplitMix64) -> DomainName {
        let labels = name.labels.map { label in
            label.map { byte in
                (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") && random.next() % 2 == 0
                    ? byte ^ 0x20 : byte
            }
        }
        return try! DomainName(labels: labels)
    }

    static func query(_ text: String, _ type: RRType, edns: EDNS? = nil) -> [UInt8] {
        query(try! DomainName(parsing: text), type, edns: edns)
    }

    static func query(_ name: DomainName, _ type: RRType, edns: EDNS? = nil) -> [UInt8] {
        var header = Header()
        header.id = 0x5151
        header.recursionDesired = true
        var message = Message(header: header, questions: [Question(name: name, type: type)])
        if let edns { message.additionals = [edns.record] }
        return message.encoded()
    }
}
