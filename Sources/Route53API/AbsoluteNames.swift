/// Route 53 writes every domain name inside a value as absolute, with or without the trailing
/// dot (`ip-10-0-1-23.ec2.internal`), while the registry reads a name without the dot as
/// relative to the zone. This adds the dot to the name fields of the types that hold names.
enum AbsoluteNames {
    /// Which blank-separated field holds a name, per type; `-1` is the last field.
    static let nameField: [String: Int] = [
        "CNAME": 0, "NS": 0, "PTR": 0, "DNAME": 0, "MX": 1, "SVCB": 1, "HTTPS": 1, "SRV": 3, "NAPTR": -1,
    ]

    static func value(_ text: String, type: String) -> String {
        guard let field = nameField[type.uppercased()] else { return text }
        let ranges = words(text)
        let position = field < 0 ? ranges.count + field : field
        guard ranges.indices.contains(position) else { return text }
        let range = ranges[position]
        let word = text[range]
        guard !word.hasSuffix("."), !word.hasPrefix("\"") else { return text }
        var result = text
        result.insert(".", at: range.upperBound)
        return result
    }

    /// Ranges of blank-separated words; a quoted word (NAPTR's regexp) runs to its closing quote.
    static func words(_ text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == " " || text[index] == "\t" {
                index = text.index(after: index)
                continue
            }
            let start = index
            var quoted = text[index] == "\""
            if quoted { index = text.index(after: index) }
            while index < text.endIndex {
                let character = text[index]
                if quoted && character == "\\" {
                    index = text.index(after: index)
                    if index < text.endIndex { index = text.index(after: index) }
                    continue
                }
                if quoted && character == "\"" {
                    quoted = false
                } else if !quoted && (character == " " || character == "\t") {
                    break
                }
                index = text.index(after: index)
            }
            ranges.append(start..<index)
        }
        return ranges
    }
}
