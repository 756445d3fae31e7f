"""Helpers for the AWS-API tests (test_cloudmap.py, test_route53_policies.py,
test_aws_agents.py): boto3 clients for Route 53 and Cloud Map pointed at a running
`shoal serve` (every response checked against botocore's model by shape_check.py),
the aws command line with the same endpoint, DNS looked at with
dnspython (one record per RR, so every record keeps its own TTL), and a check that a
refused request changed nothing in DNS or in any listing.

Every network call has a timeout; every loop is bounded.
"""

from __future__ import annotations

import json
import os
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass

import boto3
import botocore.config
import botocore.exceptions
import dns.flags
import dns.message
import dns.query
import dns.rcode
import dns.rdatatype
import pytest

from helpers import NET_TIMEOUT, udp_raw
from shape_check import check_response_shape

REGION = "us-east-1"

# One attempt: a server error shows as itself, not as five slow retries.
_CONFIG = dict(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=30)


def endpoint(server) -> str:
    host, port = server.http
    return f"http://{host}:{port}"


def r53_client(server):
    client = boto3.client(
        "route53",
        endpoint_url=endpoint(server),
        region_name=REGION,
        aws_access_key_id="x",
        aws_secret_access_key="y",
        config=botocore.config.Config(**_CONFIG),
    )
    client.meta.events.register("after-call.route53", check_response_shape)
    return client


def sd_client(server, key: str = "x", secret: str = "y"):
    """Cloud Map. DiscoverInstances would send to `data-127.0.0.1`, which does not
    resolve: docs/aws.md says to turn host prefixes off, as here."""
    client = boto3.client(
        "servicediscovery",
        endpoint_url=endpoint(server),
        region_name=REGION,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=botocore.config.Config(inject_host_prefix=False, **_CONFIG),
    )
    client.meta.events.register("after-call.servicediscovery", check_response_shape)
    return client


def expect_error(code: str, fn, *args, http_status: int | None = None, **kw) -> dict:
    """fn must raise a ClientError with this code; returns the parsed error response."""
    with pytest.raises(botocore.exceptions.ClientError) as info:
        fn(*args, **kw)
    err = info.value.response
    assert err["Error"]["Code"] == code, err
    if http_status is not None:
        assert err["ResponseMetadata"]["HTTPStatusCode"] == http_status, err
    return err


# --------------------------------------------------------------------------- aws command line


def aws_cli(server, service: str, *args: str, env: dict | None = None, check: bool = True):
    """Run `aws SERVICE ARGS --endpoint-url ... --output json`; returns the parsed JSON
    (None for an empty output), or the CompletedProcess when check=False."""
    cli_env = dict(
        os.environ,
        AWS_ACCESS_KEY_ID="x",
        AWS_SECRET_ACCESS_KEY="y",
        AWS_DEFAULT_REGION=REGION,
        AWS_CONFIG_FILE="/nonexistent/aws-config",
        AWS_SHARED_CREDENTIALS_FILE="/nonexistent/aws-credentials",
        AWS_MAX_ATTEMPTS="1",
        AWS_PAGER="",
    )
    cli_env.pop("AWS_PROFILE", None)
    cli_env.update(env or {})
    argv = ["aws", service, *args, "--endpoint-url", endpoint(server), "--output", "json"]
    p = subprocess.run(argv, env=cli_env, capture_output=True, text=True, timeout=60)
    if not check:
        return p
    assert p.returncode == 0, f"$ {' '.join(argv)}\nexit {p.returncode}\n{p.stderr}"
    return json.loads(p.stdout) if p.stdout.strip() else None


# --------------------------------------------------------------------------- DNS


@dataclass
class Reply:
    rcode: str
    aa: bool
    answer: list[tuple[str, int, str, str]]  # (owner, ttl, type, rdata), one per record
    additional: list[tuple[str, int, str, str]]

    def rdatas(self, rtype: str | None = None) -> list[str]:
        return sorted(r[3] for r in self.answer if rtype is None or r[2] == rtype)

    def ttls(self, rtype: str | None = None) -> set[int]:
        return {r[1] for r in self.answer if rtype is None or r[2] == rtype}

    def owners(self, rtype: str | None = None) -> set[str]:
        return {r[0] for r in self.answer if rtype is None or r[2] == rtype}


