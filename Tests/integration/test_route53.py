"""Route 53 REST-XML API (2013-04-01) on the --http server, through boto3 and the aws
command line against the real binary: hosted zones, simple record sets, changes, AWS's
error codes, and what DNS answers after every change.
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

from api_helpers import STATIC_ZONE, answers, status

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
    """Every set, following NextRecordName/NextRecordType (bounded)."""
    sets, kw = [], {}
    for _ in range(1000):
        r = r53.list_resource_record_sets(HostedZoneId=zone_id, MaxItems=str(page), **kw)
        assert r["MaxItems"] == str(page)
        assert len(r["ResourceRecordSets"]) <= page
        sets += r["ResourceRecordSets"]
        if not r["IsTruncated"]:
            assert "NextRecordName" not in r
            return sets
        assert len(r["ResourceRecordSets"]) == page
        kw = {"StartRecordName": r["NextRecordName"], "StartRecordType": r["NextRecordType"]}
    raise AssertionError("listing did not end")


def route53_order(rs: dict):
    return (list(reversed(rs["Name"].rstrip(".").lower().split("."))), rs["Type"])


@pytest.fixture(scope="module")
def server(api_module_servers):
    return api_module_servers.start()


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
    assert r["VPC"] == vpc
    assert CHANGE_ID_RE.match(r["ChangeInfo"]["Id"]) and r["ChangeInfo"]["Status"] == "INSYNC"
    ns = r["DelegationSet"]["NameServers"]
    assert ns and all(not n.endswith(".") for n in ns)
    assert status(server, "life.r53.test", "SOA") == "NOERROR"
    assert sorted(n + "." for n in ns) == answers(server, "life.r53.test", "NS")

    bare = zone["Id"].split("/")[-1]
    for zid in (zone["Id"], bare, "hostedzone/" + bare):
        got = r53.get_hosted_zone(Id=zid)
        assert got["HostedZone"]["Id"] == zone["Id"]
        assert got["HostedZone"]["Config"]["Comment"] == "made by boto3"
        assert got["DelegationSet"]["NameServers"] == ns
    listed = r53.list_hosted_zones()["HostedZones"]
    assert zone["Id"] in [z["Id"] for z in listed]

    d = r53.delete_hosted_zone(Id=zone["Id"])
    assert d["ChangeInfo"]["Status"] == "INSYNC" and CHANGE_ID_RE.match(d["ChangeInfo"]["Id"])
    assert status(server, "life.r53.test", "SOA") != "NOERROR"
    expect_error("NoSuchHostedZone", 404, r53.get_hosted_zone, Id=zone["Id"])
    expect_error("NoSuchHostedZone", 404, r53.delete_hosted_zone, Id=zone["Id"])
    assert zone["Id"] not in [z["Id"] for z in r53.list_hosted_zones()["HostedZones"]]


def test_hosted_zone_already_exists(r53):
    create_zone(r53, "dup.r53.test")
    err = expect_error("HostedZoneAlreadyExists", 409, create_zone, r53, "dup.r53.test.")
    assert "dup.r53.test." in err["Message"]
    # A file zone exists too.
    expect_error("HostedZoneAlreadyExists", 409, create_zone, r53, STATIC_ZONE)


def test_bad_zone_name_is_invalid_input(r53):
    expect_error("InvalidInput", 400, create_zone, r53, "bad..name")


def test_ids_are_stable_across_restart(api_servers):
    s = api_servers.start()
    zid = create_zone(client(s), "stable.r53.test")["HostedZone"]["Id"]
    s2 = api_servers.restart(s)
    r53 = client(s2)
    assert r53.get_hosted_zone(Id=zid)["HostedZone"]["Name"] == "stable.r53.test."
    assert zid in [z["Id"] for z in r53.list_hosted_zones()["HostedZones"]]


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
    refused("CNAME", ("CREATE", new), ("CREATE", rrset("web.err.r53.test.", "CNAME", ["other.example."])))

    alias = {"Name": "al.err.r53.test.", "Type": "A", "AliasTarget": {
        "HostedZoneId": "Z1", "DNSName": "x.example.", "EvaluateTargetHealth": False}}
    err = expect_error("InvalidInput", 400, change, r53, zid, ("CREATE", alias))
    assert "AliasTarget" in err["Message"]
    weighted = dict(rrset("w.err.r53.test.", "A", ["10.2.0.1"]), SetIdentifier="one", Weight=10)
    expect_error("InvalidInput", 400, change, r53, zid, ("CREATE", weighted))
    assert status(server, "al.err.r53.test") == "NXDOMAIN" and status(server, "w.err.r53.test") == "NXDOMAIN"
    expect_error("NoSuchHostedZone", 404, change, r53, "ZAAAAAAAAAAAAAAAAAAAA", ("CREATE", new))


def test_file_zone_is_read_only(server, r53):
    zone = next(z for z in r53.list_hosted_zones()["HostedZones"] if z["Name"] == STATIC_ZONE + ".")
    err = expect_error(
        "InvalidChangeBatch", 400, change, r53, zone["Id"], ("CREATE", rrset(f"new.{STATIC_ZONE}.", "A", ["10.9.0.99"]))
    )
    assert "read-only" in err["Message"]
    assert status(server, f"new.{STATIC_ZONE}") == "NXDOMAIN"
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
