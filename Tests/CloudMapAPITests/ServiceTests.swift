import DNSWire
import DNSZone
import Foundation
import Registry
import Testing

/// What DNS answers for `name` and `type` right now, sorted.
func answered(_ registry: Registry, _ name: String, _ type: RRType) throws -> [String] {
    let owner = try DomainName(parsing: name)
    let answer = registry.zones.zone(for: owner)?.answer(name: owner, type: type)
    return (answer?.answer ?? []).filter { $0.rrset.type == type }.flatMap { $0.rrset.rdatas.map(\.description) }
        .sorted()
}

@Suite("Cloud Map services")
struct ServiceTests {
    @Test func aServiceShowsItsDnsConfigAndCustomHealth() async throws {
        try await withCloudMap { client, registry in
            let namespace = try await client.namespace("ecs.internal")
            let output = try await client.ok(
                "CreateService",
                #"""
                {"Name": "web", "NamespaceId": "\#(namespace)", "Description": "front", "CreatorRequestId": "svc-1",
                 "DnsConfig": {"RoutingPolicy": "WEIGHTED", "DnsRecords": [{"Type": "A", "TTL": 5}, {"Type": "SRV", "TTL": 0}]},
                 "HealthCheckCustomConfig": {"FailureThreshold": 1}}
                """#)
            let service = try #require(output["Service"] as? [String: Any])
            let id = try #require(service["Id"] as? String)
            #expect(id.hasPrefix("srv-") && id.count == 20)
            #expect(service["Arn"] as? String == "arn:aws:servicediscovery:us-east-1:123456789012:service/\(id)")
            #expect(service["NamespaceId"] as? String == namespace)
            #expect(service["Type"] as? String == "DNS_HTTP")
            #expect(service["Description"] as? String == "front")
            #expect(service["CreatorRequestId"] as? String == "svc-1")
            #expect(service["HealthCheckCustomConfig"] as? [String: Int] == ["FailureThreshold": 1])
            let dns = try #require(service["DnsConfig"] as? [String: Any])
            #expect(dns["RoutingPolicy"] as? String == "WEIGHTED")
            let records = (dns["DnsRecords"] as? [[String: Any]] ?? []).map { "\($0["Type"] ?? "") \($0["TTL"] ?? "")" }
            #expect(records == ["A 5", "SRV 0"])

            let declared = try await registry.service(zone: "ecs.internal", name: "web")
            #expect(declared.routingPolicy == "WEIGHTED")
            #expect(declared.metadata["cloudmap.customHealth"] == "1")

            let got = try await client.ok("GetService", #"{"Id": "\#(id)"}"#)
            #expect((got["Service"] as? [String: Any])?["Name"] as? String == "web")
            let retried = try await client.ok(
                "CreateService",
                #"{"Name": "web", "NamespaceId": "\#(namespace)", "CreatorRequestId": "svc-1", "DnsConfig": {"DnsRecords": [{"Type": "A", "TTL": 5}]}}"#
            )
            #expect((retried["Service"] as? [String: Any])?["Id"] as? String == id)
            let clash = try await client.call(
                "CreateService",
                #"{"Name": "web", "NamespaceId": "\#(namespace)", "DnsConfig": {"DnsRecords": [{"Type": "A", "TTL": 5}]}}"#
            )
            #expect(clash.errorType == "ServiceAlreadyExists")
            #expect(clash.json["ServiceId"] as? String == id)
        }
    }

    @Test func servicesShoalCannotMakeAreInvalidInput() async throws {
        try await withCloudMap { client, _ in
            let namespace = try await client.namespace("ecs.internal")
            let records = #""DnsConfig": {"DnsRecords": [{"Type": "A", "TTL": 5}]}"#
            for body in [
                #"{"Name": "a", "NamespaceId": "\#(namespace)", \#(records), "HealthCheckConfig": {"Type": "HTTP"}}"#,
                #"{"Name": "b", "NamespaceId": "\#(namespace)", "Type": "HTTP"}"#,
                #"{"Name": "c", "NamespaceId": "\#(namespace)"}"#,
                #"{"Name": "d", \#(records)}"#,
                #"{"Name": "e", "NamespaceId": "\#(namespace)", "DnsConfig": {"RoutingPolicy": "MULTIVALUE", "DnsRecords": [{"Type": "CNAME", "TTL": 5}]}}"#,
                #"{"Name": "f", "NamespaceId": "\#(namespace)", "DnsConfig": {"DnsRecords": [{"Type": "TXT", "TTL": 5}]}}"#,
            ] {
                let response = try await client.call("CreateService", body)
                #expect(response.errorType == "InvalidInput", "\(body): \(response.text)")
            }
            let unknown = try await client.call(
                "CreateService", #"{"Name": "g", "NamespaceId": "ns-aaaaaaaaaaaaaaaa", \#(records)}"#)
            #expect(unknown.errorType == "NamespaceNotFound")
        }
    }

    @Test func listingFiltersByNamespace() async throws {
        try await withCloudMap { client, _ in
            let first = try await client.namespace("one.internal")
            let second = try await client.namespace("two.internal")
            let records = #"[{"Type": "A", "TTL": 5}]"#
            _ = try await client.service("web", in: first, records: records)
            _ = try await client.service("api", in: first, records: records)
            _ = try await client.service("web", in: second, records: records)
            func names(_ body: String) async throws -> [String] {
                let output = try await client.ok("ListServices", body)
                return (output["Services"] as? [[String: Any]] ?? []).compactMap { $0["Name"] as? String }
            }
            #expect(try await names("{}") == ["api", "web", "web"])
            #expect(
                try await names(#"{"Filters": [{"Name": "NAMESPACE_ID", "Values": ["\#(first)"], "Condition": "EQ"}]}"#)
                    == ["api", "web"])
            let page = try await client.ok("ListServices", #"{"MaxResults": 2}"#)
            let token = try #require(page["NextToken"] as? String)
            #expect(try await names(#"{"NextToken": "\#(token)"}"#) == ["web"])
        }
    }
}
