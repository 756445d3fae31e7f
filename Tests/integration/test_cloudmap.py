"""Cloud Map (servicediscovery, JSON 1.1 through X-Amz-Target on POST /) against the real
binary, through boto3 and the aws command line: namespaces (each a private hosted zone that
Route 53 lists), services, instances, the records Cloud Map makes as DNS answers them,
DiscoverInstances, operations, custom health (effective in DNS at once), and AWS's errors —
after each refused request, nothing changed in DNS or in any listing.
"""

from __future__ import annotations

import http.client
import json
import re

import botocore.exceptions
import pytest

from aws_helpers import (
    ask,
    ask_many,
    aws_cli,
    create_namespace,
    create_service,
    deregister,
    discover,
    expect_error,
    instance_ids,
    nothing_changes,
    operation,
    records,
    register,
    sd_client,
    sets_at,
    soa_serial,
    values,
    zone_id_by_name,
)
from api_helpers import answers

NS_ID_RE = re.compile(r"^ns-[a-z0-9]{16}$")
SRV_ID_RE = re.compile(r"^srv-[a-z0-9]{16}$")
MISSING_NS = "ns-aaaaaaaaaaaaaaaa"
MISSING_SRV = "srv-aaaaaaaaaaaaaaaa"


def services_in(sd, ns_id: str) -> list[str]:
    filt = [{"Name": "NAMESPACE_ID", "Values": [ns_id], "Condition": "EQ"}]
    return sorted(s["Id"] for s in sd.list_services(Filters=filt)["Services"])


def namespace_ids(sd) -> list[str]:
    out, kw = [], {}
    for _ in range(100):
        r = sd.list_namespaces(**kw)
        out += [n["Id"] for n in r["Namespaces"]]
        if not r.get("NextToken"):
            return sorted(out)
        kw = {"NextToken": r["NextToken"]}
    raise AssertionError("ListNamespaces did not end")


def attrs_by_id(sd, service_id: str) -> dict[str, dict]:
    return {i["Id"]: i["Attributes"] for i in sd.list_instances(ServiceId=service_id)["Instances"]}


# --------------------------------------------------------------------------- namespaces


def test_namespace_is_a_private_hosted_zone(server, sd, r53):
    op_id = sd.create_private_dns_namespace(
        Name="life.cm.test", Vpc="vpc-0life", CreatorRequestId="life-1", Description="made by boto3"
    )["OperationId"]
    op = operation(sd, op_id, "CREATE_NAMESPACE")
    ns_id = op["Targets"]["NAMESPACE"]
    assert NS_ID_RE.match(ns_id), op
    assert op["CreateDate"] and op["UpdateDate"], op

    ns = sd.get_namespace(Id=ns_id)["Namespace"]
    assert ns["Id"] == ns_id and ns["Name"] == "life.cm.test" and ns["Type"] == "DNS_PRIVATE", ns
    assert ns["Arn"].startswith("arn:aws:servicediscovery:") and ns["Arn"].endswith(":namespace/" + ns_id), ns
    assert ns["Description"] == "made by boto3" and ns["CreatorRequestId"] == "life-1", ns
    assert ns["ServiceCount"] == 0 and ns["CreateDate"], ns
    hz = ns["Properties"]["DnsProperties"]["HostedZoneId"]

    # The hosted zone it made: listed by Route 53, private, with the namespace's VPC.
    assert zone_id_by_name(r53, "life.cm.test") == "/hostedzone/" + hz
    got = r53.get_hosted_zone(Id=hz)
    assert got["HostedZone"]["Name"] == "life.cm.test." and got["HostedZone"]["Config"]["PrivateZone"] is True, got
    assert "vpc-0life" in [v["VPCId"] for v in got.get("VPCs", [])], got
    # As in AWS, the zone says which service made it.
    assert got["HostedZone"].get("LinkedService", {}).get("ServicePrincipal") == "servicediscovery.amazonaws.com", got
    assert "/hostedzone/" + hz in [z["Id"] for z in r53.list_hosted_zones()["HostedZones"]]
    soa = ask(server, "life.cm.test", "SOA")
    assert soa.rcode == "NOERROR" and soa.aa, soa
    assert answers(server, "life.cm.test", "SOA"), "dig sees no SOA"

    assert ns_id in namespace_ids(sd)
    listed = next(n for n in sd.list_namespaces()["Namespaces"] if n["Id"] == ns_id)
    assert listed["Name"] == "life.cm.test" and listed["Type"] == "DNS_PRIVATE", listed
    assert listed["Properties"]["DnsProperties"]["HostedZoneId"] == hz, listed

    # Deleting it deletes the zone, for Route 53 and for DNS.
    del_op = sd.delete_namespace(Id=ns_id)["OperationId"]
    op = operation(sd, del_op, "DELETE_NAMESPACE")
    assert op["Targets"]["NAMESPACE"] == ns_id, op
    expect_error("NamespaceNotFound", sd.get_namespace, Id=ns_id)
    expect_error("NoSuchHostedZone", r53.get_hosted_zone, Id=hz)
    assert ns_id not in namespace_ids(sd)
    assert ask(server, "life.cm.test", "SOA").rcode == "REFUSED"
    expect_error("NamespaceNotFound", sd.delete_namespace, Id=ns_id)


def test_list_namespaces_only_namespaces_paged_and_filtered(server, sd, r53):
    ids = {create_namespace(sd, f"n{i}.list.cm.test") for i in range(3)}
    assert all(ask(server, f"n{i}.list.cm.test", "SOA").rcode == "NOERROR" for i in range(3))
    plain = r53.create_hosted_zone(Name="plain.list.cm.test", CallerReference="plain")["HostedZone"]["Id"]
    everything = namespace_ids(sd)
    assert ids <= set(everything)
    # A hosted zone made through Route 53 (and the file zone) is not a namespace.
    names = {n["Name"] for n in sd.list_namespaces()["Namespaces"]}
    assert "plain.list.cm.test" not in names and "static.internal" not in names, names

    seen, kw = [], {}
    for _ in range(50):
        r = sd.list_namespaces(MaxResults=1, **kw)
        assert len(r["Namespaces"]) <= 1, r
        seen += [n["Id"] for n in r["Namespaces"]]
        if not r.get("NextToken"):
            break
        kw = {"NextToken": r["NextToken"]}
    assert sorted(seen) == everything and len(seen) == len(set(seen))
    typed = sd.list_namespaces(Filters=[{"Name": "TYPE", "Values": ["DNS_PRIVATE"], "Condition": "EQ"}])
    assert ids <= {n["Id"] for n in typed["Namespaces"]}
    assert sd.list_namespaces(Filters=[{"Name": "TYPE", "Values": ["HTTP"], "Condition": "EQ"}])["Namespaces"] == []
    assert r53.get_hosted_zone(Id=plain)["HostedZone"]["Name"] == "plain.list.cm.test."


