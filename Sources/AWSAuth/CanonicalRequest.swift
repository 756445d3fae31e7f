/// The SigV4 canonical request of an HTTP request as it arrived, built the way botocore's
/// `SigV4Auth.canonical_request` builds it for every service but S3.
public struct CanonicalRequest: Sendable {
    public let method: String
    /// The path as sent (still percent-encoded), e.g. `/2013-04-01/hostedzone/Z1/rrset/`.
    public let path: String
    /// The query as sent, without `?`; nil or empty when there is none.
    public let query: String?
    /// Every header of the request, in order; a name may appear more than once.
    public let headers: [(name: String, value: String)]
    public let signedHeaders: [String]
    /// Hex SHA-256 of the body, or the client's X-Amz-Content-Sha256.
    public let payloadHash: String

    public init(
        method: String, path: String, query: String?, headers: [(name: String, value: String)],
        signedHeaders: [String], payloadHash: String
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.signedHeaders = signedHeaders
        self.payloadHash = payloadHash
    }

    /// The six lines: method, URI, query, headers (ending in a blank line), signed names, payload.
    public var text: String {
        [
            method.uppercased(), Self.canonicalURI(path), Self.canonicalQuery(query ?? ""),
            canonicalHeaders + "\n", signedHeaders.joined(separator: ";"), payloadHash,
        ].joined(separator: "\n")
    }

    /// `name:value` lines for the signed headers, sorted; repeated headers join with commas and
    /// runs of blanks shrink to one, as the spec's Trimall asks.
    var canonicalHeaders: String {
        signedHeaders.sorted().map { name in
            let values = headers.filter { $0.name.lowercased() == name }.map { header in
                header.value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            }
            return "\(name):\(values.joined(separator: ","))"
        }.joined(separator: "\n")
    }

    /// Non-S3 services encode the path twice: the client encodes each segment once to send it,
    /// and the signer encodes the result again, so the path as sent is encoded once more here
    /// (after removing `.` and `..` segments, as botocore does).
    static func canonicalURI(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        var segments: [Substring] = []
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() where index > 0 || !part.isEmpty {
            if part == "." { continue }
            if part == ".." {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(part)
        }
        var normalized = "/" + segments.joined(separator: "/")
        if path.hasSuffix("/") && !normalized.hasSuffix("/") { normalized += "/" }
        return uriEncode(normalized, keepSlash: true)
    }

    /// Pairs split on `&` and `=`, decoded then encoded again the way AWS wants (so `%7e` and `~`
    /// agree), sorted by name then value.
    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: true).map { pair -> (String, String) in
            let equals = pair.firstIndex(of: "=")
            let name = equals.map { pair[..<$0] } ?? pair[...]
            let value = equals.map { pair[pair.index(after: $0)...] } ?? ""
            return (uriEncode(percentDecode(name), keepSlash: false), uriEncode(percentDecode(value), keepSlash: false))
        }
        return pairs.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map { "\($0)=\($1)" }
            .joined(separator: "&")
    }

    /// Percent-encodes every byte but the unreserved `A-Z a-z 0-9 - _ . ~` (and `/` when asked).
    static func uriEncode(_ text: String, keepSlash: Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out.append("/")
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// `%XX` to bytes; a `%` not followed by two hex digits stays as it is. `+` stays `+`.
    static func percentDecode<S: StringProtocol>(_ text: S) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
