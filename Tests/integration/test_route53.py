"""Route 53 REST-XML API (2013-04-01) on the --http server, through boto3 and the aws
command line against the real binary: hosted zones (caller references, private zones and
their VPCs), simple, weighted, multivalue and alias record sets, Route 53's listing order and
paging by identifier, changes (zone creation and deletion included), AWS's error codes and
messages, and what DNS answers after every change.

How weighted and multivalue answers are distributed is test_route53_policies.py's; the agent
replays are test_aws_agents.py's.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import boto3
import botocore.exceptions
import pytest

from api_helpers import STATIC_ZONE, answers, soa_serial, status
from aws_helpers import aws_cli, create_namespace, sd_client

ZONE_ID_RE = re.compile(r"^/hostedzone/Z[A-Z2-7]{20}$")
CHANGE_ID_RE = re.compile(r"^/change/C[A-Z0-9]{13}$")
NS = "{https://route53.amazonaws.com/doc/2013-04-01/}"


def client(server):
    host, port = server.http
    return boto3.client(
        "route53",
        endpoint_url=f"http://{host}:{port}",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="y",
    )


def create_zone(r53, name: str, **kw) -> dict:
    return r53.create_hosted_zone(Name=name, CallerReference=f"ref-{name}", **kw)


def rrset(name: str, rtype: str, values: list[str], ttl: int = 60) -> dict:
    return {"Name": name, "Type": rtype, "TTL": ttl, "ResourceRecords": [{"Value": v} for v in values]}


def change(r53, zone_id: str, *changes: tuple[str, dict], comment: str | None = None) -> dict:
    batch: dict = {"Changes": [{"Action": action, "ResourceRecordSet": rs} for action, rs in changes]}
    if comment is not None:
        batch["Comment"] = comment
    return r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch=batch)


def expect_error(code: str, http_status: int, fn, *args, **kw) -> dict:
    with pytest.raises(botocore.exceptions.ClientError) as info:
        fn(*args, **kw)
    err = info.value.response
    assert err["Error"]["Code"] == code, err
    assert err["ResponseMetadata"]["HTTPStatusCode"] == http_status, err
    return err["Error"]


def all_rrsets(r53, zone_id: str, page: int) -> list[dict]:
    """Every set, following NextRecordName/Type/Identifier (bounded)."""
    sets, kw = [], {}
    for _ in range(1000):
        r = r53.list_resource_record_sets(HostedZoneId=zone_id, MaxItems=str(page), **kw)
        assert r["MaxItems"] == str(page)
        assert len(r["ResourceRecordSets"]) <= page
        sets += r["ResourceRecordSets"]
        if not r["IsTruncated"]:
            assert "NextRecordName" not in r and "NextRecordIdentifier" not in r
            return sets
        assert len(r["ResourceRecordSets"]) == page
        kw = {"StartRecordName": r["NextRecordName"], "StartRecordType": r["NextRecordType"]}
        if "NextRecordIdentifier" in r:
            kw["StartRecordIdentifier"] = r["NextRecordIdentifier"]
    raise AssertionError("listing did not end")


def route53_order(rs: dict):
    return (list(reversed(rs["Name"].rstrip(".").lower().split("."))), rs["Type"])


@pytest.fixture
def r53(server):
    return client(server)


# --------------------------------------------------------------------------- hosted zones


def test_create_get_list_delete_hosted_zone(server, r53):
    vpc = {"VPCRegion": "us-east-1", "VPCId": "vpc-1234"}
    r = create_zone(r53, "life.r53.test", HostedZoneConfig={"Comment": "made by boto3", "PrivateZone": True}, VPC=vpc)
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 201
    zone = r["HostedZone"]
    assert ZONE_ID_RE.match(zone["Id"]), zone
    assert r["Location"].endswith("/2013-04-01" + zone["Id"])
    assert zone["Name"] == "life.r53.test."
    assert zone["CallerReference"] == "ref-life.r53.test"
    assert zone["Config"] == {"Comment": "made by boto3", "PrivateZone": True}
    assert zone["ResourceRecordSetCount"] == 2  # SOA and NS
    assert "LinkedService" not in zone
    assert r["VPC"] == vpc
    assert CHANGE_ID_RE.match(r["ChangeInfo"]["Id"]) and r["ChangeInfo"]["Status"] == "INSYNC"
    ns = r["DelegationSet"]["NameServers"]
    assert ns and all(not n.endswith(".") for n in ns)
    assert status(server, "life.r53.test", "SOA") == "NOERROR"
    assert sorted(n + "." for n in ns) == answers(server, "life.r53.test", "NS")
    # The creation is a change GetChange knows, by either form of its id.
    for cid in (r["ChangeInfo"]["Id"], r["ChangeInfo"]["Id"].split("/")[-1]):
        assert r53.get_change(Id=cid)["ChangeInfo"] == r["ChangeInfo"]

    bare = zone["Id"].split("/")[-1]
    for zid in (zone["Id"], bare, "hostedzone/" + bare):
        got = r53.get_hosted_zone(Id=zid)
        assert got["HostedZone"] == zone
        assert got["DelegationSet"]["NameServers"] == ns
        assert got["VPCs"] == [vpc]
    listed = next(z for z in r53.list_hosted_zones()["HostedZones"] if z["Id"] == zone["Id"])
    assert listed == zone
    by_name = r53.list_hosted_zones_by_name(DNSName="life.r53.test")["HostedZones"][0]
    assert by_name == zone
    private = r53.list_hosted_zones(HostedZoneType="PrivateHostedZone")["HostedZones"]
    assert zone["Id"] in [z["Id"] for z in private] and all(z["Config"]["PrivateZone"] for z in private)

    d = r53.delete_hosted_zone(Id=zone["Id"])
    info = d["ChangeInfo"]
    assert info["Status"] == "INSYNC" and CHANGE_ID_RE.match(info["Id"]) and info["Id"] != r["ChangeInfo"]["Id"]
    assert status(server, "life.r53.test", "SOA") != "NOERROR"
    assert r53.get_change(Id=info["Id"])["ChangeInfo"] == info
    assert r53.get_change(Id=r["ChangeInfo"]["Id"])["ChangeInfo"]["Status"] == "INSYNC"  # outlives its zone
    expect_error("NoSuchHostedZone", 404, r53.get_hosted_zone, Id=zone["Id"])
    expect_error("NoSuchHostedZone", 404, r53.delete_hosted_zone, Id=zone["Id"])
    assert zone["Id"] not in [z["Id"] for z in r53.list_hosted_zones()["HostedZones"]]


def test_public_zone_has_no_vpcs(server, r53):
    r = create_zone(r53, "public.r53.test", HostedZoneConfig={"Comment": "public"})
    zone = r["HostedZone"]
    assert zone["Config"] == {"Comment": "public", "PrivateZone": False} and "VPC" not in r
    got = r53.get_hosted_zone(Id=zone["Id"])
    assert got["HostedZone"]["CallerReference"] == "ref-public.r53.test" and "VPCs" not in got
    private = r53.list_hosted_zones(HostedZoneType="PrivateHostedZone")["HostedZones"]
    assert zone["Id"] not in [z["Id"] for z in private]
    # A VPC alone makes the zone private, as in Route 53.
    vpc_only = create_zone(r53, "vpc.r53.test", VPC={"VPCRegion": "eu-west-1", "VPCId": "vpc-9"})["HostedZone"]
    assert vpc_only["Config"]["PrivateZone"] is True
    assert r53.get_hosted_zone(Id=vpc_only["Id"])["VPCs"] == [{"VPCRegion": "eu-west-1", "VPCId": "vpc-9"}]
    assert status(server, "vpc.r53.test", "SOA") == "NOERROR"


def test_caller_reference_names_one_creation(server, r53):
    first = r53.create_hosted_zone(Name="once.r53.test", CallerReference="retry-1")["HostedZone"]
    serial = soa_serial(server, "once.r53.test")
    # A retried request (here for another name) must not create a second zone.
    for name in ("twice.r53.test", "once.r53.test"):
        err = expect_error("HostedZoneAlreadyExists", 409, r53.create_hosted_zone, Name=name, CallerReference="retry-1")
        assert err["Message"] == "A hosted zone has already been created with the specified caller reference."
    assert status(server, "twice.r53.test", "SOA") != "NOERROR"
    assert "twice.r53.test." not in [z["Name"] for z in r53.list_hosted_zones()["HostedZones"]]
    assert soa_serial(server, "once.r53.test") == serial
    assert r53.get_hosted_zone(Id=first["Id"])["HostedZone"]["CallerReference"] == "retry-1"
    expect_error("InvalidInput", 400, r53.create_hosted_zone, Name="long.r53.test", CallerReference="r" * 129)
    assert status(server, "long.r53.test", "SOA") != "NOERROR"


def test_hosted_zone_already_exists(r53):
    create_zone(r53, "dup.r53.test")
    err = expect_error("HostedZoneAlreadyExists", 409, create_zone, r53, "dup.r53.test.")
    assert "dup.r53.test." in err["Message"]
    # A file zone exists too.
    expect_error("HostedZoneAlreadyExists", 409, create_zone, r53, STATIC_ZONE)


def test_bad_zone_name_is_invalid_input(r53):
    expect_error("InvalidInput", 400, create_zone, r53, "bad..name")


def test_ids_and_zone_fields_survive_restart(api_servers):
    s = api_servers.start()
    vpc = {"VPCRegion": "ap-southeast-2", "VPCId": "vpc-77"}
    r = create_zone(client(s), "stable.r53.test", HostedZoneConfig={"Comment": "kept"}, VPC=vpc)
    zid = r["HostedZone"]["Id"]
    gone = create_zone(client(s), "gone.r53.test")["HostedZone"]["Id"]
    deleted = client(s).delete_hosted_zone(Id=gone)["ChangeInfo"]
    s2 = api_servers.restart(s)
    r53 = client(s2)
    got = r53.get_hosted_zone(Id=zid)
    assert got["HostedZone"] == r["HostedZone"]
    assert got["VPCs"] == [vpc]
    assert zid in [z["Id"] for z in r53.list_hosted_zones()["HostedZones"]]
    # The second CreateHostedZone is still refused after a restart.
    expect_error(
        "HostedZoneAlreadyExists", 409, r53.create_hosted_zone, Name="other.r53.test", CallerReference="ref-stable.r53.test")
    assert status(s2, "other.r53.test", "SOA") != "NOERROR"
    for info in (r["ChangeInfo"], deleted):
        assert r53.get_change(Id=info["Id"])["ChangeInfo"]["Status"] == "INSYNC"
    assert status(s2, "stable.r53.test", "SOA") == "NOERROR"


def test_list_hosted_zones_paging(api_servers):
    s = api_servers.start()
    r53 = client(s)
    names = ["b.aa.test", "a.zz.test", "c.mm.test", "aa.test", "zz.test"]
    for name in names:
        create_zone(r53, name)
    everything = r53.list_hosted_zones()["HostedZones"]
    assert len(everything) == len(names) + 1  # and the file zone

    seen, kw = [], {}
    for _ in range(20):
        r = r53.list_hosted_zones(MaxItems="2", **kw)
        assert r["MaxItems"] == "2" and len(r["HostedZones"]) <= 2
        seen += r["HostedZones"]
        if not r["IsTruncated"]:
            break
        assert r["NextMarker"] == r53.list_hosted_zones(Marker=r["NextMarker"], MaxItems="1")["HostedZones"][0]["Id"].split("/")[-1]
        kw = {"Marker": r["NextMarker"]}
    assert [z["Id"] for z in seen] == [z["Id"] for z in everything]
    pages = r53.get_paginator("list_hosted_zones").paginate(PaginationConfig={"PageSize": 4})
    assert [z["Id"] for p in pages for z in p["HostedZones"]] == [z["Id"] for z in everything]
    assert r53.list_hosted_zones(MaxItems="1000")["MaxItems"] == "100"  # Route 53's largest page
    expect_error("InvalidInput", 400, r53.list_hosted_zones, MaxItems="0")
    expect_error("InvalidInput", 400, r53.list_hosted_zones, Marker="ZNOTAZONE")

    # By name: labels reversed, so every *.aa.test before *.mm.test before *.zz.test.
    want = ["aa.test.", "b.aa.test.", "c.mm.test.", "zz.test.", "a.zz.test."]
    by_name = r53.list_hosted_zones_by_name()
    assert [z["Name"] for z in by_name["HostedZones"] if z["Name"].endswith("test.")] == want
    r = r53.list_hosted_zones_by_name(DNSName="c.mm.test", MaxItems="2")
    assert r["DNSName"] == "c.mm.test" and r["IsTruncated"]
    assert [z["Name"] for z in r["HostedZones"]] == ["c.mm.test.", "zz.test."]
    assert r["NextDNSName"] == "a.zz.test."
    r2 = r53.list_hosted_zones_by_name(DNSName=r["NextDNSName"], HostedZoneId=r["NextHostedZoneId"], MaxItems="2")
    assert [z["Name"] for z in r2["HostedZones"]][:1] == ["a.zz.test."]
    assert r2["HostedZoneId"] == r["NextHostedZoneId"]
    expect_error("InvalidInput", 400, r53.list_hosted_zones_by_name, HostedZoneId=r["NextHostedZoneId"])


def test_delete_hosted_zone_not_empty(server, r53):
    zid = create_zone(r53, "full.r53.test")["HostedZone"]["Id"]
    web = rrset("web.full.r53.test.", "A", ["10.7.0.1"])
    change(r53, zid, ("CREATE", web))
    expect_error("HostedZoneNotEmpty", 400, r53.delete_hosted_zone, Id=zid)
    assert answers(server, "web.full.r53.test") == ["10.7.0.1"]
    change(r53, zid, ("DELETE", web))
    r53.delete_hosted_zone(Id=zid)
    assert status(server, "web.full.r53.test") != "NOERROR"


# --------------------------------------------------------------------------- record sets


def test_create_upsert_delete_with_dns(server, r53):
    zid = create_zone(r53, "rr.r53.test")["HostedZone"]["Id"]
    r = change(
        r53,
        zid,
        ("CREATE", rrset("web.rr.r53.test", "A", ["10.1.0.1", "10.1.0.2"], ttl=0)),
        ("CREATE", rrset("txt.rr.r53.test.", "TXT", ['"hello world"', '"v=spf1 -all"'])),
        ("CREATE", rrset("xml.rr.r53.test.", "TXT", ['"a<b&c>d" "two"'])),  # XML escapes both ways
        # Names inside values are absolute in Route 53, with or without the final dot.
        ("CREATE", rrset("rr.r53.test.", "MX", ["10 mail.example.org", "20 mx2.example.org."])),
        ("CREATE", rrset("_http._tcp.rr.r53.test.", "SRV", ["1 2 8080 web.rr.r53.test"])),
        comment="first & <only>",
    )
    info = r["ChangeInfo"]
    assert CHANGE_ID_RE.match(info["Id"]) and info["Status"] in ("PENDING", "INSYNC")
    assert info["Comment"] == "first & <only>"
    assert answers(server, "web.rr.r53.test") == ["10.1.0.1", "10.1.0.2"]
    assert sorted(server.dig("web.rr.r53.test", "A").answer)[0][1] == 0  # TTL 0 is served as 0
    assert answers(server, "txt.rr.r53.test", "TXT") == ['"hello world"', '"v=spf1 -all"']
    assert answers(server, "xml.rr.r53.test", "TXT") == ['"a<b&c>d" "two"']
    assert answers(server, "rr.r53.test", "MX") == ["10 mail.example.org.", "20 mx2.example.org."]
    assert answers(server, "_http._tcp.rr.r53.test", "SRV") == ["1 2 8080 web.rr.r53.test."]
    for cid in (info["Id"], info["Id"].split("/")[-1]):
        got = r53.get_change(Id=cid)["ChangeInfo"]
        assert got["Id"] == info["Id"] and got["Status"] == "INSYNC" and got["Comment"] == "first & <only>"

    change(r53, zid, ("UPSERT", rrset("web.rr.r53.test.", "A", ["10.1.0.3"], ttl=30)))
    assert answers(server, "web.rr.r53.test") == ["10.1.0.3"]
    sets = {(s["Name"], s["Type"]): s for s in r53.list_resource_record_sets(HostedZoneId=zid)["ResourceRecordSets"]}
    assert sets[("web.rr.r53.test.", "A")]["TTL"] == 30
    assert sets[("xml.rr.r53.test.", "TXT")]["ResourceRecords"] == [{"Value": '"a<b&c>d" "two"'}]
    assert sets[("txt.rr.r53.test.", "TXT")]["ResourceRecords"] == [{"Value": '"hello world"'}, {"Value": '"v=spf1 -all"'}]
    assert r53.get_hosted_zone(Id=zid)["HostedZone"]["ResourceRecordSetCount"] == 7

    change(r53, zid, ("DELETE", rrset("web.rr.r53.test.", "A", ["10.1.0.3"], ttl=30)))
    assert status(server, "web.rr.r53.test") == "NXDOMAIN"
    assert answers(server, "txt.rr.r53.test", "TXT") == ['"hello world"', '"v=spf1 -all"']


def test_change_batch_errors_change_nothing(server, r53):
    zid = create_zone(r53, "err.r53.test")["HostedZone"]["Id"]
    web = rrset("web.err.r53.test.", "A", ["10.2.0.1"])
    change(r53, zid, ("CREATE", web))
    new = rrset("new.err.r53.test.", "A", ["10.2.0.9"])

    def refused(message: str, *changes):
        err = expect_error("InvalidChangeBatch", 400, change, r53, zid, *changes)
        assert message in err["Message"], err
        assert answers(server, "web.err.r53.test") == ["10.2.0.1"]
        assert status(server, "new.err.r53.test") == "NXDOMAIN"  # the valid change did not land

    refused(
        "Tried to create resource record set [name='web.err.r53.test.', type='A'] but it already exists",
        ("CREATE", new),
        ("CREATE", web),
    )
    refused(
        "Tried to delete resource record set [name='gone.err.r53.test.', type='A'] but it was not found",
        ("CREATE", new),
        ("DELETE", rrset("gone.err.r53.test.", "A", ["10.2.0.1"])),
    )
    refused(
        "Tried to delete resource record set [name='web.err.r53.test.', type='A'] "
        "but the values provided do not match the current values",
        ("CREATE", new),
        ("DELETE", rrset("web.err.r53.test.", "A", ["10.2.0.2"])),
    )
    refused("10.2.0.300", ("CREATE", new), ("CREATE", rrset("bad.err.r53.test.", "A", ["10.2.0.300"])))
    refused("RRSet with DNS name web.elsewhere.test. is not permitted in zone err.r53.test.", ("CREATE", new), ("CREATE", rrset("web.elsewhere.test.", "A", ["10.2.0.1"])))
    refused(
        "RRSet of type CNAME with DNS name web.err.r53.test. is not permitted as it conflicts with other records "
        "with the same DNS name in zone err.r53.test.",
        ("CREATE", new),
        ("CREATE", rrset("web.err.r53.test.", "CNAME", ["other.example."])),
    )
    change(r53, zid, ("CREATE", rrset("c.err.r53.test.", "CNAME", ["other.example."])))
    refused(
        "RRSet of type TXT with DNS name c.err.r53.test. is not permitted because a conflicting RRSet of type CNAME "
        "with the same DNS name already exists in zone err.r53.test.",
        ("CREATE", new),
        ("CREATE", rrset("c.err.r53.test.", "TXT", ['"x"'])),
    )
    assert answers(server, "c.err.r53.test", "CNAME") == ["other.example."]
    expect_error("NoSuchHostedZone", 404, change, r53, "ZAAAAAAAAAAAAAAAAAAAA", ("CREATE", new))
    assert status(server, "new.err.r53.test") == "NXDOMAIN"


# --------------------------------------------------------------------------- routing policies and aliases


def weighted(name: str, rtype: str, ident: str, weight: int, values: list[str], ttl: int = 60) -> dict:
    return dict(rrset(name, rtype, values, ttl), SetIdentifier=ident, Weight=weight)


def multivalue(name: str, rtype: str, ident: str, values: list[str], ttl: int = 60) -> dict:
    return dict(rrset(name, rtype, values, ttl), SetIdentifier=ident, MultiValueAnswer=True)


def alias(name: str, rtype: str, zone_id: str, target: str, evaluate: bool = False, **extra) -> dict:
    at = {"HostedZoneId": zone_id.split("/")[-1], "DNSName": target, "EvaluateTargetHealth": evaluate}
    return {"Name": name, "Type": rtype, "AliasTarget": at, **extra}


def ttl_of(server, name: str, rtype: str = "A") -> set[int]:
    res = server.dig(name, rtype)
    return {rr[1] for rr in res.answer}


def sets_named(r53, zone_id: str, name: str) -> list[dict]:
    return [s for s in all_rrsets(r53, zone_id, 300) if s["Name"] == name]


def test_weighted_multivalue_and_alias_sets_round_trip(server, r53):
    zid = create_zone(r53, "pol.r53.test")["HostedZone"]["Id"]
    bare = zid.split("/")[-1]
    r = change(
        r53,
        zid,
        # Weight 0 is answered only when no set has weight: www answers blue alone.
        ("CREATE", weighted("www.pol.r53.test", "A", "blue", 1, ["10.4.0.1"], ttl=0)),
        ("CREATE", weighted("www.pol.r53.test.", "A", "green", 0, ["10.4.0.2"], ttl=0)),
        ("CREATE", multivalue("m.pol.r53.test.", "A", "a", ["10.4.1.1"], ttl=30)),
        ("CREATE", multivalue("m.pol.r53.test.", "A", "b", ["10.4.1.2"], ttl=20)),
        ("CREATE", weighted("_h._tcp.pol.r53.test.", "SRV", "c1", 1, ["1 1 80 web.pol.r53.test"], ttl=0)),
        ("CREATE", rrset("web.pol.r53.test.", "A", ["10.4.2.1"], ttl=45)),
        ("CREATE", alias("al.pol.r53.test.", "A", zid, "web.pol.r53.test", evaluate=True)),
        comment="policies",
    )
    assert r53.get_change(Id=r["ChangeInfo"]["Id"])["ChangeInfo"]["Status"] == "INSYNC"
    assert answers(server, "www.pol.r53.test") == ["10.4.0.1"] and ttl_of(server, "www.pol.r53.test") == {0}
    assert answers(server, "m.pol.r53.test") == ["10.4.1.1", "10.4.1.2"] and ttl_of(server, "m.pol.r53.test") == {20}
    assert answers(server, "_h._tcp.pol.r53.test", "SRV") == ["1 1 80 web.pol.r53.test."]
    assert answers(server, "al.pol.r53.test") == ["10.4.2.1"] and ttl_of(server, "al.pol.r53.test") == {45}

    assert sets_named(r53, zid, "www.pol.r53.test.") == [
        {"Name": "www.pol.r53.test.", "Type": "A", "SetIdentifier": "blue", "Weight": 1, "TTL": 0,
         "ResourceRecords": [{"Value": "10.4.0.1"}]},
        {"Name": "www.pol.r53.test.", "Type": "A", "SetIdentifier": "green", "Weight": 0, "TTL": 0,
         "ResourceRecords": [{"Value": "10.4.0.2"}]},
    ]
    assert sets_named(r53, zid, "m.pol.r53.test.") == [
        {"Name": "m.pol.r53.test.", "Type": "A", "SetIdentifier": "a", "MultiValueAnswer": True, "TTL": 30,
         "ResourceRecords": [{"Value": "10.4.1.1"}]},
        {"Name": "m.pol.r53.test.", "Type": "A", "SetIdentifier": "b", "MultiValueAnswer": True, "TTL": 20,
         "ResourceRecords": [{"Value": "10.4.1.2"}]},
    ]
    assert sets_named(r53, zid, "_h._tcp.pol.r53.test.")[0]["ResourceRecords"] == [{"Value": "1 1 80 web.pol.r53.test."}]
    assert sets_named(r53, zid, "al.pol.r53.test.") == [
        {"Name": "al.pol.r53.test.", "Type": "A",
         "AliasTarget": {"HostedZoneId": bare, "DNSName": "web.pol.r53.test.", "EvaluateTargetHealth": True}},
    ]
    assert r53.get_hosted_zone(Id=zid)["HostedZone"]["ResourceRecordSetCount"] == 2 + 2 + 2 + 1 + 1 + 1

    # UPSERT replaces one choice and leaves its group's others alone.
    change(r53, zid, ("UPSERT", weighted("www.pol.r53.test.", "A", "green", 5, ["10.4.0.3"], ttl=0)),
           ("UPSERT", weighted("www.pol.r53.test.", "A", "blue", 0, ["10.4.0.1"], ttl=0)))
    assert answers(server, "www.pol.r53.test") == ["10.4.0.3"]
    assert [(s["SetIdentifier"], s["Weight"]) for s in sets_named(r53, zid, "www.pol.r53.test.")] == [("blue", 0), ("green", 5)]

    # A DELETE names the choice exactly; what differs is refused and changes nothing.
    err = expect_error("InvalidChangeBatch", 400, change, r53, zid,
                       ("DELETE", weighted("www.pol.r53.test.", "A", "green", 4, ["10.4.0.3"], ttl=0)))
    assert err["Message"] == (
        "Tried to delete resource record set [name='www.pol.r53.test.', type='A', set-identifier='green'] "
        "but the values provided do not match the current values")
    assert answers(server, "www.pol.r53.test") == ["10.4.0.3"]
    change(r53, zid, ("DELETE", weighted("www.pol.r53.test.", "A", "green", 5, ["10.4.0.3"], ttl=0)))
    assert answers(server, "www.pol.r53.test") == ["10.4.0.1"]
    change(r53, zid, ("DELETE", weighted("www.pol.r53.test.", "A", "blue", 0, ["10.4.0.1"], ttl=0)),
           ("DELETE", multivalue("m.pol.r53.test.", "A", "b", ["10.4.1.2"], ttl=20)))
    assert status(server, "www.pol.r53.test") == "NXDOMAIN"
    assert answers(server, "m.pol.r53.test") == ["10.4.1.1"] and ttl_of(server, "m.pol.r53.test") == {30}

    # An alias goes with its own DELETE; its target stays.
    change(r53, zid, ("DELETE", alias("al.pol.r53.test.", "A", zid, "web.pol.r53.test.", evaluate=True)))
    assert status(server, "al.pol.r53.test") == "NXDOMAIN" and answers(server, "web.pol.r53.test") == ["10.4.2.1"]


def test_policy_and_alias_errors_in_route53s_words(server, r53):
    zid = create_zone(r53, "msg.r53.test")["HostedZone"]["Id"]
    bare = zid.split("/")[-1]
    change(
        r53, zid,
        ("CREATE", weighted("w.msg.r53.test.", "A", "one", 1, ["10.5.0.1"], ttl=30)),
        ("CREATE", multivalue("m.msg.r53.test.", "A", "one", ["10.5.1.1"], ttl=30)),
        ("CREATE", rrset("s.msg.r53.test.", "A", ["10.5.2.1"], ttl=30)),
    )
    new = ("CREATE", rrset("new.msg.r53.test.", "A", ["10.5.9.9"]))
    names = ["w.msg.r53.test", "m.msg.r53.test", "s.msg.r53.test", "new.msg.r53.test", "al.msg.r53.test"]

    def picture():
        return ([answers(server, n) if status(server, n) == "NOERROR" else status(server, n) for n in names],
                soa_serial(server, "msg.r53.test"), all_rrsets(r53, zid, 300))

    before = picture()

    def refused(code: str, message: str, *changes, exact: bool = True) -> None:
        err = expect_error(code, 400, change, r53, zid, new, *changes)
        if exact:
            assert err["Message"] == message, err
        else:
            assert err["Message"].startswith(message), err
        assert picture() == before, "a refused batch changed something"

    refused("InvalidChangeBatch",
            "Tried to create resource record set [name='w.msg.r53.test.', type='A', set-identifier='one'] but it already exists",
            ("CREATE", weighted("w.msg.r53.test.", "A", "one", 3, ["10.5.0.9"])))
    refused("InvalidChangeBatch",
            "Tried to delete resource record set [name='w.msg.r53.test.', type='A', set-identifier='nine'] but it was not found",
            ("DELETE", weighted("w.msg.r53.test.", "A", "nine", 1, ["10.5.0.1"], ttl=30)))
    refused("InvalidChangeBatch",
            "RRSet with DNS name w.msg.r53.test., type A cannot be created as other RRSets exist with the same name and type.",
            ("CREATE", rrset("w.msg.r53.test.", "A", ["10.5.0.9"])))
    refused("InvalidChangeBatch",
            "RRSet with DNS name s.msg.r53.test., type A, SetIdentifier x cannot be created as a non-weighted set "
            "exists with the same name and type.",
            ("CREATE", weighted("s.msg.r53.test.", "A", "x", 1, ["10.5.2.9"])))
    refused("InvalidChangeBatch",
            "RRSet with DNS name m.msg.r53.test., type A, SetIdentifier two cannot be created as a non-weighted set "
            "exists with the same name and type.",
            ("CREATE", weighted("m.msg.r53.test.", "A", "two", 1, ["10.5.1.2"])))
    refused("InvalidChangeBatch",
            "RRSet with DNS name w.msg.r53.test., type A, SetIdentifier two cannot be created because a non multivalue "
            "answer rrset exists with the same name and type.",
            ("CREATE", multivalue("w.msg.r53.test.", "A", "two", ["10.5.0.2"])))
    refused("InvalidChangeBatch",
            f"Tried to create an alias that targets missing.msg.r53.test., type A in zone {bare}, but that target was not found",
            ("CREATE", alias("al.msg.r53.test.", "A", zid, "missing.msg.r53.test")))
    refused("InvalidChangeBatch",
            f"Tried to create an alias that targets www.other.test., type A in zone {bare}, but the alias target name "
            "does not lie within the target zone",
            ("CREATE", alias("al.msg.r53.test.", "A", zid, "www.other.test.")))
    # Another zone's target (here an ELB's): Shoal aliases stay in their zone.
    refused("InvalidChangeBatch",
            "Tried to create an alias that targets my-lb-1.us-east-1.elb.amazonaws.com., type A in zone Z35SXDOTRQ7X7K, "
            "but that target was not found",
            ("CREATE", alias("al.msg.r53.test.", "A", "Z35SXDOTRQ7X7K", "my-lb-1.us-east-1.elb.amazonaws.com")),
            exact=False)

    # Malformed changes: AWS's InvalidInput, before anything is looked up.
    refused("InvalidInput",
            "Invalid request: Missing field 'SetIdentifier' in Change with "
            "[Action=CREATE, Name=w.msg.r53.test., Type=A, SetIdentifier=null]",
            ("CREATE", dict(rrset("w.msg.r53.test.", "A", ["10.5.0.9"]), Weight=1)))
    refused("InvalidInput",
            "Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, or MultiValueAnswer], "
            "but found none in Change with [Action=UPSERT, Name=w.msg.r53.test., Type=A, SetIdentifier=bare]",
            ("UPSERT", dict(rrset("w.msg.r53.test.", "A", ["10.5.0.9"]), SetIdentifier="bare")))
    refused("InvalidInput",
            "Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, or MultiValueAnswer], "
            "but found more than one in Change with [Action=CREATE, Name=w.msg.r53.test., Type=A, SetIdentifier=both]",
            ("CREATE", dict(weighted("w.msg.r53.test.", "A", "both", 1, ["10.5.0.9"]), MultiValueAnswer=True)))
    refused("InvalidInput",
            "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or "
            "TrafficPolicyInstanceId], but found more than one in Change with "
            "[Action=CREATE, Name=al.msg.r53.test., Type=A, SetIdentifier=null]",
            ("CREATE", dict(alias("al.msg.r53.test.", "A", zid, "s.msg.r53.test."), TTL=60)))
    refused("InvalidInput",
            "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or "
            "TrafficPolicyInstanceId], but found none in Change with "
            "[Action=CREATE, Name=n.msg.r53.test., Type=A, SetIdentifier=null]",
            ("CREATE", {"Name": "n.msg.r53.test.", "Type": "A", "TTL": 60}))
    refused("InvalidInput",
            "1 validation error detected: Value '256' at 'changeBatch.changes.2.member.resourceRecordSet.weight' "
            "failed to satisfy constraint: Member must have value less than or equal to 255",
            ("CREATE", weighted("w.msg.r53.test.", "A", "big", 256, ["10.5.0.9"])))
    unsupported = {
        "Region": {"Region": "us-east-1"},
        "Failover": {"Failover": "PRIMARY"},
        "GeoLocation": {"GeoLocation": {"CountryCode": "DE"}},
        "HealthCheckId": {"HealthCheckId": "abcdef11-2222-3333-4444-555555fedcba"},
        "TrafficPolicyInstanceId": {"TrafficPolicyInstanceId": "tp-1"},
        "CidrRoutingConfig": {"CidrRoutingConfig": {"CollectionId": "c0ffee00-0000-0000-0000-000000000000", "LocationName": "x"}},
    }
    for field, extra in unsupported.items():
        refused("InvalidInput", f"{field} is not supported by Shoal",
                ("CREATE", dict(rrset("w.msg.r53.test.", "A", ["10.5.0.9"]), SetIdentifier="geo", **extra)), exact=False)


def test_list_paging_by_identifier(server, r53):
    zid = create_zone(r53, "ids.r53.test")["HostedZone"]["Id"]
    srv = "_w._tcp.ids.r53.test."
    idents = [f"c{i}" for i in range(7)]
    change(
        r53, zid,
        *[("CREATE", weighted(srv, "SRV", i, 10, [f"1 1 {8000 + n} web.ids.r53.test."], ttl=0)) for n, i in enumerate(idents)],
        ("CREATE", multivalue("a.ids.r53.test.", "A", "y", ["10.6.0.2"])),
        ("CREATE", multivalue("a.ids.r53.test.", "A", "x", ["10.6.0.1"])),
        ("CREATE", rrset("web.ids.r53.test.", "A", ["10.6.1.1"])),
    )
    seen = {tuple(sorted(server.dig("_w._tcp.ids.r53.test", "SRV").rdatas("SRV"))) for _ in range(10)}
    assert all(len(s) == 1 for s in seen)  # weighted: one choice per answer
    full = r53.list_resource_record_sets(HostedZoneId=zid)["ResourceRecordSets"]
    keys = [(s["Name"], s["Type"], s.get("SetIdentifier")) for s in full]
    assert keys == [
        ("ids.r53.test.", "NS", None), ("ids.r53.test.", "SOA", None),
        *[(srv, "SRV", i) for i in idents],
        ("a.ids.r53.test.", "A", "x"), ("a.ids.r53.test.", "A", "y"),
        ("web.ids.r53.test.", "A", None),
    ]
    for page in (1, 2, 3, 4):
        assert all_rrsets(r53, zid, page) == full
        pages = r53.get_paginator("list_resource_record_sets").paginate(
            HostedZoneId=zid, PaginationConfig={"PageSize": page})
        assert [s for p in pages for s in p["ResourceRecordSets"]] == full

    # NextRecordIdentifier is there only when the next set has one.
    r = r53.list_resource_record_sets(HostedZoneId=zid, StartRecordName=srv, StartRecordType="SRV",
                                      StartRecordIdentifier="c5", MaxItems="2")
    assert [s["SetIdentifier"] for s in r["ResourceRecordSets"]] == ["c5", "c6"]
    assert (r["NextRecordName"], r["NextRecordType"], r["NextRecordIdentifier"]) == ("a.ids.r53.test.", "A", "x")
    r = r53.list_resource_record_sets(HostedZoneId=zid, StartRecordName="a.ids.r53.test", StartRecordType="A",
                                      StartRecordIdentifier="y", MaxItems="1")
    assert r["IsTruncated"] and r["NextRecordName"] == "web.ids.r53.test." and "NextRecordIdentifier" not in r
    # Without an identifier the page starts at the name and type's first set.
    r = r53.list_resource_record_sets(HostedZoneId=zid, StartRecordName=srv, StartRecordType="SRV", MaxItems="1")
    assert r["ResourceRecordSets"][0]["SetIdentifier"] == "c0" and r["NextRecordIdentifier"] == "c1"
    expect_error("InvalidInput", 400, r53.list_resource_record_sets, HostedZoneId=zid, StartRecordName=srv,
                 StartRecordIdentifier="c1")
    expect_error("InvalidInput", 400, r53.list_resource_record_sets, HostedZoneId=zid, StartRecordType="SRV")

    # The aws command line pages by itself, following NextRecordIdentifier.
    listed = aws_cli(server, "route53", "list-resource-record-sets", "--hosted-zone-id", zid, "--page-size", "2")
    assert listed["ResourceRecordSets"] == full


def test_file_zone_is_read_only(server, r53):
    zone = next(z for z in r53.list_hosted_zones()["HostedZones"] if z["Name"] == STATIC_ZONE + ".")
    err = expect_error(
        "InvalidChangeBatch", 400, change, r53, zone["Id"], ("CREATE", rrset(f"new.{STATIC_ZONE}.", "A", ["10.9.0.99"]))
    )
    assert "read-only" in err["Message"]
    assert status(server, f"new.{STATIC_ZONE}") == "NXDOMAIN"
    # Zones Route 53 did not create keep their old look: public, the name as the reference.
    assert zone["CallerReference"] == STATIC_ZONE and zone["Config"]["PrivateZone"] is False
    got = r53.get_hosted_zone(Id=zone["Id"])
    assert "VPCs" not in got and "LinkedService" not in got["HostedZone"]
    sets = r53.list_resource_record_sets(HostedZoneId=zone["Id"])["ResourceRecordSets"]
    www = next(s for s in sets if s["Name"] == f"www.{STATIC_ZONE}.")
    assert sorted(v["Value"] for v in www["ResourceRecords"]) == ["10.9.0.10", "10.9.0.11"]


def test_list_resource_record_sets_order_and_paging(r53):
    zid = create_zone(r53, "page.r53.test")["HostedZone"]["Id"]
    changes = []
    for i in range(12):
        changes.append(("CREATE", rrset(f"h{i:02d}.page.r53.test.", "A", [f"10.3.0.{i + 1}"])))
        changes.append(("CREATE", rrset(f"h{i:02d}.page.r53.test.", "TXT", [f'"t{i}"'])))
        changes.append(("CREATE", rrset(f"x.h{i:02d}.page.r53.test.", "AAAA", [f"2001:db8::{i + 1:x}"])))
    changes.append(("CREATE", rrset("a-b.page.r53.test.", "MX", ["10 mail.page.r53.test."])))
    change(r53, zid, *changes)
    full = r53.list_resource_record_sets(HostedZoneId=zid)
    assert not full["IsTruncated"] and full["MaxItems"] == "300"
    expected = full["ResourceRecordSets"]
    assert len(expected) == len(changes) + 2
    assert expected == sorted(expected, key=route53_order)
    assert [s["Type"] for s in expected[:2]] == ["NS", "SOA"]
    for page in (1, 5, 7, 38):
        assert all_rrsets(r53, zid, page) == expected

    r = r53.list_resource_record_sets(
        HostedZoneId=zid, StartRecordName="h05.page.r53.test", StartRecordType="TXT", MaxItems="2"
    )
    assert [(s["Name"], s["Type"]) for s in r["ResourceRecordSets"]] == [
        ("h05.page.r53.test.", "TXT"),
        ("x.h05.page.r53.test.", "AAAA"),
    ]
    assert r["IsTruncated"] and (r["NextRecordName"], r["NextRecordType"]) == ("h06.page.r53.test.", "A")
    expect_error("InvalidInput", 400, r53.list_resource_record_sets, HostedZoneId=zid, MaxItems="-1")
    expect_error("NoSuchHostedZone", 404, r53.list_resource_record_sets, HostedZoneId="ZAAAAAAAAAAAAAAAAAAAA")


def test_no_such_change(r53):
    expect_error("NoSuchChange", 404, r53.get_change, Id="CAAAAAAAAAAAAA")
    expect_error("NoSuchChange", 404, r53.get_change, Id="/change/not-an-id")


def test_ecs_event_lambda_replay(server, r53):
    """What the ECS-task-state Lambda does: UPSERT a CNAME for the service on RUNNING, then
    DELETE it (with the same values) on STOPPED."""
    zid = next(
        (z["Id"] for z in r53.list_hosted_zones_by_name(DNSName="ecs.r53.test")["HostedZones"] if z["Name"] == "ecs.r53.test."),
        None,
    ) or create_zone(r53, "ecs.r53.test")["HostedZone"]["Id"]
    record = rrset("orders.ecs.r53.test", "CNAME", ["ip-10-0-1-23.ec2.internal"], ttl=10)
    r = change(r53, zid, ("UPSERT", record), comment="ECS task arn:aws:ecs:task/abc RUNNING")
    assert r["ChangeInfo"]["Status"] in ("PENDING", "INSYNC")
    assert r53.get_change(Id=r["ChangeInfo"]["Id"])["ChangeInfo"]["Status"] == "INSYNC"
    assert answers(server, "orders.ecs.r53.test", "CNAME") == ["ip-10-0-1-23.ec2.internal."]
    change(r53, zid, ("UPSERT", record))  # a repeated event is harmless
    change(r53, zid, ("DELETE", record), comment="ECS task arn:aws:ecs:task/abc STOPPED")
    assert status(server, "orders.ecs.r53.test", "CNAME") == "NXDOMAIN"


# --------------------------------------------------------------------------- wire


def test_error_xml_shape_any_host_and_sigv4(server):
    """Raw HTTP: AWS's ErrorResponse document, whatever the Host and Authorization headers."""
    conn = http.client.HTTPConnection(*server.http, timeout=15)
    headers = {
        "Host": "route53.amazonaws.com",
        "Authorization": "AWS4-HMAC-SHA256 Credential=x/20240101/us-east-1/route53/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=00",
        "X-Amz-Date": "20240101T000000Z",
    }
    conn.request("GET", "/2013-04-01/hostedzone/ZNOSUCHZONE", headers=headers)
    resp = conn.getresponse()
    body = resp.read()
    assert resp.status == 404 and resp.getheader("Content-Type", "").startswith("text/xml")
    root = ET.fromstring(body)
    assert root.tag == NS + "ErrorResponse"
    assert root.find(f"{NS}Error/{NS}Type").text == "Sender"
    assert root.find(f"{NS}Error/{NS}Code").text == "NoSuchHostedZone"
    assert root.find(f"{NS}Error/{NS}Message").text
    assert root.find(f"{NS}RequestId").text

    conn.request("POST", "/2013-04-01/hostedzone", body=b"<not xml", headers=headers)
    resp = conn.getresponse()
    root = ET.fromstring(resp.read())
    assert resp.status == 400 and root.find(f"{NS}Error/{NS}Code").text == "InvalidInput"

    conn.request("GET", "/2013-04-01/hostedzone", headers=headers)
    resp = conn.getresponse()
    assert resp.status == 200 and ET.fromstring(resp.read()).tag == NS + "ListHostedZonesResponse"

    # A pretty-printed body, as hand-written clients send it.
    pretty = b"""<?xml version="1.0" encoding="UTF-8"?>
<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
  <Name>pretty.r53.test</Name>
  <CallerReference>pretty-1</CallerReference>
  <HostedZoneConfig>
    <Comment> spaced &amp; kept </Comment>
  </HostedZoneConfig>
</CreateHostedZoneRequest>
"""
    conn.request("POST", "/2013-04-01/hostedzone", body=pretty, headers=headers)
    resp = conn.getresponse()
    root = ET.fromstring(resp.read())
    assert resp.status == 201, ET.tostring(root)
    assert root.find(f"{NS}HostedZone/{NS}Name").text == "pretty.r53.test."
    assert root.find(f"{NS}HostedZone/{NS}Config/{NS}Comment").text == " spaced & kept "

    # A method a Route 53 path does not take: XML too, not the native API's JSON.
    conn.request("PUT", "/2013-04-01/hostedzone", headers=headers)
    resp = conn.getresponse()
    root = ET.fromstring(resp.read())
    assert resp.status == 404 and root.find(f"{NS}Error/{NS}Code").text == "UnknownOperation"
    conn.close()


