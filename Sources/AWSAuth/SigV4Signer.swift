import Crypto
import Foundation

/// SigV4's hashing steps over swift-crypto: the string to sign, the signing key chain and the
/// signature. Used by the verifier, and by tests to sign requests the way clients do.
public enum SigV4Signer {
    public static func sha256Hex<D: DataProtocol>(_ data: D) -> String {
        hex(SHA256.hash(data: data))
    }

    /// `AWS4-HMAC-SHA256`, the timestamp, the scope, and the hex SHA-256 of the canonical request.
    public static func stringToSign(timestamp: String, scope: String, canonicalRequest: String) -> String {
        [SigV4Authorization.algorithm, timestamp, scope, sha256Hex(Data(canonicalRequest.utf8))]
            .joined(separator: "\n")
    }

    /// HMAC chain from `AWS4` + secret over the date, region, service and `aws4_request`.
    public static func signingKey(secret: String, date: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secret)".utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// Hex HMAC-SHA256 of the string to sign under the signing key.
    public static func signature(stringToSign: String, key: SymmetricKey) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
