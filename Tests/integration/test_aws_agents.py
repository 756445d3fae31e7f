"""Replays of code that already runs against AWS, unchanged but for the endpoint: an
ECS-event Lambda that UPSERTs and DELETEs a CNAME per service, a per-container agent that
keeps weighted SRV and A record sets (SetIdentifier = container id, TTL 0) and lists and
deletes them page by page by identifier; and one store: what Cloud Map, Route 53 and the
native API write is visible through the other two and in DNS.
"""

from __future__ import annotations


from api_helpers import answers, instance_path, q
from aws_helpers import (
    ask,
    ask_many,
    create_namespace,
    create_service,
    expect_error,
    records,
    register,
    sd_client,
    sets_at,
    soa_serial,
    values,
    zone_id_by_name,
)


# --------------------------------------------------------------------------- (a) ECS-event Lambda


ZONE = "ecs.agents.test"


def ecs_task_event(service: str, status: str, ip: str) -> dict:
    """An EventBridge `ECS Task State Change` event, as the Lambda receives it."""
    dns_name = "ip-" + ip.replace(".", "-") + ".ec2.internal"
    return {
        "version": "0", "id": "5d2f-example", "detail-type": "ECS Task State Change", "source": "aws.ecs",
        "account": "123456789012", "time": "2024-06-01T12:00:00Z", "region": "us-east-1",
        "resources": ["arn:aws:ecs:us-east-1:123456789012:task/prod/0a1b2c"],
        "detail": {
            "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
            "group": f"service:{service}", "lastStatus": status, "desiredStatus": status,
            "taskArn": "arn:aws:ecs:us-east-1:123456789012:task/prod/0a1b2c",
            "attachments": [{"type": "eni", "status": "ATTACHED", "details": [
                {"name": "privateIPv4Address", "value": ip},
                {"name": "privateDnsName", "value": dns_name},
            ]}],
        },
    }


def ecs_lambda_handler(event: dict, route53) -> str:
    """What such a Lambda does, written against Route 53 only: find the private zone by
    name, UPSERT `<service>.<zone>` CNAME on RUNNING; on STOPPED, look the set up and DELETE
    it with exactly the values listed."""
    detail = event["detail"]
    service = detail["group"].split(":", 1)[1]
    zones = route53.list_hosted_zones_by_name(DNSName=ZONE, MaxItems="1")["HostedZones"]
    zone_id = next(z["Id"] for z in zones if z["Name"] == ZONE + ".")
    name = f"{service}.{ZONE}."
    if detail["lastStatus"] == "RUNNING":
        eni = {d["name"]: d["value"] for d in detail["attachments"][0]["details"]}
        rs = {"Name": name, "Type": "CNAME", "TTL": 60, "ResourceRecords": [{"Value": eni["privateDnsName"]}]}
        r = route53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={
            "Comment": f"{detail['taskArn']} {detail['lastStatus']}",
            "Changes": [{"Action": "UPSERT", "ResourceRecordSet": rs}]})
        return r["ChangeInfo"]["Id"]
    if detail["lastStatus"] == "STOPPED":
        found = route53.list_resource_record_sets(
            HostedZoneId=zone_id, StartRecordName=name, StartRecordType="CNAME", MaxItems="1")["ResourceRecordSets"]
        for rs in found:
            if rs["Name"] == name and rs["Type"] == "CNAME":
                r = route53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={
                    "Changes": [{"Action": "DELETE", "ResourceRecordSet": rs}]})
                return r["ChangeInfo"]["Id"]
    return ""