def test_namespace_already_exists(server, sd):
    ns_id = create_namespace(sd, "dup.cm.test")
    with nothing_changes(server, "dup.cm.test", [("dup.cm.test", "SOA")], {"namespaces": lambda: namespace_ids(sd)}):
        err = expect_error("NamespaceAlreadyExists", sd.create_private_dns_namespace, Name="dup.cm.test", Vpc="vpc-0a1b2c3d")
    assert err.get("NamespaceId") == ns_id, err


def test_delete_namespace_with_services_is_resource_in_use(server, sd, r53):
    ns_id = create_namespace(sd, "inuse.cm.test")
    svc = create_service(sd, ns_id, "web", [("A", 10)])
    register(sd, svc["Id"], "i-1", {"AWS_INSTANCE_IPV4": "10.20.0.1"})
    listings = {"namespaces": lambda: namespace_ids(sd), "services": lambda: services_in(sd, ns_id)}
    with nothing_changes(server, "inuse.cm.test", [("web.inuse.cm.test", "A")], listings):
        expect_error("ResourceInUse", sd.delete_namespace, Id=ns_id)
    assert sd.get_namespace(Id=ns_id)["Namespace"]["ServiceCount"] == 1
    # A service with instances is in use too.
    with nothing_changes(server, "inuse.cm.test", [("web.inuse.cm.test", "A")], listings):
        expect_error("ResourceInUse", sd.delete_service, Id=svc["Id"])
    deregister(sd, svc["Id"], "i-1")
    # A declared service without instances still keeps the hosted zone from being deleted.
    with nothing_changes(server, "inuse.cm.test", [("inuse.cm.test", "SOA")], listings):
        expect_error("HostedZoneNotEmpty", r53.delete_hosted_zone, Id=zone_id_by_name(r53, "inuse.cm.test."))
    sd.delete_service(Id=svc["Id"])
    operation(sd, sd.delete_namespace(Id=ns_id)["OperationId"], "DELETE_NAMESPACE")
    assert ask(server, "web.inuse.cm.test").rcode == "REFUSED"


# --------------------------------------------------------------------------- services


def test_create_get_list_delete_services(server, sd):
    ns_id = create_namespace(sd, "svc.cm.test")
    web = sd.create_service(
        Name="web", NamespaceId=ns_id, CreatorRequestId="web-1", Description="the web tier",
        DnsConfig={"RoutingPolicy": "MULTIVALUE", "DnsRecords": [{"Type": "A", "TTL": 10}, {"Type": "SRV", "TTL": 20}]},
        HealthCheckCustomConfig={"FailureThreshold": 1},
    )["Service"]
    assert SRV_ID_RE.match(web["Id"]) and web["Arn"].endswith(":service/" + web["Id"]), web
    assert web["Name"] == "web" and web["NamespaceId"] == ns_id and web["Description"] == "the web tier", web
    assert web["DnsConfig"]["RoutingPolicy"] == "MULTIVALUE", web
    assert web["DnsConfig"]["DnsRecords"] == [{"Type": "A", "TTL": 10}, {"Type": "SRV", "TTL": 20}], web
    assert web["HealthCheckCustomConfig"] == {"FailureThreshold": 1}, web
    assert web["CreatorRequestId"] == "web-1" and web["CreateDate"], web
    v6 = create_service(sd, ns_id, "v6", [("AAAA", 30)], policy="WEIGHTED")
    alias = create_service(sd, ns_id, "legacy", [("CNAME", 300)], policy="WEIGHTED")

    got = sd.get_service(Id=web["Id"])["Service"]
    for key in ("Id", "Arn", "Name", "NamespaceId", "Description", "DnsConfig", "HealthCheckCustomConfig", "CreatorRequestId"):
        assert got[key] == web[key], (key, got)
    assert got["Type"] == "DNS_HTTP", got
    v6_dns = sd.get_service(Id=v6["Id"])["Service"]["DnsConfig"]
    assert (v6_dns["RoutingPolicy"], v6_dns["DnsRecords"]) == ("WEIGHTED", [{"Type": "AAAA", "TTL": 30}]), v6_dns
    assert "HealthCheckCustomConfig" not in sd.get_service(Id=alias["Id"])["Service"]
    assert services_in(sd, ns_id) == sorted([web["Id"], v6["Id"], alias["Id"]])
    assert sd.get_namespace(Id=ns_id)["Namespace"]["ServiceCount"] == 3
    summary = next(s for s in sd.list_services()["Services"] if s["Id"] == web["Id"])
    assert summary["Name"] == "web" and summary["DnsConfig"] == web["DnsConfig"], summary

    seen, kw = [], {}
    for _ in range(20):
        r = sd.list_services(MaxResults=1, Filters=[{"Name": "NAMESPACE_ID", "Values": [ns_id], "Condition": "EQ"}], **kw)
        seen += [s["Id"] for s in r["Services"]]
        if not r.get("NextToken"):
            break
        kw = {"NextToken": r["NextToken"]}
    assert sorted(seen) == services_in(sd, ns_id)

    # No instance, no record: the names do not exist yet.
    assert ask(server, "web.svc.cm.test", "A").rcode == "NXDOMAIN"
    assert ask(server, "web.svc.cm.test", "SRV").rcode == "NXDOMAIN"

    sd.delete_service(Id=alias["Id"])
    expect_error("ServiceNotFound", sd.get_service, Id=alias["Id"])
    expect_error("ServiceNotFound", sd.delete_service, Id=alias["Id"])
    assert services_in(sd, ns_id) == sorted([web["Id"], v6["Id"]])
    assert sd.get_namespace(Id=ns_id)["Namespace"]["ServiceCount"] == 2


