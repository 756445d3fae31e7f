import Hummingbird

/// The API's endpoints as data: the router is built from it, and it tells an unknown path
/// (404 NotFound) from a known path asked with a method it does not take (405 MethodNotAllowed).
struct RouteTable: Sendable {
    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    struct Route: Sendable {
        let method: HTTPRequest.Method
        /// Hummingbird syntax: `/v1/zones/:zone`.
        let path: String
        let handler: Handler
    }

    private(set) var routes: [Route] = []

    mutating func add(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        routes.append(Route(method: method, path: path, handler: handler))
    }

    /// The methods some route takes at `path`, in table order; empty for an unknown path.
    func methods(at path: String) -> [HTTPRequest.Method] {
        let segments = Self.segments(path)
        var methods: [HTTPRequest.Method] = []
        for route in routes where Self.matches(Self.segments(route.path), segments) {
            if !methods.contains(route.method) { methods.append(route.method) }
        }
        return methods
    }

    /// Segments as Hummingbird's trie sees them: split on `/`, empty segments dropped.
    static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    static func matches(_ pattern: [Substring], _ segments: [Substring]) -> Bool {
        guard pattern.count == segments.count else { return false }
        return zip(pattern, segments).allSatisfy { expected, actual in
            expected.hasPrefix(":") || expected == actual
        }
    }
}
