import Foundation
import Registry
import Testing

@testable import Route53API

/// ListResourceRecordSets: Route 53's order (name by labels from the root, type, identifier),
/// pages from StartRecordName/Type/Identifier, and what each set looks like in XML.
@Suite("Route 53 record listing: order, paging, set shapes")
struct RecordPagingTests {
    static func set(_ name: String, _ type: String, id: String? = nil, source: String = "api") -> RecordSetInfo {
        RecordSetInfo(
            name: name, type: type, ttl: 0, records: ["10.0.0.1"], source: source, setIdentifier: id,
            weight: id == nil ? nil : 1)
    }

    static func keys(_ sets: [RecordSetInfo]) -> [String] {
        sets.map { "\($0.name) \($0.type)" + ($0.setIdentifier.map { " \($0)" } ?? "") }
    }

    /// Shuffled on purpose: the order comes from the keys, not from the registry's listing.
    static let zone = [
        set("w.p.test.", "A", id: "c"), set("p.test.", "SOA"), set("w.p.test.", "A", id: "a"),
        set("a.w.p.test.", "A"), set("p.test.", "NS"), set("w.p.test.", "TXT"), set("w.p.test.", "A", id: "b"),
        set("b.p.test.", "SRV", id: "i-1"),
    ]

    @Test func setsSortByNameTypeThenIdentifier() {
        let all = RecordPaging(Self.zone).page(from: nil, maxItems: 100)
        #expect(
            Self.keys(all.sets) == [
                "p.test. NS", "p.test. SOA", "b.p.test. SRV i-1", "w.p.test. A a", "w.p.test. A b", "w.p.test. A c",
                "w.p.test. TXT", "a.w.p.test. A",
            ])
        #expect(all.next == nil)
    }

    @Test func pagesFollowNextRecordNameTypeAndIdentifier() throws {
        let paging = RecordPaging(Self.zone)
        var start: RecordOrder.SetKey?
        var seen: [RecordSetInfo] = []
        var identifiers: [String?] = []
        for _ in 0..<20 {
            let page = paging.page(from: start, maxItems: 2)
            #expect(page.sets.count <= 2)
            seen += page.sets
            guard let next = page.next else { break }
            identifiers.append(next.setIdentifier)
            start = try Route53Handlers.startKey(name: next.name, type: next.type, identifier: next.setIdentifier)
        }
        #expect(Self.keys(seen) == Self.keys(paging.page(from: nil, maxItems: 100).sets))
        #expect(identifiers == ["i-1", "b", nil])
    }

    @Test func startKeyPicksTheFirstSetAtOrAfterIt() throws {
        let paging = RecordPaging(Self.zone)
        let fromB = paging.page(
            from: try Route53Handlers.startKey(name: "w.p.test", type: "A", identifier: "b"), maxItems: 10)
        #expect(Self.keys(fromB.sets).first == "w.p.test. A b")
        let fromType = paging.page(
            from: try Route53Handlers.startKey(name: "W.P.TEST.", type: "a", identifier: nil), maxItems: 1)
        #expect(Self.keys(fromType.sets) == ["w.p.test. A a"] && fromType.next?.setIdentifier == "b")
        let fromName = paging.page(
            from: try Route53Handlers.startKey(name: "c.p.test", type: nil, identifier: nil), maxItems: 1)
        #expect(Self.keys(fromName.sets) == ["w.p.test. A a"])
        let pastEnd = paging.page(
            from: try Route53Handlers.startKey(name: "zz.test", type: nil, identifier: nil), maxItems: 5)
        #expect(pastEnd.sets.isEmpty && pastEnd.next == nil)
    }

    @Test func startParametersFollowRoute53sRules() {
        #expect(throws: Route53Error.self) { try Route53Handlers.startKey(name: nil, type: "A", identifier: nil) }
        #expect(throws: Route53Error.self) { try Route53Handlers.startKey(name: "a.test", type: nil, identifier: "x") }
        #expect(throws: Route53Error.self) { try Route53Handlers.startKey(name: nil, type: nil, identifier: "x") }
        #expect(throws: Route53Error.self) {
            try Route53Handlers.startKey(name: "a.test", type: "NOPE", identifier: nil)
        }
        #expect((try? Route53Handlers.startKey(name: nil, type: nil, identifier: nil)) == .some(nil))
    }

    /// Sets of one name and type from different sources have one key: a page never splits them.
    @Test func pagesDoNotSplitSetsThatShareAKey() {
        let sets = [
            Self.set("a.p.test.", "A"), Self.set("b.p.test.", "A"), Self.set("b.p.test.", "A", source: "instance"),
            Self.set("c.p.test.", "A"),
        ]
        let paging = RecordPaging(sets)
        let first = paging.page(from: nil, maxItems: 2)
        #expect(Self.keys(first.sets) == ["a.p.test. A"] && first.next?.name == "b.p.test.")
        let start = RecordOrder.SetKey(name: "b.p.test.", type: "A", identifier: nil)
        let second = paging.page(from: start, maxItems: 1)
        #expect(second.sets.map(\.source) == ["api", "instance"] && second.next?.name == "c.p.test.")
    }

    @Test func aliasSetsShowTheTargetAndNoTTLOrRecords() throws {
        let alias = RecordSetInfo(
            name: "www.p.test.", type: "A", ttl: 60, records: [], source: "api", setIdentifier: "blue", weight: 3,
            alias: AliasTarget(name: "origin.p.test.", evaluateTargetHealth: nil))
        let shape = ResourceRecordSetShape(alias, zoneID: "ZABC")
        let xml = String(decoding: try Route53XML.encode(shape, root: "ResourceRecordSet"), as: UTF8.self)
        #expect(xml.contains("<SetIdentifier>blue</SetIdentifier>") && xml.contains("<Weight>3</Weight>"))
        #expect(
            xml.contains(
                "<AliasTarget><HostedZoneId>ZABC</HostedZoneId><DNSName>origin.p.test.</DNSName>"
                    + "<EvaluateTargetHealth>false</EvaluateTargetHealth></AliasTarget>"))
        #expect(!xml.contains("<TTL>") && !xml.contains("<ResourceRecords>") && !xml.contains("MultiValueAnswer"))

        let multivalue = RecordSetInfo(
            name: "m.p.test.", type: "A", ttl: 0, records: ["10.0.0.9"], source: "instance", setIdentifier: "i-1",
            multiValue: true, healthy: false)
        let text = String(
            decoding: try Route53XML.encode(ResourceRecordSetShape(multivalue, zoneID: "ZABC"), root: "R"),
            as: UTF8.self)
        #expect(text.contains("<MultiValueAnswer>true</MultiValueAnswer>") && text.contains("<TTL>0</TTL>"))
        #expect(text.contains("<ResourceRecord><Value>10.0.0.9</Value></ResourceRecord>") && !text.contains("Weight"))
    }

    @Test func listingNamesTheNextIdentifierOnlyWhenThereIsOne() throws {
        let response = ListResourceRecordSetsResponse(
            ResourceRecordSets: .init(ResourceRecordSet: []), IsTruncated: true, NextRecordName: "w.p.test.",
            NextRecordType: "A", NextRecordIdentifier: nil, MaxItems: "1")
        let xml = String(
            decoding: try Route53XML.encode(response, root: "ListResourceRecordSetsResponse"), as: UTF8.self)
        #expect(xml.contains("<NextRecordType>A</NextRecordType>") && !xml.contains("NextRecordIdentifier"))
    }
}
