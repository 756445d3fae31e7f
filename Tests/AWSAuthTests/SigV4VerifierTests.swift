import Foundation
import Testing

@testable import AWSAuth

/// AWS's published get-vanilla vector, and Route 53 requests signed by botocore's SigV4Auth
/// (values computed once with botocore and inlined).
@Suite struct SigV4VerifierTests {
    static let vanilla = AWSCredentials(secrets: ["AKIDEXAMPLE": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"])
    static let shoal = AWSCredentials(secrets: ["AKIASHOALTEST": "s3cr3t/Key+xyz"])
    static let at20261122 = Date(timeIntervalSince1970: 1_795_311_000)  // 2026-11-22T01:30:00Z

    static let changeBody = Array(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">\
        <ChangeBatch><Changes/></ChangeBatch></ChangeResourceRecordSetsRequest>
        """.utf8)

    static func post(signature: String, akid: String = "AKIASHOALTEST") -> [(name: String, value: String)] {
        [
            ("host", "127.0.0.1:8053"), ("Content-Type", "text/xml"), ("X-Amz-Date", "20261122T013000Z"),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=\(akid)/20261122/us-east-1/route53/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=\(signature)"
            ),
        ]
    }

    @Test func getVanillaSignature() {
        let canonical = CanonicalRequest(
            method: "GET", path: "/", query: nil,
            headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
            signedHeaders: ["host", "x-amz-date"], payloadHash: SigV4Signer.sha256Hex([UInt8]()))
        #expect(
            canonical.text
                == "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )
        let key = SigV4Signer.signingKey(
            secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", date: "20150830", region: "us-east-1",
            service: "service")
        let sts = SigV4Signer.stringToSign(
            timestamp: "20150830T123600Z", scope: "20150830/us-east-1/service/aws4_request",
            canonicalRequest: canonical.text)
        #expect(
            SigV4Signer.signature(stringToSign: sts, key: key)
                == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test func verifiesGetVanilla() throws {
        let verifier = SigV4Verifier(credentials: Self.vanilla, service: "service")
        let id = try verifier.verify(
            method: "GET", path: "/", query: nil,
            headers: [
                ("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z"),
                (
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
                ),
            ], body: [], now: Date(timeIntervalSince1970: 1_440_938_160))
        #expect(id == "AKIDEXAMPLE")
    }

    @Test func botocorePostWithEncodedPathAndBody() throws {
        let canonicalURI = CanonicalRequest.canonicalURI("/2013-04-01/hostedzone/Z1%20X/rrset/")
        #expect(canonicalURI == "/2013-04-01/hostedzone/Z1%2520X/rrset/")
        #expect(
            SigV4Signer.sha256Hex(Self.changeBody) == "e60d2cc34cdc9a2be81c6caec01da033d4ba065f9fe21c0db7fc08577693d9c4"
        )
        let verifier = SigV4Verifier(credentials: Self.shoal, service: "route53")
        try verifier.verify(
            method: "POST", path: "/2013-04-01/hostedzone/Z1%20X/rrset/", query: nil,
            headers: Self.post(signature: "97edcb278904ea79b1c62fef28dd8815287b32f7852ff046219fe10d13f2773f"),
            body: Self.changeBody, now: Self.at20261122)
    }

    @Test func botocoreGetWithQueryInAnotherRegion() throws {
        #expect(
            CanonicalRequest.canonicalQuery("type=A&name=www.example.com.&maxitems=2")
                == "maxitems=2&name=www.example.com.&type=A")
        let verifier = SigV4Verifier(credentials: Self.shoal, service: "route53")
        try verifier.verify(
            method: "GET", path: "/2013-04-01/hostedzone/Z1/rrset", query: "type=A&name=www.example.com.&maxitems=2",
            headers: [
                ("host", "127.0.0.1:8053"), ("X-Amz-Date", "20261122T013000Z"),
                (
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIASHOALTEST/20261122/eu-west-1/route53/aws4_request, SignedHeaders=host;x-amz-date, Signature=66b98245c94630eb6a1cfb08325af6c0c0c25acb8f87d5ec67b3b118ecf2bc79"
                ),
            ], body: [], now: Self.at20261122)
    }

    @Test func refusals() {
        let good = "97edcb278904ea79b1c62fef28dd8815287b32f7852ff046219fe10d13f2773f"
        func attempt(
            _ headers: [(name: String, value: String)], body: [UInt8] = Self.changeBody, now: Date = Self.at20261122,
            service: String = "route53"
        ) -> SigV4Error? {
            do {
                try SigV4Verifier(credentials: Self.shoal, service: service).verify(
                    method: "POST", path: "/2013-04-01/hostedzone/Z1%20X/rrset/", query: nil, headers: headers,
                    body: body, now: now)
                return nil
            } catch { return error }
        }
        #expect(attempt(Self.post(signature: good)) == nil)
        #expect(attempt(Self.post(signature: good), body: Self.changeBody + [32])?.code == "SignatureDoesNotMatch")
        #expect(attempt(Self.post(signature: String(good.reversed())))?.code == "SignatureDoesNotMatch")
        #expect(attempt(Self.post(signature: good, akid: "AKIAOTHER"))?.code == "InvalidClientTokenId")
        #expect(attempt(Array(Self.post(signature: good).dropLast()))?.code == "MissingAuthenticationToken")
        #expect(attempt(Self.post(signature: good), service: "servicediscovery")?.code == "IncompleteSignature")
        let late = attempt(Self.post(signature: good), now: Self.at20261122.addingTimeInterval(16 * 60))
        #expect(late?.code == "RequestExpired" && late?.status == 400)
        #expect(attempt(Self.post(signature: good), now: Self.at20261122.addingTimeInterval(14 * 60)) == nil)
        var garbled = Self.post(signature: good)
        garbled[3].value = "AWS4-HMAC-SHA256 Credential=AKIASHOALTEST/20261122/us-east-1/route53/aws4_request"
        #expect(attempt(garbled)?.code == "IncompleteSignature")
        garbled[3].value = "Bearer abc"
        #expect(attempt(garbled)?.code == "IncompleteSignature")
    }

    @Test func canonicalHeadersJoinRepeatsAndSqueezeBlanks() {
        let canonical = CanonicalRequest(
            method: "get", path: "/a/./b/../c", query: "b=2&a=%7e&a=1",
            headers: [("My-Header", "  one   two "), ("my-header", "three"), ("Host", "h")],
            signedHeaders: ["my-header", "host"], payloadHash: "UNSIGNED-PAYLOAD")
        #expect(
            canonical.text
                == "GET\n/a/c\na=1&a=~&b=2\nhost:h\nmy-header:one two,three\n\nmy-header;host\nUNSIGNED-PAYLOAD")
    }
}