def test_operations_shoal_lacks_are_xml_errors(r53):
    expect_error("UnknownOperation", 404, r53.list_health_checks)


def test_awscli_list_hosted_zones(server, r53):
    zid = create_zone(r53, "cli.r53.test")["HostedZone"]["Id"]
    host, port = server.http
    env = dict(os.environ, AWS_ACCESS_KEY_ID="x", AWS_SECRET_ACCESS_KEY="y", AWS_DEFAULT_REGION="us-east-1")
    env.pop("AWS_PROFILE", None)
    out = subprocess.run(
        ["aws", "route53", "list-hosted-zones", "--endpoint-url", f"http://{host}:{port}", "--output", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    zones = json.loads(out.stdout)["HostedZones"]
    assert {"Id": zid, "Name": "cli.r53.test."}.items() <= next(z for z in zones if z["Id"] == zid).items()

    # The endpoint from the environment instead of --endpoint-url (docs/aws.md).
    env["AWS_ENDPOINT_URL_ROUTE_53"] = f"http://{host}:{port}"
    out = subprocess.run(
        ["aws", "route53", "get-hosted-zone", "--id", zid, "--output", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["HostedZone"]["Name"] == "cli.r53.test."


def test_awscli_zones_policies_and_changes(server, tmp_path):
    """The operations through `aws route53`, as scripts call them."""
    made = aws_cli(server, "route53", "create-hosted-zone", "--name", "cli2.r53.test", "--caller-reference", "cli-1",
                   "--hosted-zone-config", "Comment=from the cli,PrivateZone=true",
                   "--vpc", "VPCRegion=eu-central-1,VPCId=vpc-0c1")
    zid = made["HostedZone"]["Id"]
    assert made["HostedZone"]["Config"] == {"Comment": "from the cli", "PrivateZone": True}
    assert aws_cli(server, "route53", "get-change", "--id", made["ChangeInfo"]["Id"])["ChangeInfo"]["Status"] == "INSYNC"
    got = aws_cli(server, "route53", "get-hosted-zone", "--id", zid)
    assert got["HostedZone"]["CallerReference"] == "cli-1"
    assert got["VPCs"] == [{"VPCRegion": "eu-central-1", "VPCId": "vpc-0c1"}]
    again = aws_cli(server, "route53", "create-hosted-zone", "--name", "cli3.r53.test", "--caller-reference", "cli-1",
                    check=False)
    assert again.returncode != 0 and "HostedZoneAlreadyExists" in again.stderr

    bare = zid.split("/")[-1]
    batch = {"Comment": "agent", "Changes": [
        {"Action": "UPSERT", "ResourceRecordSet": weighted("_web._tcp.cli2.r53.test.", "SRV", "task-1", 10,
                                                           ["1 1 32768 web.cli2.r53.test."], ttl=0)},
        {"Action": "UPSERT", "ResourceRecordSet": weighted("web.cli2.r53.test.", "A", "task-1", 10, ["10.7.0.1"], ttl=0)},
        {"Action": "CREATE", "ResourceRecordSet": multivalue("mv.cli2.r53.test.", "TXT", "one", ['"hi"'], ttl=5)},
        {"Action": "CREATE", "ResourceRecordSet": alias("cli2.r53.test.", "A", zid, "web.cli2.r53.test.")},
    ]}
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(batch))
    r = aws_cli(server, "route53", "change-resource-record-sets", "--hosted-zone-id", bare,
                "--change-batch", f"file://{path}")
    assert r["ChangeInfo"]["Comment"] == "agent"
    assert aws_cli(server, "route53", "get-change", "--id", r["ChangeInfo"]["Id"])["ChangeInfo"]["Status"] == "INSYNC"
    assert answers(server, "_web._tcp.cli2.r53.test", "SRV") == ["1 1 32768 web.cli2.r53.test."]
    assert answers(server, "web.cli2.r53.test") == ["10.7.0.1"] and ttl_of(server, "web.cli2.r53.test") == {0}
    assert answers(server, "cli2.r53.test") == ["10.7.0.1"]  # the apex alias
    assert answers(server, "mv.cli2.r53.test", "TXT") == ['"hi"']
    listed = aws_cli(server, "route53", "list-resource-record-sets", "--hosted-zone-id", zid,
                     "--query", "ResourceRecordSets[?SetIdentifier=='task-1'].[Name,Type,Weight,TTL]")
    assert listed == [["_web._tcp.cli2.r53.test.", "SRV", 10, 0], ["web.cli2.r53.test.", "A", 10, 0]]

    # A refused batch: the CLI fails with AWS's error and nothing changes.
    path.write_text(json.dumps({"Changes": [
        {"Action": "DELETE", "ResourceRecordSet": weighted("web.cli2.r53.test.", "A", "task-2", 10, ["10.7.0.2"], ttl=0)},
    ]}))
    bad = aws_cli(server, "route53", "change-resource-record-sets", "--hosted-zone-id", zid,
                  "--change-batch", f"file://{path}", check=False)
    assert bad.returncode != 0 and "InvalidChangeBatch" in bad.stderr
    assert "set-identifier='task-2'] but it was not found" in bad.stderr
    assert answers(server, "web.cli2.r53.test") == ["10.7.0.1"]

    # The agent's stop: DELETE exactly what it wrote; the alias goes first, in the same batch.
    batch["Changes"] = [{"Action": "DELETE", "ResourceRecordSet": c["ResourceRecordSet"]} for c in batch["Changes"]][::-1]
    path.write_text(json.dumps(batch))
    aws_cli(server, "route53", "change-resource-record-sets", "--hosted-zone-id", zid, "--change-batch", f"file://{path}")
    for name, rtype in (("_web._tcp.cli2.r53.test", "SRV"), ("web.cli2.r53.test", "A"), ("mv.cli2.r53.test", "TXT")):
        assert status(server, name, rtype) == "NXDOMAIN"
    assert status(server, "cli2.r53.test") == "NOERROR" and answers(server, "cli2.r53.test") == []

    deleted = aws_cli(server, "route53", "delete-hosted-zone", "--id", zid)
    assert aws_cli(server, "route53", "get-change", "--id", deleted["ChangeInfo"]["Id"])["ChangeInfo"]["Status"] == "INSYNC"
    assert status(server, "cli2.r53.test", "SOA") != "NOERROR"


def test_cloud_map_namespaces_are_linked_private_zones(server, r53):
    sd = sd_client(server)
    ns_id = create_namespace(sd, "linked.r53.test", vpc="vpc-0cm", CreatorRequestId="cm-req-1", Description="ns")
    zone = next(z for z in r53.list_hosted_zones()["HostedZones"] if z["Name"] == "linked.r53.test.")
    arn = sd.get_namespace(Id=ns_id)["Namespace"]["Arn"]
    assert zone["LinkedService"] == {"ServicePrincipal": "servicediscovery.amazonaws.com", "Description": arn}
    assert zone["Config"]["PrivateZone"] is True and zone["CallerReference"] == "cm-req-1"
    got = r53.get_hosted_zone(Id=zone["Id"])
    assert got["HostedZone"] == zone and got["VPCs"] == [{"VPCRegion": "us-east-1", "VPCId": "vpc-0cm"}]
    assert zone["Id"] in [z["Id"] for z in r53.list_hosted_zones(HostedZoneType="PrivateHostedZone")["HostedZones"]]
    assert status(server, "linked.r53.test", "SOA") == "NOERROR"
    # The caller reference guards Route 53 creations too.
    expect_error("HostedZoneAlreadyExists", 409, r53.create_hosted_zone, Name="x.r53.test", CallerReference="cm-req-1")