def test_ecs_event_lambda(server, r53):
    r53.create_hosted_zone(
        Name=ZONE, CallerReference="ecs-1", HostedZoneConfig={"Comment": "ECS services", "PrivateZone": True},
        VPC={"VPCRegion": "us-east-1", "VPCId": "vpc-0ecs"})
    serial = soa_serial(server, ZONE)

    change_id = ecs_lambda_handler(ecs_task_event("orders", "RUNNING", "10.0.1.23"), r53)
    assert r53.get_change(Id=change_id)["ChangeInfo"]["Status"] == "INSYNC"
    res = server.dig("orders.ecs.agents.test", "CNAME")
    assert res.status == "NOERROR" and res.rdatas("CNAME") == ["ip-10-0-1-23.ec2.internal."], res
    assert res.answer[0][1] == 60, res
    assert soa_serial(server, ZONE) == serial + 1

    # The task is replaced: a RUNNING event for the new one moves the name.
    ecs_lambda_handler(ecs_task_event("orders", "RUNNING", "10.0.2.7"), r53)
    assert answers(server, "orders.ecs.agents.test", "CNAME") == ["ip-10-0-2-7.ec2.internal."]
    ecs_lambda_handler(ecs_task_event("payments", "RUNNING", "10.0.3.9"), r53)

    ecs_lambda_handler(ecs_task_event("orders", "STOPPED", "10.0.2.7"), r53)
    assert server.dig("orders.ecs.agents.test", "CNAME").status == "NXDOMAIN"
    assert server.dig("orders.ecs.agents.test", "A").status == "NXDOMAIN"
    assert answers(server, "payments.ecs.agents.test", "CNAME") == ["ip-10-0-3-9.ec2.internal."]
    # A repeated STOPPED event finds nothing to delete and changes nothing.
    serial = soa_serial(server, ZONE)
    assert ecs_lambda_handler(ecs_task_event("orders", "STOPPED", "10.0.2.7"), r53) == ""
    assert soa_serial(server, ZONE) == serial


# --------------------------------------------------------------------------- (b) per-container agent


AGENT_ZONE = "agent.agents.test"
SRV_NAME = f"_web._tcp.{AGENT_ZONE}."
A_NAME = f"web.{AGENT_ZONE}."
CONTAINERS = 25


def container(i: int) -> dict:
    return {"id": f"{0x3f2a9c000000 + i * 7919:012x}", "ip": f"10.1.{i // 200}.{i % 200 + 1}", "port": 32768 + i}


def agent_sets(c: dict, weight: int = 10) -> list[dict]:
    """The agent's two sets for one container: weighted, identified by the container id, TTL 0."""
    return [
        {"Name": SRV_NAME, "Type": "SRV", "SetIdentifier": c["id"], "Weight": weight, "TTL": 0,
         "ResourceRecords": [{"Value": f"1 1 {c['port']} {A_NAME}"}]},
        {"Name": A_NAME, "Type": "A", "SetIdentifier": c["id"], "Weight": weight, "TTL": 0,
         "ResourceRecords": [{"Value": c["ip"]}]},
    ]


def upsert_in_batches(r53, zone_id: str, sets: list[dict], batch: int = 10) -> None:
    for start in range(0, len(sets), batch):
        chunk = sets[start:start + batch]
        r = r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={
            "Comment": "agent sync", "Changes": [{"Action": "UPSERT", "ResourceRecordSet": rs} for rs in chunk]})
        assert r["ChangeInfo"]["Status"] in ("PENDING", "INSYNC")


def list_by_identifier(r53, zone_id: str, page: int = 4) -> tuple[list[dict], int]:
    """Page by page with MaxItems=page, as the agent does; returns the sets and the page count."""
    out, kw = [], {}
    for pages in range(1, 200):
        r = r53.list_resource_record_sets(HostedZoneId=zone_id, MaxItems=str(page), **kw)
        assert r["MaxItems"] == str(page), r
        got = r["ResourceRecordSets"]
        out += got
        if not r["IsTruncated"]:
            assert "NextRecordName" not in r and "NextRecordIdentifier" not in r, r
            return out, pages
        assert len(got) == page, r
        kw = {"StartRecordName": r["NextRecordName"], "StartRecordType": r["NextRecordType"]}
        if "NextRecordIdentifier" in r:
            kw["StartRecordIdentifier"] = r["NextRecordIdentifier"]
    raise AssertionError("listing did not end within 200 pages")


