import DNSWire
import Foundation
import Registry
import Testing

@Suite("Cloud Map instances, discovery and health")
struct InstanceTests {
    static let srvAndA = #"[{"Type": "A", "TTL": 10}, {"Type": "SRV", "TTL": 10}]"#
    static let customHealth = #", "HealthCheckCustomConfig": {}"#

    static func register(_ id: String, _ attributes: String, in service: String) -> String {
        #"{"ServiceId": "\#(service)", "InstanceId": "\#(id)", "Attributes": {\#(attributes)}}"#
    }

    @Test func instancesMakeTheServicesRecordsInDNS() async throws {
        try await withCloudMap { client, registry in
            let namespace = try await client.namespace("ecs.internal")
            let service = try await client.service("web", in: namespace, records: Self.srvAndA)
            for (id, address) in [("task1", "10.0.0.1"), ("task2", "10.0.0.2")] {
                let output = try await client.ok(
                    "RegisterInstance",
                    Self.register(id, #""AWS_INSTANCE_IPV4": "\#(address)", "AWS_INSTANCE_PORT": "8080""#, in: service))
                #expect((output["OperationId"] as? String)?.isEmpty == false)
            }
            #expect(try answered(registry, "web.ecs.internal.", .a) == ["10.0.0.1", "10.0.0.2"])
            #expect(
                try answered(registry, "web.ecs.internal.", .srv)
                    == ["1 1 8080 task1.web.ecs.internal.", "1 1 8080 task2.web.ecs.internal."])
            #expect(try answered(registry, "task1.web.ecs.internal.", .a) == ["10.0.0.1"])

            let missing = try await client.call(
                "RegisterInstance", Self.register("task3", #""AWS_INSTANCE_PORT": "80""#, in: service))
            #expect(missing.errorType == "InvalidInput")
            #expect((missing.json["Message"] as? String)?.contains("AWS_INSTANCE_IPV4") == true)
            let badId = try await client.call(
                "RegisterInstance", Self.register("a.b", #""AWS_INSTANCE_IPV4": "10.0.0.3""#, in: service))
            #expect(badId.errorType == "InvalidInput")

            _ = try await client.ok("DeregisterInstance", #"{"ServiceId": "\#(service)", "InstanceId": "task1"}"#)
            #expect(try answered(registry, "web.ecs.internal.", .a) == ["10.0.0.2"])
            let again = try await client.call(
                "DeregisterInstance", #"{"ServiceId": "\#(service)", "InstanceId": "task1"}"#)
            #expect(again.errorType == "InstanceNotFound")
            let busy = try await client.call("DeleteService", #"{"Id": "\#(service)"}"#)
            #expect(busy.errorType == "ResourceInUse")
        }
    }

    @Test func instancesShowTheirAttributesAndPage() async throws {
        try await withCloudMap { client, _ in
            let namespace = try await client.namespace("ecs.internal")
            let service = try await client.service("web", in: namespace, records: Self.srvAndA)
            for index in 1...3 {
                _ = try await client.ok(
                    "RegisterInstance",
                    Self.register(
                        "task\(index)",
                        #""AWS_INSTANCE_IPV4": "10.0.0.\#(index)", "AWS_INSTANCE_PORT": "80", "stage": "blue""#,
                        in: service))
            }
            let got = try await client.ok("GetInstance", #"{"ServiceId": "\#(service)", "InstanceId": "task2"}"#)
            let instance = try #require(got["Instance"] as? [String: Any])
            #expect(instance["Id"] as? String == "task2")
            #expect(
                instance["Attributes"] as? [String: String]
                    == ["AWS_INSTANCE_IPV4": "10.0.0.2", "AWS_INSTANCE_PORT": "80", "stage": "blue"])
            #expect(got["ResourceOwner"] as? String == "123456789012")
            let unknown = try await client.call("GetInstance", #"{"ServiceId": "\#(service)", "InstanceId": "task9"}"#)
            #expect(unknown.errorType == "InstanceNotFound")

            let first = try await client.ok("ListInstances", #"{"ServiceId": "\#(service)", "MaxResults": 2}"#)
            #expect((first["Instances"] as? [[String: Any]])?.compactMap { $0["Id"] as? String } == ["task1", "task2"])
            let token = try #require(first["NextToken"] as? String)
            let rest = try await client.ok("ListInstances", #"{"ServiceId": "\#(service)", "NextToken": "\#(token)"}"#)
            #expect((rest["Instances"] as? [[String: Any]])?.compactMap { $0["Id"] as? String } == ["task3"])
            #expect(rest["NextToken"] == nil)
        }
    }

    @Test func discoveryFiltersByAttributesAndHealth() async throws {
        try await withCloudMap { client, _ in
            let namespace = try await client.namespace("ecs.internal")
            let service = try await client.service(
                "web", in: namespace, records: Self.srvAndA, extra: Self.customHealth)
            for (id, az) in [("a", "1a"), ("b", "1b"), ("c", "1a")] {
                _ = try await client.ok(
                    "RegisterInstance",
                    Self.register(
                        id, #""AWS_INSTANCE_IPV4": "10.0.0.1", "AWS_INSTANCE_PORT": "80", "az": "\#(az)""#, in: service)
                )
            }
            _ = try await client.ok(
                "UpdateInstanceCustomHealthStatus",
                #"{"ServiceId": "\#(service)", "InstanceId": "c", "Status": "UNHEALTHY"}"#)
            func discover(_ extra: String) async throws -> [String] {
                let output = try await client.ok(
                    "DiscoverInstances", #"{"NamespaceName": "ecs.internal", "ServiceName": "web"\#(extra)}"#)
                return (output["Instances"] as? [[String: Any]] ?? []).compactMap { $0["InstanceId"] as? String }
                    .sorted()
            }
            #expect(try await discover("") == ["a", "b"])
            #expect(try await discover(#", "HealthStatus": "ALL""#) == ["a", "b", "c"])
            #expect(try await discover(#", "HealthStatus": "UNHEALTHY""#) == ["c"])
            #expect(try await discover(#", "QueryParameters": {"az": "1a"}, "HealthStatus": "ALL""#) == ["a", "c"])
            #expect(
                try await discover(#", "QueryParameters": {"az": "1b"}, "OptionalParameters": {"az": "1z"}"#) == ["b"])
            #expect(try await discover(#", "MaxResults": 1"#).count == 1)

            let summary = try await client.ok(
                "DiscoverInstances",
                #"{"NamespaceName": "ecs.internal", "ServiceName": "web", "QueryParameters": {"az": "1b"}}"#)
            let only = try #require((summary["Instances"] as? [[String: Any]])?.first)
            #expect(only["NamespaceName"] as? String == "ecs.internal" && only["ServiceName"] as? String == "web")
            #expect(only["HealthStatus"] as? String == "HEALTHY")
            let revision = try #require(summary["InstancesRevision"] as? Int)
            let revisionOnly = try await client.ok(
                "DiscoverInstancesRevision", #"{"NamespaceName": "ecs.internal", "ServiceName": "web"}"#)
            #expect(revisionOnly["InstancesRevision"] as? Int == revision)

            let noService = try await client.call(
                "DiscoverInstances", #"{"NamespaceName": "ecs.internal", "ServiceName": "api"}"#)
            #expect(noService.errorType == "ServiceNotFound")
            let noNamespace = try await client.call(
                "DiscoverInstances", #"{"NamespaceName": "x.internal", "ServiceName": "web"}"#)
            #expect(noNamespace.errorType == "NamespaceNotFound")
        }
    }

    @Test func customHealthTakesAnInstanceOutOfDNSAtOnce() async throws {
        try await withCloudMap { client, registry in
            let namespace = try await client.namespace("ecs.internal")
            let service = try await client.service(
                "web", in: namespace, records: Self.srvAndA, extra: Self.customHealth)
            _ = try await client.ok(
                "RegisterInstance",
                Self.register("a", #""AWS_INSTANCE_IPV4": "10.0.0.1", "AWS_INSTANCE_PORT": "80""#, in: service))
            _ = try await client.ok(
                "RegisterInstance",
                Self.register(
                    "b",
                    #""AWS_INSTANCE_IPV4": "10.0.0.2", "AWS_INSTANCE_PORT": "80", "AWS_INIT_HEALTH_STATUS": "UNHEALTHY""#,
                    in: service))
            #expect(try answered(registry, "web.ecs.internal.", .a) == ["10.0.0.1"])
            _ = try await client.ok(
                "UpdateInstanceCustomHealthStatus",
                #"{"ServiceId": "\#(service)", "InstanceId": "a", "Status": "UNHEALTHY"}"#)
            _ = try await client.ok(
                "UpdateInstanceCustomHealthStatus",
                #"{"ServiceId": "\#(service)", "InstanceId": "b", "Status": "HEALTHY"}"#)
            #expect(try answered(registry, "web.ecs.internal.", .a) == ["10.0.0.2"])
            let status = try await client.ok("GetInstancesHealthStatus", #"{"ServiceId": "\#(service)"}"#)
            #expect(status["Status"] as? [String: String] == ["a": "UNHEALTHY", "b": "HEALTHY"])
            let some = try await client.ok(
                "GetInstancesHealthStatus", #"{"ServiceId": "\#(service)", "Instances": ["b"]}"#)
            #expect(some["Status"] as? [String: String] == ["b": "HEALTHY"])
            let unknown = try await client.call(
                "UpdateInstanceCustomHealthStatus",
                #"{"ServiceId": "\#(service)", "InstanceId": "z", "Status": "HEALTHY"}"#)
            #expect(unknown.errorType == "InstanceNotFound")
        }
    }

    @Test func withoutCustomHealthHealthIsUnknownAndCannotBeSet() async throws {
        try await withCloudMap { client, _ in
            let namespace = try await client.namespace("ecs.internal")
            let service = try await client.service("web", in: namespace, records: #"[{"Type": "A", "TTL": 10}]"#)
            _ = try await client.ok(
                "RegisterInstance", Self.register("a", #""AWS_INSTANCE_IPV4": "10.0.0.1""#, in: service))
            let refused = try await client.call(
                "UpdateInstanceCustomHealthStatus",
                #"{"ServiceId": "\#(service)", "InstanceId": "a", "Status": "UNHEALTHY"}"#)
            #expect(refused.errorType == "CustomHealthNotFound")
            let status = try await client.ok("GetInstancesHealthStatus", #"{"ServiceId": "\#(service)"}"#)
            #expect(status["Status"] as? [String: String] == ["a": "UNKNOWN"])
            let found = try await client.ok(
                "DiscoverInstances",
                #"{"NamespaceName": "ecs.internal", "ServiceName": "web", "HealthStatus": "UNHEALTHY"}"#)
            #expect((found["Instances"] as? [[String: Any]])?.first?["HealthStatus"] as? String == "UNKNOWN")
        }
    }

    @Test func operationsListRegistrationsButNotHealthUpdates() async throws {
        try await withCloudMap { client, registry in
            _ = try await registry.createZone(ZoneSpec(name: "route53.test"))
            let namespace = try await client.namespace("ecs.internal")
            let service = try await client.service(
                "web", in: namespace, records: #"[{"Type": "A", "TTL": 10}]"#, extra: Self.customHealth)
            let registered = try await client.ok(
                "RegisterInstance", Self.register("a", #""AWS_INSTANCE_IPV4": "10.0.0.1""#, in: service))
            _ = try await client.ok(
                "UpdateInstanceCustomHealthStatus",
                #"{"ServiceId": "\#(service)", "InstanceId": "a", "Status": "UNHEALTHY"}"#)
            let deregistered = try await client.ok(
                "DeregisterInstance", #"{"ServiceId": "\#(service)", "InstanceId": "a"}"#)
            func ids(_ filters: String) async throws -> [String] {
                let output = try await client.ok("ListOperations", #"{"Filters": [\#(filters)]}"#)
                return (output["Operations"] as? [[String: Any]] ?? []).compactMap { $0["Id"] as? String }
            }
            let registration = try #require(registered["OperationId"] as? String)
            let deregistration = try #require(deregistered["OperationId"] as? String)
            #expect(
                try await ids(#"{"Name": "SERVICE_ID", "Values": ["\#(service)"]}"#) == [deregistration, registration])
            #expect(try await ids(#"{"Name": "TYPE", "Values": ["REGISTER_INSTANCE"]}"#) == [registration])
            #expect(try await ids("").count == 3)  // the namespace's creation, the registration, the deregistration
            #expect(try await ids(#"{"Name": "STATUS", "Values": ["FAIL"]}"#) == [])

            let operation = try await client.ok("GetOperation", #"{"OperationId": "\#(registration)"}"#)
            let targets = (operation["Operation"] as? [String: Any])?["Targets"] as? [String: String]
            #expect(targets == ["NAMESPACE": namespace, "SERVICE": service, "INSTANCE": "a"])
            let bad = try await client.call("ListOperations", #"{"Filters": [{"Name": "COLOR", "Values": ["x"]}]}"#)
            #expect(bad.errorType == "InvalidInput")
            let garbage = try await client.call("GetOperation", #"{"OperationId": "not-an-id"}"#)
            #expect(garbage.errorType == "OperationNotFound")
            let route53 = try #require(try await registry.changes(zone: "route53.test", limit: 1).first)
            let notOurs = try await client.call("GetOperation", #"{"OperationId": "\#(route53.changeId)"}"#)
            #expect(notOurs.errorType == "OperationNotFound")
        }
    }
}
