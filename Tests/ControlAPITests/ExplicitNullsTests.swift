import Foundation
import Testing

@testable import ControlAPI

@Suite struct ExplicitNullsTests {
    struct Inner: Encodable {
        var note: String?
        var count: UInt32
    }

    struct Outer: Encodable {
        var name: String
        var comment: String?
        var port: Int?
        var inner: Inner
        var list: [Inner]
        var attributes: [String: String]
        var numbers: [Int]
    }

    func encode(_ value: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(ExplicitNulls(value: value))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func nilBecomesNullAtEveryDepth() throws {
        let value = Outer(
            name: "a", comment: nil, port: nil, inner: Inner(note: nil, count: 1), list: [Inner(note: nil, count: 2)],
            attributes: ["k": "v"], numbers: [1, 2])
        let json = try encode(value)
        #expect(json["comment"] is NSNull)
        #expect(json["port"] is NSNull)
        #expect((json["inner"] as? [String: Any])?["note"] is NSNull)
        #expect(((json["list"] as? [[String: Any]])?.first)?["note"] is NSNull)
        #expect(json["attributes"] as? [String: String] == ["k": "v"])
        #expect(json["numbers"] as? [Int] == [1, 2])
    }

    @Test func presentValuesAreUnchanged() throws {
        let value = Outer(
            name: "a", comment: "c", port: 80, inner: Inner(note: "n", count: 1), list: [], attributes: [:],
            numbers: [])
        let plain = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? NSDictionary
        let explicit = try encode(value) as NSDictionary
        #expect(plain == explicit)
    }

    struct Later: Encodable, OmitsNilFields {
        static let fieldsOmittedWhenNil: Set<String> = ["weight"]
        var comment: String?
        var weight: Int?
        var inner: Inner?
    }

    @Test func fieldsATypeListsAreLeftOutWhenNil() throws {
        let json = try encode(Later(comment: nil, weight: nil, inner: Inner(note: nil, count: 1)))
        #expect(json["comment"] is NSNull)
        #expect(!json.keys.contains("weight"))
        // The rule is the nested type's own: Inner lists nothing, so its nil is still null.
        #expect((json["inner"] as? [String: Any])?["note"] is NSNull)
        #expect(try encode(Later(comment: nil, weight: 3, inner: nil))["weight"] as? Int == 3)
    }

    @Test(arguments: [
        ([] as [String], ""),
        (["changes", "#0", "records", "#1"], "changes[0].records[1]"),
        (["soa", "refresh"], "soa.refresh"),
    ])
    func codingPaths(keys: [String], path: String) {
        let codingPath: [any CodingKey] = keys.map { key in
            key.hasPrefix("#") ? TestKey(intValue: Int(key.dropFirst())!)! : TestKey(stringValue: key)!
        }
        #expect(APIError.path(codingPath) == path)
    }

    struct TestKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) {
            self.stringValue = "Index \(intValue)"
            self.intValue = intValue
        }
    }
}