def test_service_errors_change_nothing(server, sd):
    ns_id = create_namespace(sd, "bad.cm.test")
    web = create_service(sd, ns_id, "web", [("A", 10)])
    listings = {"services": lambda: services_in(sd, ns_id), "all": lambda: sorted(s["Id"] for s in sd.list_services()["Services"])}
    with nothing_changes(server, "bad.cm.test", [("web.bad.cm.test", "A"), ("cn.bad.cm.test", "CNAME")], listings):
        err = expect_error("ServiceAlreadyExists", create_service, sd, ns_id, "web", [("A", 10)])
        assert err.get("ServiceId") == web["Id"], err
        expect_error("NamespaceNotFound", create_service, sd, MISSING_NS, "web", [("A", 10)])
        # CNAME only with WEIGHTED, and only alone.
        expect_error("InvalidInput", create_service, sd, ns_id, "cn", [("CNAME", 10)], policy="MULTIVALUE")
        expect_error("InvalidInput", create_service, sd, ns_id, "cn", [("CNAME", 10), ("A", 10)], policy="WEIGHTED")
    expect_error("ServiceNotFound", sd.get_service, Id=MISSING_SRV)
    expect_error("NamespaceNotFound", sd.get_namespace, Id=MISSING_NS)
    expect_error("NamespaceNotFound", sd.delete_namespace, Id=MISSING_NS)


# --------------------------------------------------------------------------- instances and DNS


def test_register_a_and_srv_makes_cloud_maps_records(server, sd, r53):
    ns_id = create_namespace(sd, "reg.cm.test")
    web = create_service(sd, ns_id, "web", [("A", 10), ("SRV", 20)])
    op = register(sd, web["Id"], "i-1", {"AWS_INSTANCE_IPV4": "10.30.0.1", "AWS_INSTANCE_PORT": "8080", "az": "use1-az1"})
    assert op["Targets"]["SERVICE"] == web["Id"] and op["Targets"]["INSTANCE"] == "i-1", op
    register(sd, web["Id"], "i-2", {"AWS_INSTANCE_IPV4": "10.30.0.2", "AWS_INSTANCE_PORT": "8081"})

    a = ask(server, "web.reg.cm.test", "A")
    assert a.rcode == "NOERROR" and a.aa and a.rdatas("A") == ["10.30.0.1", "10.30.0.2"] and a.ttls() == {10}, a
    srv = ask(server, "web.reg.cm.test", "SRV")
    assert srv.rdatas("SRV") == ["1 1 8080 i-1.web.reg.cm.test.", "1 1 8081 i-2.web.reg.cm.test."], srv
    assert srv.ttls("SRV") == {20}, srv
    one = ask(server, "i-1.web.reg.cm.test", "A")
    assert one.rdatas("A") == ["10.30.0.1"] and one.ttls() == {20}, one
    assert answers(server, "web.reg.cm.test", "SRV") == srv.rdatas("SRV")  # and dig agrees

    inst = sd.get_instance(ServiceId=web["Id"], InstanceId="i-1")["Instance"]
    assert inst["Id"] == "i-1", inst
    assert inst["Attributes"] == {"AWS_INSTANCE_IPV4": "10.30.0.1", "AWS_INSTANCE_PORT": "8080", "az": "use1-az1"}, inst
    assert attrs_by_id(sd, web["Id"]) == {
        "i-1": {"AWS_INSTANCE_IPV4": "10.30.0.1", "AWS_INSTANCE_PORT": "8080", "az": "use1-az1"},
        "i-2": {"AWS_INSTANCE_IPV4": "10.30.0.2", "AWS_INSTANCE_PORT": "8081"},
    }

    # Route 53 sees the multivalue sets Cloud Map made, one per instance.
    zid = zone_id_by_name(r53, "reg.cm.test")
    a_sets = sets_at(r53, zid, "web.reg.cm.test", "A")
    assert [(s["SetIdentifier"], s.get("MultiValueAnswer"), s["TTL"], values(s)) for s in a_sets] == [
        ("i-1", True, 10, ["10.30.0.1"]),
        ("i-2", True, 10, ["10.30.0.2"]),
    ], a_sets
    srv_sets = sets_at(r53, zid, "web.reg.cm.test", "SRV")
    assert [(s["SetIdentifier"], s["TTL"], values(s)) for s in srv_sets] == [
        ("i-1", 20, ["1 1 8080 i-1.web.reg.cm.test."]),
        ("i-2", 20, ["1 1 8081 i-2.web.reg.cm.test."]),
    ], srv_sets
    assert [(s["SetIdentifier"], values(s)) for s in sets_at(r53, zid, "i-2.web.reg.cm.test", "A")] == [("i-2", ["10.30.0.2"])]

    # Registering again replaces the instance whole.
    register(sd, web["Id"], "i-1", {"AWS_INSTANCE_IPV4": "10.30.0.11", "AWS_INSTANCE_PORT": "9090"})
    assert records(server, "web.reg.cm.test") == ["10.30.0.11", "10.30.0.2"]
    assert records(server, "web.reg.cm.test", "SRV") == ["1 1 8081 i-2.web.reg.cm.test.", "1 1 9090 i-1.web.reg.cm.test."]
    assert records(server, "i-1.web.reg.cm.test") == ["10.30.0.11"]
    assert sd.get_instance(ServiceId=web["Id"], InstanceId="i-1")["Instance"]["Attributes"] == {
        "AWS_INSTANCE_IPV4": "10.30.0.11", "AWS_INSTANCE_PORT": "9090"}

    op = deregister(sd, web["Id"], "i-2")
    assert op["Targets"]["INSTANCE"] == "i-2" and op["Targets"]["SERVICE"] == web["Id"], op
    assert records(server, "web.reg.cm.test") == ["10.30.0.11"]
    assert records(server, "web.reg.cm.test", "SRV") == ["1 1 9090 i-1.web.reg.cm.test."]
    assert ask(server, "i-2.web.reg.cm.test").rcode == "NXDOMAIN"
    assert instance_ids(sd, web["Id"]) == ["i-1"]
    expect_error("InstanceNotFound", sd.get_instance, ServiceId=web["Id"], InstanceId="i-2")
    deregister(sd, web["Id"], "i-1")
    assert ask(server, "web.reg.cm.test").rcode == "NXDOMAIN"
    assert sets_at(r53, zid, "web.reg.cm.test") == []


