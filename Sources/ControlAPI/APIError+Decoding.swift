import Foundation

extension APIError {
    /// `InvalidJSON` for a body JSONDecoder refused: the message says what was wrong and where,
    /// `field` is the JSON path of the offending value (`changes[0].ttl`), nil for malformed JSON.
    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            let path = Self.path(context.codingPath + [key])
            self = .invalidJSON("missing field '\(path)'", field: path)
        case .typeMismatch(let type, let context) where context.codingPath.isEmpty:
            let found = Self.foundKind(context.debugDescription).map { ", found \($0)" } ?? ""
            self = .invalidJSON("expected the request body to be \(Self.kind(of: type))\(found)")
        case .typeMismatch(let type, let context):
            let path = Self.path(context.codingPath)
            let found = Self.foundKind(context.debugDescription).map { ", found \($0)" } ?? ""
            self = .invalidJSON("expected \(Self.kind(of: type)) at '\(path)'\(found)", field: path.nilIfEmpty)
        case .valueNotFound(let type, let context):
            let path = Self.path(context.codingPath)
            self = .invalidJSON("expected \(Self.kind(of: type)) at '\(path)', found null", field: path.nilIfEmpty)
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            let detail = context.underlyingError.map { ": \(Self.describe($0))" } ?? ""
            self = .invalidJSON("request body is not valid JSON\(detail)")
        case .dataCorrupted(let context):
            let path = Self.path(context.codingPath)
            self = .invalidJSON("invalid value at '\(path)': \(context.debugDescription)", field: path)
        @unknown default:
            self = .invalidJSON("request body does not decode: \(error)")
        }
    }

    /// `changes[0].records[1]`: keys joined with dots, array positions in brackets.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path
    }

    /// The JSON kind a Swift type decodes from, in words.
    static func kind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is any BinaryInteger.Type: return "an integer"
        case is any BinaryFloatingPoint.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array<") || name.hasPrefix("[") { return "an array" }
            return "an object"
        }
    }

    /// Foundation says "Expected to decode String but found number instead." (or "found bool",
    /// "found a dictionary"); this gives the JSON kind in the API's words: "a number".
    static func foundKind(_ debugDescription: String) -> String? {
        guard let start = debugDescription.range(of: "but found "),
            let end = debugDescription.range(of: " instead", range: start.upperBound..<debugDescription.endIndex)
        else { return nil }
        var found = debugDescription[start.upperBound..<end.lowerBound].lowercased()
        for article in ["a ", "an "] where found.hasPrefix(article) { found.removeFirst(article.count) }
        switch found {
        case "": return nil
        case "number", "string": return "a \(found)"
        case "bool", "boolean": return "a boolean"
        case "array", "unkeyed container": return "an array"
        case "dictionary", "object", "keyed container": return "an object"
        case "null", "nil": return "null"
        default: return found
        }
    }

    /// The parser's own words ("Unexpected character 'x' around line 1, column 1."), without Cocoa noise.
    static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let debug = nsError.userInfo["NSDebugDescription"] as? String { return debug }
        return "\(error)"
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