def ask(server, name: str, rtype: str = "A") -> Reply:
    """One UDP query (TCP again if truncated) to server.v4, without recursion desired."""
    q = dns.message.make_query(name, rtype, use_edns=0, payload=1232)
    q.flags &= ~dns.flags.RD
    wire = udp_raw(q.to_wire(), server.v4, NET_TIMEOUT)
    assert wire is not None, f"no UDP reply for {name} {rtype} within {NET_TIMEOUT} s"
    msg = dns.message.from_wire(wire, one_rr_per_rrset=True, raise_on_truncation=False)
    if msg.flags & dns.flags.TC:
        host, port = server.v4
        msg = dns.query.tcp(q, host, port=port, timeout=NET_TIMEOUT, one_rr_per_rrset=True)
    assert msg.id == q.id
    return Reply(dns.rcode.to_text(msg.rcode()), bool(msg.flags & dns.flags.AA), _rows(msg.answer), _rows(msg.additional))


def _rows(section) -> list[tuple[str, int, str, str]]:
    out = []
    for rrset in section:
        for rd in rrset:
            out.append((rrset.name.to_text().lower(), rrset.ttl, dns.rdatatype.to_text(rrset.rdtype), rd.to_text()))
    return out


def ask_many(server, name: str, rtype: str, n: int) -> list[Reply]:
    return [ask(server, name, rtype) for _ in range(n)]


def records(server, name: str, rtype: str = "A") -> list[str]:
    """Sorted rdata of `rtype` in one answer (NOERROR asserted)."""
    r = ask(server, name, rtype)
    assert r.rcode == "NOERROR", (name, rtype, r)
    return r.rdatas(rtype)


def soa_serial(server, zone: str) -> int:
    r = ask(server, zone, "SOA")
    assert r.rcode == "NOERROR" and len(r.rdatas("SOA")) == 1, r
    return int(r.rdatas("SOA")[0].split()[2])


def dns_picture(server, queries, samples: int = 40) -> dict:
    """For each (name, type): the rcode and, over `samples` queries, every (owner, type,
    rdata, ttl) seen — a picture that routing-policy randomness does not change (with 40
    samples a choice of probability 1/4 is missed with probability 1e-5; tests using this
    keep choices at probability >= 1/2 or give one choice only)."""
    pic = {}
    for name, rtype in queries:
        replies = ask_many(server, name, rtype, samples)
        rcodes = {r.rcode for r in replies}
        seen = frozenset((o, t, d, ttl) for r in replies for (o, ttl, t, d) in r.answer)
        pic[(name, rtype)] = (tuple(sorted(rcodes)), seen)
    return pic


@contextmanager
def nothing_changes(server, zone: str, queries=(), listings: dict | None = None, samples: int = 40):
    """The block must change nothing: the zone's SOA serial, what DNS answers for
    `queries` ((name, type) pairs), and every listing (name -> zero-argument callable)."""
    listings = listings or {}
    serial = soa_serial(server, zone)
    before_dns = dns_picture(server, queries, samples)
    before = {k: f() for k, f in listings.items()}
    yield
    assert soa_serial(server, zone) == serial, f"the SOA serial of {zone} changed after a refused request"
    after_dns = dns_picture(server, queries, samples)
    for key in before_dns:
        assert after_dns[key] == before_dns[key], f"DNS for {key} changed: {before_dns[key]} -> {after_dns[key]}"
    for k, f in listings.items():
        after = f()
        assert after == before[k], f"listing {k} changed:\n{before[k]}\n->\n{after}"


# --------------------------------------------------------------------------- Route 53


def create_zone(r53, name: str, **kw) -> str:
    """A hosted zone; returns its Id (`/hostedzone/Z...`)."""
    return r53.create_hosted_zone(Name=name, CallerReference=f"ref-{name}", **kw)["HostedZone"]["Id"]


def zone_id_by_name(r53, name: str) -> str | None:
    want = name.rstrip(".").lower() + "."
    for z in r53.list_hosted_zones_by_name(DNSName=want)["HostedZones"]:
        if z["Name"] == want:
            return z["Id"]
    return None


def simple(name: str, rtype: str, values: list[str], ttl: int = 60) -> dict:
    return {"Name": name, "Type": rtype, "TTL": ttl, "ResourceRecords": [{"Value": v} for v in values]}


def weighted(name: str, rtype: str, ident: str, weight: int, values: list[str], ttl: int = 60) -> dict:
    return dict(simple(name, rtype, values, ttl), SetIdentifier=ident, Weight=weight)


def multivalue(name: str, rtype: str, ident: str, values: list[str], ttl: int = 60) -> dict:
    return dict(simple(name, rtype, values, ttl), SetIdentifier=ident, MultiValueAnswer=True)