def test_ipv6_and_weighted(server, sd, r53):
    ns_id = create_namespace(sd, "six.cm.test")
    svc = create_service(sd, ns_id, "api", [("A", 15), ("AAAA", 25)], policy="WEIGHTED")
    register(sd, svc["Id"], "i-1", {"AWS_INSTANCE_IPV4": "10.40.0.1", "AWS_INSTANCE_IPV6": "fd00::1"})
    register(sd, svc["Id"], "i-2", {"AWS_INSTANCE_IPV4": "10.40.0.2", "AWS_INSTANCE_IPV6": "fd00::2"})
    # Weighted: one instance per answer, both over many answers.
    seen = {"A": set(), "AAAA": set()}
    for rtype, ttl in (("A", 15), ("AAAA", 25)):
        for r in ask_many(server, "api.six.cm.test", rtype, 60):
            assert r.rcode == "NOERROR" and len(r.rdatas(rtype)) == 1 and r.ttls() == {ttl}, r
            seen[rtype].add(r.rdatas(rtype)[0])
    assert seen == {"A": {"10.40.0.1", "10.40.0.2"}, "AAAA": {"fd00::1", "fd00::2"}}
    zid = zone_id_by_name(r53, "six.cm.test")
    aaaa = sets_at(r53, zid, "api.six.cm.test", "AAAA")
    assert [(s["SetIdentifier"], s["Weight"], s["TTL"], values(s)) for s in aaaa] == [
        ("i-1", 1, 25, ["fd00::1"]), ("i-2", 1, 25, ["fd00::2"])], aaaa
    assert sd.get_instance(ServiceId=svc["Id"], InstanceId="i-2")["Instance"]["Attributes"] == {
        "AWS_INSTANCE_IPV4": "10.40.0.2", "AWS_INSTANCE_IPV6": "fd00::2"}

    # An IPv6-only service with an SRV record: the instance's AAAA at its own name.
    v6 = create_service(sd, ns_id, "grpc", [("AAAA", 5), ("SRV", 6)])
    register(sd, v6["Id"], "g-1", {"AWS_INSTANCE_IPV6": "fd00::10", "AWS_INSTANCE_PORT": "50051"})
    assert records(server, "grpc.six.cm.test", "AAAA") == ["fd00::10"]
    assert records(server, "grpc.six.cm.test", "SRV") == ["1 1 50051 g-1.grpc.six.cm.test."]
    assert records(server, "g-1.grpc.six.cm.test", "AAAA") == ["fd00::10"]
    assert ask(server, "grpc.six.cm.test", "A").answer == []


def test_cname_service(server, sd):
    ns_id = create_namespace(sd, "cname.cm.test")
    svc = create_service(sd, ns_id, "db", [("CNAME", 45)], policy="WEIGHTED")
    register(sd, svc["Id"], "primary", {"AWS_INSTANCE_CNAME": "db-1.example.com"})
    r = ask(server, "db.cname.cm.test", "CNAME")
    assert r.rdatas("CNAME") == ["db-1.example.com."] and r.ttls() == {45}, r
    assert answers(server, "db.cname.cm.test", "CNAME") == ["db-1.example.com."]
    register(sd, svc["Id"], "replica", {"AWS_INSTANCE_CNAME": "db-2.example.com."})
    seen = set()
    for r in ask_many(server, "db.cname.cm.test", "CNAME", 60):
        assert len(r.rdatas("CNAME")) == 1, r
        seen |= set(r.rdatas("CNAME"))
    assert seen == {"db-1.example.com.", "db-2.example.com."}
    deregister(sd, svc["Id"], "primary")
    assert records(server, "db.cname.cm.test", "CNAME") == ["db-2.example.com."]


def test_register_errors_change_nothing(server, sd):
    ns_id = create_namespace(sd, "rerr.cm.test")
    web = create_service(sd, ns_id, "web", [("A", 10), ("SRV", 10)])
    six = create_service(sd, ns_id, "six", [("AAAA", 10)])
    cn = create_service(sd, ns_id, "cn", [("CNAME", 10)], policy="WEIGHTED")
    register(sd, web["Id"], "i-1", {"AWS_INSTANCE_IPV4": "10.50.0.1", "AWS_INSTANCE_PORT": "80"})
    queries = [("web.rerr.cm.test", "A"), ("web.rerr.cm.test", "SRV"), ("i-9.web.rerr.cm.test", "A"),
               ("six.rerr.cm.test", "AAAA"), ("cn.rerr.cm.test", "CNAME")]
    listings = {s: (lambda sid=sid: attrs_by_id(sd, sid)) for s, sid in (("web", web["Id"]), ("six", six["Id"]), ("cn", cn["Id"]))}
    with nothing_changes(server, "rerr.cm.test", queries, listings):
        # SRV needs a port; A needs an IPv4; AAAA an IPv6; CNAME a name.
        expect_error("InvalidInput", register, sd, web["Id"], "i-9", {"AWS_INSTANCE_IPV4": "10.50.0.9"})
        expect_error("InvalidInput", register, sd, web["Id"], "i-9", {"AWS_INSTANCE_IPV4": "10.50.0.300", "AWS_INSTANCE_PORT": "80"})
        expect_error("InvalidInput", register, sd, web["Id"], "i-9", {"AWS_INSTANCE_IPV4": "10.50.0.9", "AWS_INSTANCE_PORT": "http"})
        expect_error("InvalidInput", register, sd, six["Id"], "s-1", {"AWS_INSTANCE_IPV4": "10.50.0.9"})
        expect_error("InvalidInput", register, sd, cn["Id"], "c-1", {"AWS_INSTANCE_IPV4": "10.50.0.9"})
        # Replacing i-1 with a bad registration keeps the old one.
        expect_error("InvalidInput", register, sd, web["Id"], "i-1", {"AWS_INSTANCE_IPV4": "not-an-ip", "AWS_INSTANCE_PORT": "80"})
        expect_error("ServiceNotFound", register, sd, MISSING_SRV, "i-9", {"AWS_INSTANCE_IPV4": "10.50.0.9"})
        expect_error("InstanceNotFound", sd.deregister_instance, ServiceId=web["Id"], InstanceId="i-9")
        expect_error("ServiceNotFound", sd.deregister_instance, ServiceId=MISSING_SRV, InstanceId="i-1")
        expect_error("InstanceNotFound", sd.get_instance, ServiceId=web["Id"], InstanceId="i-9")
        expect_error("ServiceNotFound", sd.get_instance, ServiceId=MISSING_SRV, InstanceId="i-1")
        expect_error("ServiceNotFound", sd.list_instances, ServiceId=MISSING_SRV)
    assert records(server, "web.rerr.cm.test") == ["10.50.0.1"]


def test_list_instances_pages(server, sd):
    ns_id = create_namespace(sd, "pages.cm.test")
    svc = create_service(sd, ns_id, "web", [("A", 10)])
    want = sorted(f"t-{i}" for i in range(7))
    for i, iid in enumerate(want):
        register(sd, svc["Id"], iid, {"AWS_INSTANCE_IPV4": f"10.60.0.{i + 1}"})
    seen, kw = [], {}
    for _ in range(20):
        r = sd.list_instances(ServiceId=svc["Id"], MaxResults=2, **kw)
        assert len(r["Instances"]) <= 2, r
        seen += [i["Id"] for i in r["Instances"]]
        if not r.get("NextToken"):
            break
        kw = {"NextToken": r["NextToken"]}
    assert sorted(seen) == want and len(seen) == len(want)
    assert records(server, "web.pages.cm.test") == [f"10.60.0.{i + 1}" for i in range(7)]
    paged = sd.get_paginator("list_instances").paginate(ServiceId=svc["Id"], PaginationConfig={"PageSize": 3})
    assert sorted(i["Id"] for p in paged for i in p["Instances"]) == want


