import Foundation

/// Why JSONDecoder refused a body it only calls "not valid JSON". Foundation's decoder says that,
/// without a position or a path, both for broken syntax and for a number that does not fit the
/// field (`"ttl": 60.5`, `"port": 1e40`). A second, plain parse tells the two apart: its own
/// error for broken syntax, else the first number no API integer field can hold, with its path.
enum JSONDiagnosis {
    static func diagnose(_ body: Data) -> APIError {
        let tree: Any
        do {
            tree = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        } catch {
            return .invalidJSON("request body is not valid JSON: \(APIError.describe(error))")
        }
        if let (path, number) = firstNonInteger(in: tree, path: "") {
            return .invalidJSON("expected an integer at '\(path)', found \(number)", field: path)
        }
        return .invalidJSON("request body is not valid JSON")
    }

    /// Every number in the API's bodies is an integer (TTLs, ports, leases, SOA timers), so a
    /// fraction or a value beyond 64 bits is what the decoder choked on. Depth-first, in key order.
    static func firstNonInteger(in value: Any, path: String, depth: Int = 0) -> (String, String)? {
        guard depth < 64 else { return nil }  // JSONSerialization nests no deeper than this anyway
        switch value {
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                if let found = firstNonInteger(in: object[key]!, path: child, depth: depth + 1) { return found }
            }
        case let array as [Any]:
            for (index, element) in array.enumerated() {
                if let found = firstNonInteger(in: element, path: "\(path)[\(index)]", depth: depth + 1) {
                    return found
                }
            }
        case is Bool, is String, is NSNull:
            return nil
        case let number as NSNumber:
            if Int64(exactly: number.doubleValue) == nil || number.stringValue.contains(where: { ".eE".contains($0) }) {
                return (path, number.stringValue)
            }
        default:
            return nil
        }
        return nil
    }
}