def alias(name: str, rtype: str, zone_id: str, target: str, **extra) -> dict:
    at = {"HostedZoneId": zone_id.split("/")[-1], "DNSName": target, "EvaluateTargetHealth": False}
    return {"Name": name, "Type": rtype, "AliasTarget": at, **extra}


def change(r53, zone_id: str, *changes: tuple[str, dict], comment: str | None = None) -> dict:
    batch: dict = {"Changes": [{"Action": a, "ResourceRecordSet": rs} for a, rs in changes]}
    if comment is not None:
        batch["Comment"] = comment
    return r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch=batch)


def all_rrsets(r53, zone_id: str, page: int = 300, max_pages: int = 1000) -> list[dict]:
    """Every set, following NextRecordName/Type/Identifier until IsTruncated is false."""
    sets, kw = [], {}
    for _ in range(max_pages):
        r = r53.list_resource_record_sets(HostedZoneId=zone_id, MaxItems=str(page), **kw)
        assert len(r["ResourceRecordSets"]) <= page, r
        sets += r["ResourceRecordSets"]
        if not r["IsTruncated"]:
            assert "NextRecordName" not in r and "NextRecordIdentifier" not in r, r
            return sets
        assert len(r["ResourceRecordSets"]) == page, r
        kw = {"StartRecordName": r["NextRecordName"], "StartRecordType": r["NextRecordType"]}
        if "NextRecordIdentifier" in r:
            kw["StartRecordIdentifier"] = r["NextRecordIdentifier"]
    raise AssertionError(f"listing of {zone_id} did not end within {max_pages} pages")


def sets_at(r53, zone_id: str, name: str, rtype: str | None = None) -> list[dict]:
    want = name.rstrip(".").lower() + "."
    return [s for s in all_rrsets(r53, zone_id) if s["Name"] == want and (rtype is None or s["Type"] == rtype)]


def values(rs: dict) -> list[str]:
    return sorted(v["Value"] for v in rs.get("ResourceRecords", []))


# --------------------------------------------------------------------------- Cloud Map


def operation(sd, op_id: str, want_type: str | None = None) -> dict:
    """GetOperation; Shoal applies before it answers, so the operation is SUCCESS at once."""
    op = sd.get_operation(OperationId=op_id)["Operation"]
    assert op["Id"] == op_id, op
    assert op["Status"] == "SUCCESS", op
    if want_type:
        assert op["Type"] == want_type, op
    return op


def create_namespace(sd, name: str, vpc: str = "vpc-0a1b2c3d", **kw) -> str:
    """CreatePrivateDnsNamespace, then GetOperation for the new namespace's id."""
    op_id = sd.create_private_dns_namespace(Name=name, Vpc=vpc, **kw)["OperationId"]
    return operation(sd, op_id, "CREATE_NAMESPACE")["Targets"]["NAMESPACE"]


def create_service(sd, ns_id: str, name: str, records: list[tuple[str, int]], policy: str = "MULTIVALUE",
                   custom_health: bool = False, **kw) -> dict:
    dns_config = {"RoutingPolicy": policy, "DnsRecords": [{"Type": t, "TTL": ttl} for t, ttl in records]}
    if custom_health:
        kw["HealthCheckCustomConfig"] = {"FailureThreshold": 1}
    return sd.create_service(Name=name, NamespaceId=ns_id, DnsConfig=dns_config, **kw)["Service"]


def register(sd, service_id: str, iid: str, attrs: dict[str, str]) -> dict:
    op_id = sd.register_instance(ServiceId=service_id, InstanceId=iid, Attributes=attrs)["OperationId"]
    return operation(sd, op_id, "REGISTER_INSTANCE")


def deregister(sd, service_id: str, iid: str) -> dict:
    op_id = sd.deregister_instance(ServiceId=service_id, InstanceId=iid)["OperationId"]
    return operation(sd, op_id, "DEREGISTER_INSTANCE")


def instance_ids(sd, service_id: str) -> list[str]:
    out, kw = [], {}
    for _ in range(100):
        r = sd.list_instances(ServiceId=service_id, **kw)
        out += [i["Id"] for i in r["Instances"]]
        if not r.get("NextToken"):
            return sorted(out)
        kw = {"NextToken": r["NextToken"]}
    raise AssertionError("ListInstances did not end")


def discover(sd, ns: str, service: str, **kw) -> list[dict]:
    return sd.discover_instances(NamespaceName=ns, ServiceName=service, **kw)["Instances"]