# --------------------------------------------------------------------------- DiscoverInstances


def test_discover_instances(server, sd):
    ns_id = create_namespace(sd, "disc.cm.test")
    svc = create_service(sd, ns_id, "web", [("A", 10)], custom_health=True)
    for iid, ip, az, ver in (("a-1", "10.70.0.1", "a", "1"), ("a-2", "10.70.0.2", "a", "2"), ("b-1", "10.70.0.3", "b", "1")):
        register(sd, svc["Id"], iid, {"AWS_INSTANCE_IPV4": ip, "az": az, "version": ver})

    r = sd.discover_instances(NamespaceName="disc.cm.test", ServiceName="web", HealthStatus="ALL")
    assert isinstance(r["InstancesRevision"], int), r
    got = {i["InstanceId"]: i for i in r["Instances"]}
    assert sorted(got) == ["a-1", "a-2", "b-1"], r
    assert got["a-2"]["NamespaceName"] == "disc.cm.test" and got["a-2"]["ServiceName"] == "web", got
    assert got["a-2"]["HealthStatus"] == "HEALTHY", got
    assert got["a-2"]["Attributes"] == {"AWS_INSTANCE_IPV4": "10.70.0.2", "az": "a", "version": "2"}, got

    def ids(**kw):
        return sorted(i["InstanceId"] for i in discover(sd, "disc.cm.test", "web", **kw))

    assert ids(QueryParameters={"az": "a"}, HealthStatus="ALL") == ["a-1", "a-2"]
    assert ids(QueryParameters={"az": "a", "version": "1"}, HealthStatus="ALL") == ["a-1"]
    assert ids(QueryParameters={"az": "c"}, HealthStatus="ALL") == []
    # Optional parameters narrow when something matches them, and are dropped when nothing does.
    assert ids(QueryParameters={"az": "a"}, OptionalParameters={"version": "2"}, HealthStatus="ALL") == ["a-2"]
    assert ids(QueryParameters={"az": "b"}, OptionalParameters={"version": "2"}, HealthStatus="ALL") == ["b-1"]
    assert len(ids(MaxResults=2, HealthStatus="ALL")) == 2
    assert len(ids(MaxResults=1, HealthStatus="ALL")) == 1

    revision = r["InstancesRevision"]
    sd.update_instance_custom_health_status(ServiceId=svc["Id"], InstanceId="a-1", Status="UNHEALTHY")
    assert ids(HealthStatus="HEALTHY") == ["a-2", "b-1"]
    assert ids(HealthStatus="UNHEALTHY") == ["a-1"]
    assert ids(HealthStatus="ALL") == ["a-1", "a-2", "b-1"]
    assert ids(HealthStatus="HEALTHY_OR_ELSE_ALL") == ["a-2", "b-1"]
    assert records(server, "web.disc.cm.test") == ["10.70.0.2", "10.70.0.3"]
    states = {i["InstanceId"]: i["HealthStatus"] for i in discover(sd, "disc.cm.test", "web", HealthStatus="ALL")}
    assert states == {"a-1": "UNHEALTHY", "a-2": "HEALTHY", "b-1": "HEALTHY"}
    for iid in ("a-2", "b-1"):
        sd.update_instance_custom_health_status(ServiceId=svc["Id"], InstanceId=iid, Status="UNHEALTHY")
    assert ids(HealthStatus="HEALTHY") == []
    assert ids(HealthStatus="HEALTHY_OR_ELSE_ALL") == ["a-1", "a-2", "b-1"]  # failing open

    register(sd, svc["Id"], "c-1", {"AWS_INSTANCE_IPV4": "10.70.0.9"})
    later = sd.discover_instances(NamespaceName="disc.cm.test", ServiceName="web", HealthStatus="ALL")
    assert later["InstancesRevision"] > revision, (revision, later["InstancesRevision"])

    expect_error("NamespaceNotFound", sd.discover_instances, NamespaceName="nowhere.cm.test", ServiceName="web")
    expect_error("ServiceNotFound", sd.discover_instances, NamespaceName="disc.cm.test", ServiceName="nothing")


def test_discover_without_health_checks_returns_all(sd):
    ns_id = create_namespace(sd, "nohc.cm.test")
    svc = create_service(sd, ns_id, "web", [("A", 10)])
    register(sd, svc["Id"], "i-1", {"AWS_INSTANCE_IPV4": "10.71.0.1"})
    for status in ("HEALTHY", "ALL", "HEALTHY_OR_ELSE_ALL"):
        found = discover(sd, "nohc.cm.test", "web", HealthStatus=status)
        assert [i["InstanceId"] for i in found] == ["i-1"], (status, found)
        # AWS reports UNKNOWN for a service without health checking (botocore's
        # servicediscovery examples-1.json, DiscoverInstances).
        assert found[0]["HealthStatus"] == "UNKNOWN", found


def test_discover_with_any_host_header(server, sd):
    """What boto3 sends by default (Host: data-...): served all the same."""
    ns_id = create_namespace(sd, "host.cm.test")
    svc = create_service(sd, ns_id, "web", [("A", 10)])
    register(sd, svc["Id"], "i-1", {"AWS_INSTANCE_IPV4": "10.72.0.1"})
    conn = http.client.HTTPConnection(*server.http, timeout=15)
    body = json.dumps({"NamespaceName": "host.cm.test", "ServiceName": "web"}).encode()
    conn.request("POST", "/", body=body, headers={
        "Host": "data-servicediscovery.us-east-1.amazonaws.com",
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "Route53AutoNaming_v20170314.DiscoverInstances",
        "Authorization": "AWS4-HMAC-SHA256 Credential=x/20240101/us-east-1/servicediscovery/aws4_request, "
                         "SignedHeaders=host;x-amz-date, Signature=00",
        "X-Amz-Date": "20240101T000000Z",
    })
    resp = conn.getresponse()
    data = resp.read()
    assert resp.status == 200, data
    assert [i["InstanceId"] for i in json.loads(data)["Instances"]] == ["i-1"]

    conn.request("POST", "/", body=b'{"Id": "ns-aaaaaaaaaaaaaaaa"}', headers={
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "Route53AutoNaming_v20170314.GetNamespace",
    })
    resp = conn.getresponse()
    err = json.loads(resp.read())
    assert resp.status == 400 and err["__type"].split("#")[-1] == "NamespaceNotFound", err
    assert resp.getheader("Content-Type", "").startswith("application/x-amz-json-1.1")
    conn.close()