def test_per_container_agent(server, r53):
    zone_id = r53.create_hosted_zone(Name=AGENT_ZONE, CallerReference="agent-1")["HostedZone"]["Id"]
    fleet = [container(i) for i in range(CONTAINERS)]
    upsert_in_batches(r53, zone_id, [rs for c in fleet for rs in agent_sets(c)])

    ips = {c["ip"] for c in fleet}
    srvs = {f"1 1 {c['port']} {A_NAME}" for c in fleet}
    seen_a, seen_srv = set(), set()
    for reply in ask_many(server, A_NAME, "A", 600):
        assert reply.rcode == "NOERROR" and len(reply.answer) == 1 and reply.ttls() == {0}, reply
        assert reply.rdatas("A")[0] in ips, reply
        seen_a.add(reply.rdatas("A")[0])
    assert seen_a == ips  # 600 draws among 25: each is seen (a miss has probability < 1e-9)
    for reply in ask_many(server, SRV_NAME, "SRV", 600):
        assert len(reply.rdatas("SRV")) == 1 and reply.ttls() == {0} and reply.rdatas("SRV")[0] in srvs, reply
        seen_srv.add(reply.rdatas("SRV")[0])
    assert seen_srv == srvs
    res = server.dig(SRV_NAME, "SRV")
    assert res.status == "NOERROR" and len(res.rdatas("SRV")) == 1, res
    assert len([r for r in res.additional if r[2] == "A"]) <= 1, res  # the target's A is selected too

    # The agent syncs again (same sets) and drains one container (weight 0): never answered.
    upsert_in_batches(r53, zone_id, [rs for c in fleet for rs in agent_sets(c)])
    draining = fleet[0]
    upsert_in_batches(r53, zone_id, agent_sets(draining, weight=0))
    for reply in ask_many(server, A_NAME, "A", 200):
        assert reply.rdatas("A") != [draining["ip"]], reply

    # Listed page by page by identifier: every set exactly once, in the order of a full listing.
    listed, pages = list_by_identifier(r53, zone_id, page=4)
    keys = [(s["Name"], s["Type"], s.get("SetIdentifier")) for s in listed]
    assert len(keys) == len(set(keys)), "a set was listed twice"
    want = {(n, t, c["id"]) for c in fleet for n, t in ((SRV_NAME, "SRV"), (A_NAME, "A"))}
    assert {k for k in keys if k[2]} == want
    assert len(listed) == 2 * CONTAINERS + 2 and pages == (len(listed) + 3) // 4  # and SOA, NS
    full = r53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]
    assert listed == full
    by_id = {s["SetIdentifier"]: s for s in listed if s["Type"] == "A"}
    assert by_id[draining["id"]]["Weight"] == 0 and by_id[fleet[1]["id"]]["Weight"] == 10
    assert by_id[fleet[1]["id"]]["TTL"] == 0 and values(by_id[fleet[1]["id"]]) == [fleet[1]["ip"]]

    # Containers stop: each set is deleted with exactly what was listed.
    mine = [s for s in listed if "SetIdentifier" in s]
    for start in range(0, len(mine), 8):
        r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={
            "Changes": [{"Action": "DELETE", "ResourceRecordSet": rs} for rs in mine[start:start + 8]]})
        if start == 0:
            assert ask(server, A_NAME).rcode == "NOERROR"  # the others are still answered
    assert ask(server, A_NAME, "A").rcode == "NXDOMAIN"
    assert ask(server, SRV_NAME, "SRV").rcode == "NXDOMAIN"
    assert server.dig(SRV_NAME, "SRV").status == "NXDOMAIN"
    assert [s["Type"] for s in r53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]] == ["NS", "SOA"]


# --------------------------------------------------------------------------- (c) one store


