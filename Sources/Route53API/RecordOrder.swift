/// Route 53's listing order: names compared label by label from the root (`com`, `example`,
/// `www`), lowercased, then record type, then set identifier (none first).
enum RecordOrder {
    typealias Key = ([String], String)

    /// Where a set sits in a listing; also where a page starts (`name`, `type`, `identifier`).
    struct SetKey: Equatable {
        var labels: [String]
        var type: String
        var identifier: String

        init(name: String, type: String, identifier: String?) {
            labels = RecordOrder.key(name)
            self.type = type.uppercased()
            self.identifier = identifier ?? ""
        }

        static func < (a: SetKey, b: SetKey) -> Bool {
            if a.labels != b.labels { return a.labels.lexicographicallyPrecedes(b.labels) }
            if a.type != b.type { return a.type < b.type }
            return a.identifier < b.identifier
        }
    }

    static func key(_ name: String) -> [String] {
        let trimmed = name.hasSuffix(".") ? name.dropLast() : Substring(name)
        return trimmed.lowercased().split(separator: ".", omittingEmptySubsequences: false).reversed().map(String.init)
    }

    static func less(_ a: Key, _ b: Key) -> Bool {
        if a.0 != b.0 { return a.0.lexicographicallyPrecedes(b.0) }
        return a.1 < b.1
    }

    /// Route 53 names are always absolute, with or without the trailing dot.
    static func absolute(_ name: String) -> String {
        name.hasSuffix(".") ? name : name + "."
    }
}