def test_unknown_operation_is_a_json_error(server, sd):
    conn = http.client.HTTPConnection(*server.http, timeout=15)
    conn.request("POST", "/", body=b"{}", headers={
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "Route53AutoNaming_v20170314.NoSuchOperation",
    })
    resp = conn.getresponse()
    err = json.loads(resp.read())
    conn.close()
    assert resp.status == 400 and err["__type"].split("#")[-1] == "UnknownOperationException", err
    # An operation of the model that Shoal does not serve: a client error boto3 parses, no 5xx.
    with pytest.raises(botocore.exceptions.ClientError) as info:
        sd.create_http_namespace(Name="http-only")
    assert 400 <= info.value.response["ResponseMetadata"]["HTTPStatusCode"] < 500, info.value.response


# --------------------------------------------------------------------------- health


def test_custom_health_is_effective_in_dns_at_once(server, sd):
    ns_id = create_namespace(sd, "health.cm.test")
    svc = create_service(sd, ns_id, "web", [("A", 10), ("SRV", 10)], custom_health=True)
    ips = {f"h-{i}": f"10.80.0.{i}" for i in range(1, 4)}
    for iid, ip in ips.items():
        register(sd, svc["Id"], iid, {"AWS_INSTANCE_IPV4": ip, "AWS_INSTANCE_PORT": "80"})
    name = "web.health.cm.test"
    assert records(server, name) == sorted(ips.values())
    status = sd.get_instances_health_status(ServiceId=svc["Id"])["Status"]
    assert status == {iid: "HEALTHY" for iid in ips}, status

    r = sd.update_instance_custom_health_status(ServiceId=svc["Id"], InstanceId="h-2", Status="UNHEALTHY")
    assert set(r) == {"ResponseMetadata"}, r  # no output members
    for reply in ask_many(server, name, "A", 10):
        assert reply.rdatas("A") == ["10.80.0.1", "10.80.0.3"], reply
    assert records(server, name, "SRV") == ["1 1 80 h-1.web.health.cm.test.", "1 1 80 h-3.web.health.cm.test."]
    assert answers(server, name) == ["10.80.0.1", "10.80.0.3"]
    assert sd.get_instances_health_status(ServiceId=svc["Id"])["Status"] == {"h-1": "HEALTHY", "h-2": "UNHEALTHY", "h-3": "HEALTHY"}
    assert sd.get_instances_health_status(ServiceId=svc["Id"], Instances=["h-2"])["Status"] == {"h-2": "UNHEALTHY"}

    # Every instance unhealthy: all are answered (failing open).
    for iid in ("h-1", "h-3"):
        sd.update_instance_custom_health_status(ServiceId=svc["Id"], InstanceId=iid, Status="UNHEALTHY")
    assert records(server, name) == sorted(ips.values())
    sd.update_instance_custom_health_status(ServiceId=svc["Id"], InstanceId="h-3", Status="HEALTHY")
    assert records(server, name) == ["10.80.0.3"]
    assert records(server, name, "SRV") == ["1 1 80 h-3.web.health.cm.test."]
    # The same status again is accepted and changes nothing in DNS.
    sd.update_instance_custom_health_status(ServiceId=svc["Id"], InstanceId="h-3", Status="HEALTHY")
    assert records(server, name) == ["10.80.0.3"]


def test_all_unhealthy_answers_up_to_eight(server, sd):
    ns_id = create_namespace(sd, "eight.cm.test")
    svc = create_service(sd, ns_id, "web", [("A", 10)], custom_health=True)
    ips = {f"e-{i}": f"10.81.0.{i}" for i in range(1, 13)}
    for iid, ip in ips.items():
        register(sd, svc["Id"], iid, {"AWS_INSTANCE_IPV4": ip})
    for reply in ask_many(server, "web.eight.cm.test", "A", 20):
        got = reply.rdatas("A")
        assert len(got) == 8 and len(set(got)) == 8 and set(got) <= set(ips.values()), reply
    for iid in ips:
        sd.update_instance_custom_health_status(ServiceId=svc["Id"], InstanceId=iid, Status="UNHEALTHY")
    seen = set()
    for reply in ask_many(server, "web.eight.cm.test", "A", 40):
        got = reply.rdatas("A")
        assert len(got) == 8 and len(set(got)) == 8 and set(got) <= set(ips.values()), reply
        seen |= set(got)
    assert seen == set(ips.values())  # random among all twelve
    statuses = sd.get_instances_health_status(ServiceId=svc["Id"], MaxResults=5)
    assert len(statuses["Status"]) == 5 and statuses.get("NextToken"), statuses


def test_weighted_service_never_answers_an_unhealthy_instance(server, sd):
    ns_id = create_namespace(sd, "wh.cm.test")
    svc = create_service(sd, ns_id, "web", [("A", 10)], policy="WEIGHTED", custom_health=True)
    for i in (1, 2):
        register(sd, svc["Id"], f"w-{i}", {"AWS_INSTANCE_IPV4": f"10.82.0.{i}"})
    sd.update_instance_custom_health_status(ServiceId=svc["Id"], InstanceId="w-1", Status="UNHEALTHY")
    for reply in ask_many(server, "web.wh.cm.test", "A", 40):
        assert reply.rdatas("A") == ["10.82.0.2"], reply
    # None healthy: chosen among all.
    sd.update_instance_custom_health_status(ServiceId=svc["Id"], InstanceId="w-2", Status="UNHEALTHY")
    seen = set()
    for reply in ask_many(server, "web.wh.cm.test", "A", 40):
        assert len(reply.rdatas("A")) == 1, reply
        seen |= set(reply.rdatas("A"))
    assert seen == {"10.82.0.1", "10.82.0.2"}


def test_initial_health_status(server, sd):
    ns_id = create_namespace(sd, "init.cm.test")
    svc = create_service(sd, ns_id, "web", [("A", 0)], custom_health=True)
    register(sd, svc["Id"], "up", {"AWS_INSTANCE_IPV4": "10.83.0.1"})
    register(sd, svc["Id"], "down", {"AWS_INSTANCE_IPV4": "10.83.0.2", "AWS_INIT_HEALTH_STATUS": "UNHEALTHY"})
    assert sd.get_instances_health_status(ServiceId=svc["Id"])["Status"] == {"up": "HEALTHY", "down": "UNHEALTHY"}
    r = ask(server, "web.init.cm.test")
    assert r.rdatas("A") == ["10.83.0.1"] and r.ttls() == {0}, r  # TTL 0 as declared