def test_one_store_for_cloud_map_route53_and_native(server, r53):
    api = server.api
    sd = sd_client(server)
    zone = "store.agents.test"
    ns_id = create_namespace(sd, zone)
    svc = create_service(sd, ns_id, "web", [("A", 10), ("SRV", 10)])
    register(sd, svc["Id"], "i-1", {"AWS_INSTANCE_IPV4": "10.2.0.1", "AWS_INSTANCE_PORT": "8080", "team": "blue"})

    # The namespace is a zone of the native API; its instance is an instance there.
    assert zone in [z["name"] for z in api.zones()]
    r = api.instances(zone, "web")
    assert r.status == 200, r
    native = {i["id"]: i for i in r.json()["instances"]}
    assert set(native) == {"i-1"}, r
    assert native["i-1"]["address"] == "10.2.0.1" and native["i-1"]["port"] == 8080, r
    assert native["i-1"]["attributes"].get("team") == "blue", r
    # ... and a set of record sets for Route 53.
    zone_id = zone_id_by_name(r53, zone)
    assert [(s["SetIdentifier"], values(s)) for s in sets_at(r53, zone_id, f"web.{zone}", "A")] == [("i-1", ["10.2.0.1"])]

    # Written through the native API: visible through Route 53 and DNS.
    api.change_ok(zone, [{"action": "CREATE", "name": "static", "type": "A", "ttl": 120, "records": ["10.2.9.1", "10.2.9.2"]}])
    static = sets_at(r53, zone_id, f"static.{zone}", "A")
    assert [(s["TTL"], values(s)) for s in static] == [(120, ["10.2.9.1", "10.2.9.2"])], static
    assert answers(server, f"static.{zone}") == ["10.2.9.1", "10.2.9.2"]

    # One weighted group written half natively, half through Route 53.
    api.change_ok(zone, [{"action": "CREATE", "name": "api", "type": "A", "ttl": 0, "records": ["10.2.8.1"],
                          "setIdentifier": "stable", "weight": 3}])
    r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": [{"Action": "CREATE", "ResourceRecordSet": {
        "Name": f"api.{zone}.", "Type": "A", "SetIdentifier": "canary", "Weight": 1, "TTL": 0,
        "ResourceRecords": [{"Value": "10.2.8.2"}]}}]})
    group = sets_at(r53, zone_id, f"api.{zone}", "A")
    assert [(s["SetIdentifier"], s["Weight"], values(s)) for s in group] == [
        ("canary", 1, ["10.2.8.2"]), ("stable", 3, ["10.2.8.1"])], group
    native_group = api.all_records(zone, name="api", type="A")
    assert [(s["setIdentifier"], s["weight"], s["records"]) for s in native_group] == [
        ("canary", 1, ["10.2.8.2"]), ("stable", 3, ["10.2.8.1"])], native_group
    for reply in ask_many(server, f"api.{zone}", "A", 20):
        assert reply.rdatas("A") in (["10.2.8.1"], ["10.2.8.2"]) and reply.ttls() == {0}, reply

    # Written through Route 53: visible through the native API.
    r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": [{"Action": "CREATE", "ResourceRecordSet": {
        "Name": f"note.{zone}.", "Type": "TXT", "TTL": 30, "ResourceRecords": [{"Value": '"from route 53"'}]}}]})
    listed = api.all_records(zone, name="note", type="TXT")
    assert [(s["ttl"], s["records"]) for s in listed] == [(30, ['"from route 53"'])], listed

    # An instance registered natively into the declared service: Cloud Map sees it, DNS answers it.
    api.register_ok(zone, "web", "i-2", {"address": "10.2.0.2", "port": 9090})
    assert sorted(i["Id"] for i in sd.list_instances(ServiceId=svc["Id"])["Instances"]) == ["i-1", "i-2"]
    attrs = sd.get_instance(ServiceId=svc["Id"], InstanceId="i-2")["Instance"]["Attributes"]
    assert attrs.get("AWS_INSTANCE_IPV4") == "10.2.0.2" and attrs.get("AWS_INSTANCE_PORT") == "9090", attrs
    found = sd.discover_instances(NamespaceName=zone, ServiceName="web", HealthStatus="ALL")["Instances"]
    assert sorted(i["InstanceId"] for i in found) == ["i-1", "i-2"], found
    assert records(server, f"web.{zone}") == ["10.2.0.1", "10.2.0.2"]
    assert records(server, f"web.{zone}", "SRV") == [f"1 1 8080 i-1.web.{zone}.", f"1 1 9090 i-2.web.{zone}."]

    # Removed natively: gone for Cloud Map and Route 53 too.
    r = api.delete(instance_path(zone, "web", "i-1"))
    assert r.status == 200, r
    expect_error("InstanceNotFound", sd.get_instance, ServiceId=svc["Id"], InstanceId="i-1")
    assert [s["SetIdentifier"] for s in sets_at(r53, zone_id, f"web.{zone}", "A")] == ["i-2"]
    assert records(server, f"web.{zone}") == ["10.2.0.2"]

    # A set written natively, deleted through Route 53 with what Route 53 lists.
    r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={
        "Changes": [{"Action": "DELETE", "ResourceRecordSet": static[0]}]})
    assert ask(server, f"static.{zone}").rcode == "NXDOMAIN"
    assert api.all_records(zone, name="static") == []
    assert api.get(f"/v1/zones/{q(zone)}").status == 200
