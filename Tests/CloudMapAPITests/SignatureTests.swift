import AWSAuth
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Cloud Map SigV4 signatures")
struct SignatureTests {
    static let credentials = AWSCredentials(secrets: ["AKIDCLOUDMAP": "cloudmap/secret"])

    /// Headers of a `POST /` signed as botocore signs it (host, x-amz-date, x-amz-target),
    /// for `service` in `region`. HummingbirdTesting's router sends `localhost` as the host.
    static func signed(
        _ operation: String, body: String, service: String = "servicediscovery", region: String = "eu-central-1",
        secret: String = "cloudmap/secret", key accessKey: String = "AKIDCLOUDMAP"
    ) -> HTTPFields {
        let now = Date()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let timestamp = formatter.string(from: now)
        let date = String(timestamp.prefix(8))
        let target = "Route53AutoNaming_v20170314.\(operation)"
        let signedHeaders = ["host", "x-amz-date", "x-amz-target"]
        let canonical = CanonicalRequest(
            method: "POST", path: "/", query: nil,
            headers: [("host", "localhost"), ("x-amz-date", timestamp), ("x-amz-target", target)],
            signedHeaders: signedHeaders, payloadHash: SigV4Signer.sha256Hex(Array(body.utf8)))
        let scope = "\(date)/\(region)/\(service)/aws4_request"
        let key = SigV4Signer.signingKey(secret: secret, date: date, region: region, service: service)
        let signature = SigV4Signer.signature(
            stringToSign: SigV4Signer.stringToSign(
                timestamp: timestamp, scope: scope, canonicalRequest: canonical.text),
            key: key)
        return [
            HTTPFields.Element.Name("X-Amz-Date")!: timestamp,
            .authorization:
                "AWS4-HMAC-SHA256 Credential=\(accessKey)/\(scope), SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)",
        ]
    }

    static let create = #"{"Name": "signed.internal", "Vpc": "vpc-1"}"#

    @Test func aSignedRequestIsServedAndItsRegionNamesTheArns() async throws {
        try await withCloudMap(credentials: Self.credentials) { client, _ in
            let created = try await client.call(
                "CreatePrivateDnsNamespace", Self.create,
                headers: Self.signed("CreatePrivateDnsNamespace", body: Self.create))
            #expect(created.status == .ok, "\(created.text)")
            let listed = try await client.call(
                "ListNamespaces", "{}", headers: Self.signed("ListNamespaces", body: "{}"))
            let namespaces = listed.json["Namespaces"] as? [[String: Any]]
            #expect((namespaces?.first?["Arn"] as? String)?.hasPrefix("arn:aws:servicediscovery:eu-central-1:") == true)
        }
    }

    /// AWS's JSON-protocol codes, all 400, not Route 53's 403s.
    @Test func refusalsAreCloudMapJsonWithAWSCodes() async throws {
        try await withCloudMap(credentials: Self.credentials) { client, _ in
            let unsigned = try await client.call("ListNamespaces")
            #expect(unsigned.status == .badRequest && unsigned.errorType == "MissingAuthenticationTokenException")
            let wrongSecret = try await client.call(
                "ListNamespaces", "{}", headers: Self.signed("ListNamespaces", body: "{}", secret: "other"))
            #expect(wrongSecret.status == .badRequest && wrongSecret.errorType == "InvalidSignatureException")
            let altered = try await client.call(
                "ListNamespaces", #"{"MaxResults": 1}"#, headers: Self.signed("ListNamespaces", body: "{}"))
            #expect(altered.errorType == "InvalidSignatureException")
            let stranger = try await client.call(
                "ListNamespaces", "{}", headers: Self.signed("ListNamespaces", body: "{}", key: "AKIDSTRANGER"))
            #expect(stranger.status == .badRequest && stranger.errorType == "UnrecognizedClientException")
            let forRoute53 = try await client.call(
                "ListNamespaces", "{}", headers: Self.signed("ListNamespaces", body: "{}", service: "route53"))
            #expect(forRoute53.status == .badRequest && forRoute53.errorType == "IncompleteSignatureException")
        }
    }

    @Test func withoutCredentialsAnyAuthorizationIsAcceptedUnchecked() async throws {
        try await withCloudMap { client, _ in
            let response = try await client.call(
                "ListNamespaces", "{}", headers: Self.signed("ListNamespaces", body: "{}", secret: "whatever"))
            #expect(response.status == .ok)
        }
    }
}