def test_health_errors_change_nothing(server, sd):
    ns_id = create_namespace(sd, "herr.cm.test")
    plain = create_service(sd, ns_id, "plain", [("A", 10)])
    checked = create_service(sd, ns_id, "checked", [("A", 10)], custom_health=True)
    register(sd, plain["Id"], "p-1", {"AWS_INSTANCE_IPV4": "10.84.0.1"})
    register(sd, checked["Id"], "c-1", {"AWS_INSTANCE_IPV4": "10.84.0.2"})
    queries = [("plain.herr.cm.test", "A"), ("checked.herr.cm.test", "A")]
    listings = {"health": lambda: sd.get_instances_health_status(ServiceId=checked["Id"])["Status"]}
    with nothing_changes(server, "herr.cm.test", queries, listings):
        expect_error("CustomHealthNotFound", sd.update_instance_custom_health_status,
                     ServiceId=plain["Id"], InstanceId="p-1", Status="UNHEALTHY")
        expect_error("InstanceNotFound", sd.update_instance_custom_health_status,
                     ServiceId=checked["Id"], InstanceId="c-9", Status="UNHEALTHY")
        expect_error("ServiceNotFound", sd.update_instance_custom_health_status,
                     ServiceId=MISSING_SRV, InstanceId="c-1", Status="UNHEALTHY")
        expect_error("ServiceNotFound", sd.get_instances_health_status, ServiceId=MISSING_SRV)
        expect_error("InstanceNotFound", sd.get_instances_health_status, ServiceId=checked["Id"], Instances=["c-9"])


# --------------------------------------------------------------------------- operations


def test_operations(server, sd, r53):
    ns_op = sd.create_private_dns_namespace(Name="ops.cm.test", Vpc="vpc-0ops")["OperationId"]
    ns_id = operation(sd, ns_op, "CREATE_NAMESPACE")["Targets"]["NAMESPACE"]
    svc = create_service(sd, ns_id, "web", [("A", 10)], custom_health=True)
    other = create_service(sd, ns_id, "api", [("A", 10)])
    reg1 = register(sd, svc["Id"], "i-1", {"AWS_INSTANCE_IPV4": "10.90.0.1"})["Id"]
    reg2 = register(sd, svc["Id"], "i-2", {"AWS_INSTANCE_IPV4": "10.90.0.2"})["Id"]
    reg3 = register(sd, other["Id"], "i-3", {"AWS_INSTANCE_IPV4": "10.90.0.3"})["Id"]
    assert records(server, "web.ops.cm.test") == ["10.90.0.1", "10.90.0.2"]
    assert records(server, "api.ops.cm.test") == ["10.90.0.3"]
    dereg = deregister(sd, svc["Id"], "i-2")
    assert records(server, "web.ops.cm.test") == ["10.90.0.1"]
    assert dereg["Targets"]["SERVICE"] == svc["Id"] and dereg["Targets"]["INSTANCE"] == "i-2", dereg
    # A health update is no operation in ListOperations, nor is a Route 53 change in the zone.
    sd.update_instance_custom_health_status(ServiceId=svc["Id"], InstanceId="i-1", Status="UNHEALTHY")
    r53_change = r53.change_resource_record_sets(HostedZoneId=zone_id_by_name(r53, "ops.cm.test"), ChangeBatch={
        "Changes": [{"Action": "CREATE", "ResourceRecordSet": {"Name": "txt.ops.cm.test.", "Type": "TXT", "TTL": 60,
                                                              "ResourceRecords": [{"Value": '"not cloud map"'}]}}]})
    assert records(server, "txt.ops.cm.test", "TXT") == ['"not cloud map"']

    def listed(*filters) -> list[dict]:
        out, kw = [], {}
        for _ in range(100):
            r = sd.list_operations(MaxResults=2, Filters=list(filters), **kw)
            assert len(r["Operations"]) <= 2, r
            out += r["Operations"]
            if not r.get("NextToken"):
                return out
            kw = {"NextToken": r["NextToken"]}
        raise AssertionError("ListOperations did not end")

    by_ns = listed({"Name": "NAMESPACE_ID", "Values": [ns_id], "Condition": "EQ"})
    assert sorted(o["Id"] for o in by_ns) == sorted([ns_op, reg1, reg2, reg3, dereg["Id"]]), by_ns
    assert {o["Status"] for o in by_ns} == {"SUCCESS"}
    by_svc = listed({"Name": "SERVICE_ID", "Values": [svc["Id"]], "Condition": "EQ"})
    assert sorted(o["Id"] for o in by_svc) == sorted([reg1, reg2, dereg["Id"]]), by_svc
    regs = listed({"Name": "NAMESPACE_ID", "Values": [ns_id], "Condition": "EQ"},
                  {"Name": "TYPE", "Values": ["REGISTER_INSTANCE"], "Condition": "IN"})
    assert sorted(o["Id"] for o in regs) == sorted([reg1, reg2, reg3]), regs
    assert ns_op in [o["Id"] for o in listed({"Name": "STATUS", "Values": ["SUCCESS"], "Condition": "EQ"})]
    assert listed({"Name": "NAMESPACE_ID", "Values": [ns_id], "Condition": "EQ"},
                  {"Name": "STATUS", "Values": ["FAIL"], "Condition": "EQ"}) == []

    expect_error("OperationNotFound", sd.get_operation, OperationId="CAAAAAAAAAAAAA")
    expect_error("OperationNotFound", sd.get_operation, OperationId=r53_change["ChangeInfo"]["Id"].split("/")[-1])
    expect_error("OperationNotFound", sd.get_operation, OperationId="no-such-operation")


# --------------------------------------------------------------------------- restart


