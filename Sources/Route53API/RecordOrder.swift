/// Route 53's listing order: names compared label by label from the root (`com`, `example`,
/// `www`), lowercased, then record type.
enum RecordOrder {
    typealias Key = ([String], String)

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
