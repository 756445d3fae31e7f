import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Cloud Map transport and error shapes")
struct ErrorShapeTests {
    @Test func errorsAreAwsJsonWithTypeAndMessage() async throws {
        try await withCloudMap { client, _ in
            let response = try await client.call("GetNamespace", #"{"Id": "ns-aaaaaaaaaaaaaaaa"}"#)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/x-amz-json-1.1")
            #expect(Set(response.json.keys) == ["__type", "Message"])
            #expect(response.errorType == "NamespaceNotFound")
            #expect((response.json["Message"] as? String)?.contains("ns-aaaaaaaaaaaaaaaa") == true)
        }
    }

    @Test func anUnknownOrMissingTargetIsUnknownOperation() async throws {
        try await withCloudMap { client, _ in
            let unknown = try await client.call("CreateHttpNamespace", #"{"Name": "x"}"#)
            #expect(unknown.status == .badRequest && unknown.errorType == "UnknownOperationException")
            let missing = try await client.execute(uri: "/", method: .post, body: ByteBuffer(string: "{}"))
            #expect(missing.status == .badRequest && missing.errorType == "UnknownOperationException")
            let otherService = try await client.execute(
                uri: "/", method: .post, headers: [targetHeader: "DynamoDB_20120810.ListTables"],
                body: ByteBuffer(string: "{}"))
            #expect(otherService.errorType == "UnknownOperationException")
        }
    }

    @Test func aMissingRequiredMemberIsInvalidInputNamingIt() async throws {
        try await withCloudMap { client, _ in
            let response = try await client.call("GetNamespace", "{}")
            #expect(response.errorType == "InvalidInput")
            #expect((response.json["Message"] as? String) == "Id is required")
            let nested = try await client.call(
                "CreatePrivateDnsNamespace", #"{"Name": "a.test", "Vpc": "v", "Properties": {"DnsProperties": {}}}"#)
            #expect((nested.json["Message"] as? String) == "Properties.DnsProperties.SOA is required")
        }
    }

    @Test func aBodyThatIsNotTheInputShapeIsASerializationError() async throws {
        try await withCloudMap { client, _ in
            let garbled = try await client.call("ListNamespaces", "{not json")
            #expect(garbled.errorType == "SerializationException")
            let mistyped = try await client.call("ListNamespaces", #"{"MaxResults": "ten"}"#)
            #expect(mistyped.errorType == "SerializationException")
        }
    }

    @Test func anEmptyBodyIsAnEmptyInput() async throws {
        try await withCloudMap { client, _ in
            let response = try await client.call("ListNamespaces", "")
            #expect(response.status == .ok)
            #expect((response.json["Namespaces"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func route53SharesTheRouterUndisturbed() async throws {
        try await withCloudMap { client, _ in
            let zones = try await client.execute(uri: "/2013-04-01/hostedzone", method: .get)
            #expect(zones.status == .ok)
            #expect(zones.text.contains("<ListHostedZonesResponse"))
            let root = try await client.execute(uri: "/", method: .get)
            #expect(root.status == .notFound)
        }
    }
}