def test_ids_and_instances_survive_a_restart(api_servers):
    s = api_servers.start()
    sd = sd_client(s)
    ns_id = create_namespace(sd, "keep.cm.test")
    svc = create_service(sd, ns_id, "web", [("A", 10), ("SRV", 20)], custom_health=True, Description="kept")
    register(sd, svc["Id"], "i-1", {"AWS_INSTANCE_IPV4": "10.91.0.1", "AWS_INSTANCE_PORT": "80", "team": "blue"})
    register(sd, svc["Id"], "i-2", {"AWS_INSTANCE_IPV4": "10.91.0.2", "AWS_INSTANCE_PORT": "80"})
    sd.update_instance_custom_health_status(ServiceId=svc["Id"], InstanceId="i-2", Status="UNHEALTHY")

    s2 = api_servers.restart(s)
    sd = sd_client(s2)
    assert sd.get_namespace(Id=ns_id)["Namespace"]["Name"] == "keep.cm.test"
    got = sd.get_service(Id=svc["Id"])["Service"]
    assert got["Description"] == "kept" and got["DnsConfig"] == svc["DnsConfig"], got
    assert got["HealthCheckCustomConfig"] == {"FailureThreshold": 1}, got
    assert sd.get_instance(ServiceId=svc["Id"], InstanceId="i-1")["Instance"]["Attributes"]["team"] == "blue"
    assert sd.get_instances_health_status(ServiceId=svc["Id"])["Status"] == {"i-1": "HEALTHY", "i-2": "UNHEALTHY"}
    assert records(s2, "web.keep.cm.test") == ["10.91.0.1"]
    assert records(s2, "web.keep.cm.test", "SRV") == ["1 1 80 i-1.web.keep.cm.test."]


# --------------------------------------------------------------------------- aws command line


def test_awscli_servicediscovery(server, sd):
    op = aws_cli(server, "servicediscovery", "create-private-dns-namespace", "--name", "cli.cm.test",
                 "--vpc", "vpc-0cli", "--description", "from the aws command line")["OperationId"]
    got = aws_cli(server, "servicediscovery", "get-operation", "--operation-id", op)["Operation"]
    assert got["Status"] == "SUCCESS" and got["Type"] == "CREATE_NAMESPACE", got
    ns_id = got["Targets"]["NAMESPACE"]
    assert soa_serial(server, "cli.cm.test") >= 1

    svc = aws_cli(server, "servicediscovery", "create-service", "--name", "web", "--namespace-id", ns_id,
                  "--dns-config", "RoutingPolicy=MULTIVALUE,DnsRecords=[{Type=A,TTL=30},{Type=SRV,TTL=30}]",
                  "--health-check-custom-config", "FailureThreshold=1")["Service"]
    assert svc["DnsConfig"]["DnsRecords"] == [{"Type": "A", "TTL": 30}, {"Type": "SRV", "TTL": 30}], svc

    reg = aws_cli(server, "servicediscovery", "register-instance", "--service-id", svc["Id"], "--instance-id", "task-1",
                  "--attributes", "AWS_INSTANCE_IPV4=10.95.0.1,AWS_INSTANCE_PORT=8080,stage=prod")
    assert sd.get_operation(OperationId=reg["OperationId"])["Operation"]["Status"] == "SUCCESS"
    assert answers(server, "web.cli.cm.test") == ["10.95.0.1"]
    assert answers(server, "web.cli.cm.test", "SRV") == ["1 1 8080 task-1.web.cli.cm.test."]

    # DiscoverInstances goes to data-<host> unless host prefixes are off (docs/aws.md).
    found = aws_cli(server, "servicediscovery", "discover-instances", "--namespace-name", "cli.cm.test",
                    "--service-name", "web", "--query-parameters", "stage=prod",
                    env={"AWS_DISABLE_HOST_PREFIX_INJECTION": "true"})["Instances"]
    assert [(i["InstanceId"], i["Attributes"]["AWS_INSTANCE_IPV4"]) for i in found] == [("task-1", "10.95.0.1")], found

    ops = aws_cli(server, "servicediscovery", "list-operations", "--filters",
                  f"Name=NAMESPACE_ID,Values={ns_id},Condition=EQ")["Operations"]
    assert sorted(o["Id"] for o in ops) == sorted([op, reg["OperationId"]]), ops

    p = aws_cli(server, "servicediscovery", "get-service", "--id", MISSING_SRV, check=False)
    assert p.returncode != 0 and "ServiceNotFound" in p.stderr, p.stderr


# --------------------------------------------------------------------------- signatures


CREDENTIALS = "[default]\naws_access_key_id = AKIASHOALCM\naws_secret_access_key = cm/Secret+Key\n"


def test_signatures_with_aws_credentials(api_servers, tmp_path):
    """With --aws-credentials, Cloud Map requests are verified. AWS's JSON-protocol services
    refuse a wrong secret with InvalidSignatureException and an unknown key with
    UnrecognizedClientException, both HTTP 400 (not the 403 SignatureDoesNotMatch /
    InvalidClientTokenId of Route 53's XML protocol)."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    creds = tmp_path / "credentials"
    creds.write_text(CREDENTIALS)
    s = api_servers.start(extra=["--aws-credentials", str(creds)])
    good = sd_client(s, "AKIASHOALCM", "cm/Secret+Key")
    ns_id = create_namespace(good, "signed.cm.test")
    svc = create_service(good, ns_id, "web", [("A", 10)])
    register(good, svc["Id"], "i-1", {"AWS_INSTANCE_IPV4": "10.96.0.1"})
    assert records(s, "web.signed.cm.test") == ["10.96.0.1"]

    bad = sd_client(s, "AKIASHOALCM", "not-the-secret")
    stranger = sd_client(s, "AKIAUNKNOWN", "whatever")
    with nothing_changes(s, "signed.cm.test", [("web.signed.cm.test", "A")],
                         {"instances": lambda: instance_ids(good, svc["Id"])}, samples=1):
        err = expect_error("InvalidSignatureException", bad.register_instance, ServiceId=svc["Id"], InstanceId="i-2",
                           Attributes={"AWS_INSTANCE_IPV4": "10.96.0.2"}, http_status=400)
        assert err["Error"]["Message"].startswith("The request signature we calculated does not match"), err
        expect_error("UnrecognizedClientException", stranger.list_namespaces, http_status=400)

    # DiscoverInstances as boto3 sends it by default: to data-<host>, signed for that Host.
    host = "data-servicediscovery.us-east-1.amazonaws.com"
    body = json.dumps({"NamespaceName": "signed.cm.test", "ServiceName": "web"})
    req = AWSRequest(method="POST", url=f"http://{host}/", data=body, headers={
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "Route53AutoNaming_v20170314.DiscoverInstances"})
    SigV4Auth(Credentials("AKIASHOALCM", "cm/Secret+Key"), "servicediscovery", "us-east-1").add_auth(req)
    headers = dict(req.headers.items())
    headers["Host"] = host
    conn = http.client.HTTPConnection(*s.http, timeout=15)
    conn.request("POST", "/", body=body.encode(), headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    assert resp.status == 200, data
    assert [i["InstanceId"] for i in json.loads(data)["Instances"]] == ["i-1"]
