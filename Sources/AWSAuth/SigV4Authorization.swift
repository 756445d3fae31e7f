import Foundation

/// The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request,
/// SignedHeaders=a;b, Signature=hex` header.
public struct SigV4Authorization: Sendable, Equatable {
    public static let algorithm = "AWS4-HMAC-SHA256"

    public let accessKeyID: String
    public let date: String
    public let region: String
    public let service: String
    public let signedHeaders: [String]
    public let signature: String

    /// The credential scope as signed: `DATE/REGION/SERVICE/aws4_request`.
    public var scope: String { "\(date)/\(region)/\(service)/aws4_request" }

    /// Parses the header value; throws `IncompleteSignature` for anything not of that form.
    public init(parsing header: String) throws(SigV4Error) {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix(Self.algorithm + " ") else {
            throw .incompleteSignature("Authorization header requires the \(Self.algorithm) algorithm.")
        }
        var fields: [String: String] = [:]
        for part in trimmed.dropFirst(Self.algorithm.count).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            guard let equals = pair.firstIndex(of: "=") else { continue }
            fields[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        for name in ["Credential", "SignedHeaders", "Signature"] where fields[name, default: ""].isEmpty {
            throw .incompleteSignature("Authorization header requires '\(name)' parameter. Authorization=\(header)")
        }
        let credential = fields["Credential"]!.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard credential.count == 5, credential[4] == "aws4_request", credential.allSatisfy({ !$0.isEmpty }),
            credential[1].count == 8, credential[1].allSatisfy(\.isNumber)
        else {
            throw .incompleteSignature(
                "Credential should be scoped to a valid region and service, as AKID/DATE/REGION/SERVICE/aws4_request.")
        }
        accessKeyID = credential[0]
        date = credential[1]
        region = credential[2]
        service = credential[3]
        signedHeaders = fields["SignedHeaders"]!.split(separator: ";").map { $0.lowercased() }
        signature = fields["Signature"]!.lowercased()
    }
}
