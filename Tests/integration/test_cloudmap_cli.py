"""The aws command line through the rest of Cloud Map's lifecycle (test_cloudmap.py drives
create-namespace, create-service, register-instance, discover-instances and list-operations):
every other operation once, with DNS checked after each change."""

from __future__ import annotations

from api_helpers import answers
from aws_helpers import ask, aws_cli


def sd_cli(server, *args: str):
    return aws_cli(server, "servicediscovery", *args)


def test_awscli_namespace_service_instance_lifecycle(server):
    op = sd_cli(server, "create-private-dns-namespace", "--name", "life.cli.test", "--vpc", "vpc-0life")["OperationId"]
    ns_id = sd_cli(server, "get-operation", "--operation-id", op)["Operation"]["Targets"]["NAMESPACE"]
    namespace = sd_cli(server, "get-namespace", "--id", ns_id)["Namespace"]
    assert namespace["Name"] == "life.cli.test" and namespace["Type"] == "DNS_PRIVATE", namespace
    listed = sd_cli(server, "list-namespaces", "--filters", "Name=TYPE,Values=DNS_PRIVATE,Condition=EQ")["Namespaces"]
    assert ns_id in [n["Id"] for n in listed], listed
    zones = aws_cli(server, "route53", "list-hosted-zones-by-name", "--dns-name", "life.cli.test.")["HostedZones"]
    assert zones[0]["Name"] == "life.cli.test." and zones[0]["Config"]["PrivateZone"] is True, zones

    svc = sd_cli(server, "create-service", "--name", "api", "--namespace-id", ns_id,
                 "--dns-config", "RoutingPolicy=MULTIVALUE,DnsRecords=[{Type=A,TTL=15}]",
                 "--health-check-custom-config", "FailureThreshold=1")["Service"]
    assert sd_cli(server, "get-service", "--id", svc["Id"])["Service"]["Name"] == "api"
    services = sd_cli(server, "list-services", "--filters", f"Name=NAMESPACE_ID,Values={ns_id},Condition=EQ")
    assert [s["Id"] for s in services["Services"]] == [svc["Id"]], services

    for iid, address in [("t1", "10.96.0.1"), ("t2", "10.96.0.2")]:
        sd_cli(server, "register-instance", "--service-id", svc["Id"], "--instance-id", iid,
               "--attributes", f"AWS_INSTANCE_IPV4={address}")
    assert answers(server, "api.life.cli.test") == ["10.96.0.1", "10.96.0.2"]
    got = sd_cli(server, "get-instance", "--service-id", svc["Id"], "--instance-id", "t1")["Instance"]
    assert got["Attributes"]["AWS_INSTANCE_IPV4"] == "10.96.0.1", got
    listed = sd_cli(server, "list-instances", "--service-id", svc["Id"])["Instances"]
    assert sorted(i["Id"] for i in listed) == ["t1", "t2"], listed

    sd_cli(server, "update-instance-custom-health-status", "--service-id", svc["Id"], "--instance-id", "t2",
           "--status", "UNHEALTHY")
    assert answers(server, "api.life.cli.test") == ["10.96.0.1"]
    health = sd_cli(server, "get-instances-health-status", "--service-id", svc["Id"])["Status"]
    assert health == {"t1": "HEALTHY", "t2": "UNHEALTHY"}, health

    for iid in ("t1", "t2"):
        sd_cli(server, "deregister-instance", "--service-id", svc["Id"], "--instance-id", iid)
    assert ask(server, "api.life.cli.test").rcode == "NXDOMAIN"
    sd_cli(server, "delete-service", "--id", svc["Id"])
    assert sd_cli(server, "list-services", "--filters",
                  f"Name=NAMESPACE_ID,Values={ns_id},Condition=EQ")["Services"] == []
    deleted = sd_cli(server, "delete-namespace", "--id", ns_id)["OperationId"]
    assert sd_cli(server, "get-operation", "--operation-id", deleted)["Operation"]["Type"] == "DELETE_NAMESPACE"
    assert ask(server, "api.life.cli.test").rcode == "REFUSED"
