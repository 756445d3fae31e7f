import Foundation
import Hummingbird

/// Path and query parameters of one request, read the way the API documents them.
struct RequestParameters {
    let request: Request
    let context: BasicRequestContext

    /// The path parameter `name` (`:zone`, `:service`, ...), percent-decoded.
    func path(_ name: String) throws -> String {
        guard let raw = context.parameters.get(name) else {
            throw APIError.invalidRequest("missing path parameter '\(name)'", field: name)
        }
        guard raw.contains("%") else { return raw }
        guard let decoded = raw.removingPercentEncoding else {
            throw APIError.invalidRequest("bad percent-escape in \(name) '\(raw)'", field: name)
        }
        return decoded
    }

    /// The query parameter `name` (first occurrence), percent-decoded; nil when absent.
    func query(_ name: String) -> String? {
        request.uri.queryParameters.get(name)
    }

    /// `?NAME=true|false|1|0` (any case); `false` when absent.
    func flag(_ name: String) throws -> Bool {
        guard let value = query(name) else { return false }
        switch value.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError.invalidRequest("\(name) must be true or false, got '\(value)'", field: name)
        }
    }

    /// `Prefer: return=representation` (RFC 7240): the client wants the result in the body of
    /// an answer that is otherwise empty.
    var prefersRepresentation: Bool {
        request.headers[values: .init("Prefer")!].contains { value in
            value.split(separator: ",").contains { preference in
                let token = preference.split(separator: ";").first ?? ""
                return token.trimmingCharacters(in: .whitespaces).lowercased() == "return=representation"
            }
        }
    }

    /// `?NAME=N` with N in `range`; `defaultValue` when absent.
    func integer(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int) throws -> Int {
        guard let value = query(name) else { return defaultValue }
        guard let number = Int(value), range.contains(number) else {
            throw APIError.invalidRequest(
                "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound), got '\(value)'",
                field: name)
        }
        return number
    }
}
