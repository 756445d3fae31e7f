import Crypto
import Foundation

/// Checks a request's SigV4 `Authorization` header against the accepted keys.
public struct SigV4Verifier: Sendable {
    public let credentials: AWSCredentials
    /// The AWS service name the scope must carry (`route53`, `servicediscovery`).
    public let service: String
    /// How far X-Amz-Date may be from the server's clock, as AWS allows.
    public static let allowedSkew: TimeInterval = 15 * 60

    public init(credentials: AWSCredentials, service: String) {
        self.credentials = credentials
        self.service = service
    }

    /// Throws the `SigV4Error` AWS would answer, or returns the access key id that signed.
    /// `headers` are the request's, in order; `body` is the whole body as received.
    @discardableResult
    public func verify(
        method: String, path: String, query: String?, headers: [(name: String, value: String)], body: [UInt8],
        now: Date = Date()
    ) throws(SigV4Error) -> String {
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name }?.value.trimmingCharacters(in: .whitespaces)
        }
        guard let authorization = header("authorization"), !authorization.isEmpty else {
            throw .missingAuthenticationToken
        }
        let auth = try SigV4Authorization(parsing: authorization)
        guard let secret = credentials.secrets[auth.accessKeyID] else { throw .invalidClientTokenId }
        guard auth.service == service else {
            throw .incompleteSignature("Credential should be scoped to correct service: '\(service)'.")
        }
        guard auth.signedHeaders.contains("host") else {
            throw .incompleteSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.")
        }
        guard let timestamp = header("x-amz-date"), let date = Self.parseTimestamp(timestamp) else {
            throw .incompleteSignature(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        guard timestamp.hasPrefix(auth.date) else {
            throw .signatureDoesNotMatch
        }
        if abs(date.timeIntervalSince(now)) > Self.allowedSkew {
            throw .requestExpired(
                "Request timestamp \(timestamp) is more than 15 minutes from the server's time \(Self.formatTimestamp(now))."
            )
        }
        let canonical = CanonicalRequest(
            method: method, path: path, query: query, headers: headers, signedHeaders: auth.signedHeaders,
            payloadHash: header("x-amz-content-sha256") ?? SigV4Signer.sha256Hex(body))
        let stringToSign = SigV4Signer.stringToSign(
            timestamp: timestamp, scope: auth.scope, canonicalRequest: canonical.text)
        let key = SigV4Signer.signingKey(secret: secret, date: auth.date, region: auth.region, service: auth.service)
        let expected = SigV4Signer.signature(stringToSign: stringToSign, key: key)
        guard Self.constantTimeEqual(expected, auth.signature) else { throw .signatureDoesNotMatch }
        return auth.accessKeyID
    }

    /// Compares without stopping at the first difference, so timing tells nothing of the signature.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    /// `YYYYMMDD'T'HHMMSS'Z'` in UTC.
    static func parseTimestamp(_ text: String) -> Date? {
        timestampFormat().date(from: text)
    }

    static func formatTimestamp(_ date: Date) -> String {
        timestampFormat().string(from: date)
    }

    private static func timestampFormat() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter
    }
}
