import Foundation
import Registry
import Route53API
import Testing

@Suite("Cloud Map namespaces")
struct NamespaceTests {
    @Test func aNamespaceIsAPrivateHostedZoneMadeByOneOperation() async throws {
        try await withCloudMap { client, registry in
            let created = try await client.ok(
                "CreatePrivateDnsNamespace",
                #"""
                {"Name": "ecs.internal", "Vpc": "vpc-1", "CreatorRequestId": "req-1", "Description": "tasks",
                 "Properties": {"DnsProperties": {"SOA": {"TTL": 60}}}}
                """#)
            let operationId = try #require(created["OperationId"] as? String)
            let operation = try #require(
                try await client.ok("GetOperation", #"{"OperationId": "\#(operationId)"}"#)["Operation"]
                    as? [String: Any])
            #expect(operation["Type"] as? String == "CREATE_NAMESPACE")
            #expect(operation["Status"] as? String == "SUCCESS")
            let id = "ns-jl6ga2q7wyxlaycg"
            #expect(operation["Targets"] as? [String: String] == ["NAMESPACE": id])
            #expect(operation["CreateDate"] is Double || operation["CreateDate"] is Int)

            let namespace = try #require(
                try await client.ok("GetNamespace", #"{"Id": "\#(id)"}"#)["Namespace"] as? [String: Any])
            #expect(namespace["Name"] as? String == "ecs.internal")
            #expect(namespace["Type"] as? String == "DNS_PRIVATE")
            #expect(namespace["Arn"] as? String == "arn:aws:servicediscovery:us-east-1:123456789012:namespace/\(id)")
            #expect(namespace["Description"] as? String == "tasks")
            #expect(namespace["CreatorRequestId"] as? String == "req-1")
            #expect(namespace["ServiceCount"] as? Int == 0)
            let properties = try #require(namespace["Properties"] as? [String: [String: Any]])
            #expect(properties["DnsProperties"]?["HostedZoneId"] as? String == HostedZoneID.make(zone: "ecs.internal"))
            #expect((properties["DnsProperties"]?["SOA"] as? [String: Int])?["TTL"] == 60)
            #expect(properties["HttpProperties"]?["HttpName"] as? String == "ecs.internal")

            let zone = try await registry.zone(named: "ecs.internal")
            #expect(zone.soa.ttl == 60)
            #expect(zone.metadata["cloudmap.namespaceType"] == "DNS_PRIVATE")
            #expect(zone.metadata["route53.private"] == "true")
            #expect(zone.metadata["route53.callerReference"] == "req-1")
            #expect(zone.metadata["route53.vpcs"] == #"[{"VPCId":"vpc-1","VPCRegion":"us-east-1"}]"#)
        }
    }

    @Test func theSameCreatorRequestIdIsTheSameOperation() async throws {
        try await withCloudMap { client, _ in
            let body = #"{"Name": "a.internal", "Vpc": "vpc-1", "CreatorRequestId": "once"}"#
            let first = try await client.ok("CreatePrivateDnsNamespace", body)
            let again = try await client.ok("CreatePrivateDnsNamespace", body)
            #expect(first["OperationId"] as? String == again["OperationId"] as? String)

            let other = try await client.call(
                "CreatePrivateDnsNamespace", #"{"Name": "b.internal", "Vpc": "vpc-1", "CreatorRequestId": "once"}"#)
            #expect(other.errorType == "DuplicateRequest")
            #expect(other.json["DuplicateOperationId"] as? String == first["OperationId"] as? String)

            let clash = try await client.call(
                "CreatePrivateDnsNamespace", #"{"Name": "a.internal", "Vpc": "vpc-1", "CreatorRequestId": "twice"}"#)
            #expect(clash.errorType == "NamespaceAlreadyExists")
            #expect(clash.json["CreatorRequestId"] as? String == "once")
            #expect((clash.json["NamespaceId"] as? String)?.hasPrefix("ns-") == true)
        }
    }

    @Test func theSameRequestSentTwiceAtOnceGetsOneOperation() async throws {
        try await withCloudMap { client, _ in
            let body = #"{"Name": "race.internal", "Vpc": "vpc-1", "CreatorRequestId": "race"}"#
            async let first = client.ok("CreatePrivateDnsNamespace", body)
            async let second = client.ok("CreatePrivateDnsNamespace", body)
            let (one, two) = try await (first, second)
            #expect(one["OperationId"] as? String == two["OperationId"] as? String)
        }
    }

    @Test func zonesMadeElsewhereAreNotNamespaces() async throws {
        try await withCloudMap { client, registry in
            _ = try await registry.createZone(ZoneSpec(name: "plain.test"))
            let list = try await client.ok("ListNamespaces")
            #expect((list["Namespaces"] as? [Any])?.isEmpty == true)
            let clash = try await client.call("CreatePrivateDnsNamespace", #"{"Name": "plain.test", "Vpc": "vpc-1"}"#)
            #expect(clash.errorType == "NamespaceAlreadyExists")
            #expect(clash.json["NamespaceId"] == nil)
        }
    }

    @Test func listingFiltersAndPages() async throws {
        try await withCloudMap { client, _ in
            for name in ["b.internal", "a.internal", "a.example"] { _ = try await client.namespace(name) }
            func names(_ body: String) async throws -> [String] {
                let output = try await client.ok("ListNamespaces", body)
                return (output["Namespaces"] as? [[String: Any]] ?? []).compactMap { $0["Name"] as? String }
            }
            #expect(try await names("{}") == ["a.example", "a.internal", "b.internal"])
            #expect(
                try await names(#"{"Filters": [{"Name": "NAME", "Values": ["a."], "Condition": "BEGINS_WITH"}]}"#) == [
                    "a.example", "a.internal",
                ])
            #expect(try await names(#"{"Filters": [{"Name": "TYPE", "Values": ["DNS_PUBLIC"]}]}"#) == [])
            #expect(try await names(#"{"Filters": [{"Name": "NAME", "Values": ["B.Internal."]}]}"#) == ["b.internal"])
            #expect(
                try await names(#"{"Filters": [{"Name": "TYPE", "Values": ["DNS_PRIVATE"], "Condition": "EQ"}]}"#).count
                    == 3)

            let first = try await client.ok("ListNamespaces", #"{"MaxResults": 2}"#)
            let token = try #require(first["NextToken"] as? String)
            #expect(try await names(#"{"MaxResults": 2, "NextToken": "\#(token)"}"#) == ["b.internal"])

            let bad = try await client.call("ListNamespaces", #"{"Filters": [{"Name": "NAME", "Values": ["a", "b"]}]}"#)
            #expect(bad.errorType == "InvalidInput")
        }
    }

    @Test func deletingWaitsForItsServicesAndLeavesItsOperation() async throws {
        try await withCloudMap { client, _ in
            let namespace = try await client.namespace("gone.internal")
            let service = try await client.service("web", in: namespace, records: #"[{"Type": "A", "TTL": 10}]"#)
            let busy = try await client.call("DeleteNamespace", #"{"Id": "\#(namespace)"}"#)
            #expect(busy.errorType == "ResourceInUse")
            _ = try await client.ok("DeleteService", #"{"Id": "\#(service)"}"#)
            let deleted = try await client.ok("DeleteNamespace", #"{"Id": "\#(namespace)"}"#)
            let operationId = try #require(deleted["OperationId"] as? String)
            let gone = try await client.call("GetNamespace", #"{"Id": "\#(namespace)"}"#)
            #expect(gone.errorType == "NamespaceNotFound")
            let operation = try await client.ok("GetOperation", #"{"OperationId": "\#(operationId)"}"#)
            #expect((operation["Operation"] as? [String: Any])?["Type"] as? String == "DELETE_NAMESPACE")
            let listed = try await client.ok(
                "ListOperations", #"{"Filters": [{"Name": "NAMESPACE_ID", "Values": ["\#(namespace)"]}]}"#)
            let ids = (listed["Operations"] as? [[String: Any]] ?? []).compactMap { $0["Id"] as? String }
            #expect(ids.first == operationId && ids.count == 2)
        }
    }
}
