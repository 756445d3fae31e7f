import Testing

@testable import Route53API

@Suite("Route 53 ids, names in values, listing order")
struct Route53APITests {
    @Test func hostedZoneIDsAreStableAndShapedLikeRoute53s() {
        let id = HostedZoneID.make(zone: "ecs.internal")
        #expect(id == HostedZoneID.make(zone: "ECS.Internal"))
        #expect(id != HostedZoneID.make(zone: "ecs.internal2"))
        #expect(id.count == 21 && id.first == "Z")
        #expect(id.dropFirst().allSatisfy { NameDigest.alphabet.contains($0) })
        // Pinned: an id must never change between releases, or clients lose their zones.
        #expect(HostedZoneID.make(zone: "example.com") == "ZK5UEMY2OE4KMAXYNBKNT")
    }

    @Test(arguments: [
        ("ZABC", "ZABC"), ("/hostedzone/ZABC", "ZABC"), ("hostedzone/ZABC", "ZABC"), ("/change/C123", "C123"),
        ("%2Fhostedzone%2FZABC", "ZABC"),
    ])
    func idsAreAcceptedWithOrWithoutPrefix(given: String, bare: String) {
        #expect(HostedZoneID.bare(given) == bare)
    }

    @Test(arguments: [
        ("CNAME", "ip-10-0-1-23.ec2.internal", "ip-10-0-1-23.ec2.internal."),
        ("CNAME", "web.example.", "web.example."),
        ("MX", "10 mail.example.org", "10 mail.example.org."),
        ("SRV", "1 2 80 web.example", "1 2 80 web.example."),
        (
            "NAPTR", #"100 10 "S" "SIP+D2U" "!^.*$!sip:a@b!" _sip._udp.example"#,
            #"100 10 "S" "SIP+D2U" "!^.*$!sip:a@b!" _sip._udp.example."#
        ),
        ("TXT", #""hello world""#, #""hello world""#),
        ("A", "10.0.0.1", "10.0.0.1"),
    ])
    func namesInValuesBecomeAbsolute(type: String, value: String, expected: String) {
        #expect(AbsoluteNames.value(value, type: type) == expected)
    }

    @Test func namesSortLabelByLabelFromTheRootThenByType() {
        let names = ["b.aa.test.", "a-b.test.", "aa.test.", "a.zz.test.", "x.aa.test."]
        let sorted = names.sorted { RecordOrder.less((RecordOrder.key($0), "A"), (RecordOrder.key($1), "A")) }
        #expect(sorted == ["a-b.test.", "aa.test.", "b.aa.test.", "x.aa.test.", "a.zz.test."])
        #expect(RecordOrder.less((RecordOrder.key("a.test"), "NS"), (RecordOrder.key("a.test."), "SOA")))
    }

    @Test func setKeysOrderByIdentifierAfterNameAndType() {
        let keys = [
            RecordOrder.SetKey(name: "w.test.", type: "A", identifier: "b"),
            RecordOrder.SetKey(name: "W.test", type: "a", identifier: nil),
            RecordOrder.SetKey(name: "w.test.", type: "A", identifier: "a"),
            RecordOrder.SetKey(name: "a.w.test.", type: "A", identifier: nil),
            RecordOrder.SetKey(name: "w.test.", type: "AAAA", identifier: nil),
        ]
        let sorted = keys.sorted(by: <).map {
            "\($0.labels.reversed().joined(separator: ".")) \($0.type) \($0.identifier)"
        }
        #expect(sorted == ["w.test A ", "w.test A a", "w.test A b", "w.test AAAA ", "a.w.test A "])
    }
}
