/// Why a request's signature was refused, as AWS names it: each API renders it in its own
/// error shape (Route 53's XML, Cloud Map's JSON). Codes and statuses follow AWS's common errors.
public struct SigV4Error: Error, Sendable, Equatable {
    public let status: Int
    public let code: String
    public let message: String

    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static let missingAuthenticationToken = SigV4Error(
        status: 403, code: "MissingAuthenticationToken",
        message: "The request must contain either a valid (registered) AWS access key ID or X.509 certificate.")

    public static let invalidClientTokenId = SigV4Error(
        status: 403, code: "InvalidClientTokenId", message: "The security token included in the request is invalid.")

    public static func incompleteSignature(_ message: String) -> SigV4Error {
        SigV4Error(status: 403, code: "IncompleteSignature", message: message)
    }

    public static let signatureDoesNotMatch = SigV4Error(
        status: 403, code: "SignatureDoesNotMatch",
        message:
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
    )

    /// AWS documents RequestExpired with HTTP 400 for a date stamp more than 15 minutes off.
    public static func requestExpired(_ message: String) -> SigV4Error {
        SigV4Error(status: 400, code: "RequestExpired", message: message)
    }
}
