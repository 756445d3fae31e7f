"""One store (issue 4, item 4): what the native API writes, Route 53 (boto3) and Cloud
Map (boto3) show, and what they write, the native API shows: zones and their metadata,
routing-policy record sets, declared services, instances and their health, changes.
DNS answers the same whichever API wrote.
"""

from __future__ import annotations


from api_helpers import instance_path, q
from aws_helpers import (
    create_namespace,
    create_service,
    discover,
    instance_ids,
    operation,
    r53_client,
    register,
    sd_client,
    sets_at,
    values,
    weighted,
    zone_id_by_name,
)
from aws_helpers import change as r53_change
from helpers import query, rcode_name, rrset_texts, udp


def addresses(server, name: str, rtype: str = "A", n: int = 30) -> set[str]:
    """Every address DNS gave for `name` in `n` queries."""
    seen: set[str] = set()
    for _ in range(n):
        msg = udp(query(name, rtype), server.v4)
        assert rcode_name(msg) == "NOERROR", msg
        seen |= {r[3] for r in rrset_texts(msg.answer, rtype)}
    return seen


def test_native_writes_are_seen_through_route53(server, api):
    r53 = r53_client(server)
    zone = "native-r53.internal"
    api.create_zone(zone, metadata={"team": "edge"})
    native = api.change_ok(zone, [
        {"action": "CREATE", "name": "web", "type": "A", "ttl": 0, "records": ["10.5.0.1"], "setIdentifier": "blue",
         "weight": 3},
        {"action": "CREATE", "name": "web", "type": "A", "ttl": 0, "records": ["10.5.0.2"], "setIdentifier": "green",
         "weight": 1},
        {"action": "CREATE", "name": "www", "type": "A", "alias": {"name": "web"}},
    ])

    zone_id = zone_id_by_name(r53, zone)
    assert zone_id, r53.list_hosted_zones_by_name(DNSName=zone)
    web = sets_at(r53, zone_id, f"web.{zone}", "A")
    assert [(s["SetIdentifier"], s["Weight"], s["TTL"], values(s)) for s in web] == [
        ("blue", 3, 0, ["10.5.0.1"]), ("green", 1, 0, ["10.5.0.2"])], web
    www = sets_at(r53, zone_id, f"www.{zone}", "A")
    assert len(www) == 1 and www[0]["AliasTarget"]["DNSName"] == f"web.{zone}.", www
    got = r53.get_change(Id=native["changeId"])["ChangeInfo"]
    assert got["Status"] == "INSYNC" and got["Id"].endswith(native["changeId"]), got

    # Route 53 deletes one of them exactly; the native listing and DNS follow.
    r53_change(r53, zone_id, ("DELETE", weighted(f"web.{zone}", "A", "blue", 3, ["10.5.0.1"], ttl=0)))
    listed = api.all_records(zone, name="web", type="A")
    assert [s["setIdentifier"] for s in listed] == ["green"], listed
    assert addresses(server, f"www.{zone}") == {"10.5.0.2"}


def test_route53_writes_are_seen_natively(server, api):
    r53 = r53_client(server)
    zone = "r53-native.internal"
    zone_id = r53.create_hosted_zone(
        Name=zone, CallerReference="ref-one-store", VPC={"VPCRegion": "us-east-1", "VPCId": "vpc-0a1b2c3d"},
        HostedZoneConfig={"PrivateZone": True, "Comment": "from route 53"})["HostedZone"]["Id"]
    info = api.zone(zone)
    assert info["comment"] == "from route 53", info
    assert info["metadata"]["route53.callerReference"] == "ref-one-store", info
    assert info["metadata"]["route53.private"] == "true", info

    reply = r53_change(r53, zone_id, ("CREATE", weighted(f"api.{zone}", "A", "a", 1, ["10.5.1.1"])),
                       ("CREATE", weighted(f"api.{zone}", "A", "b", 0, ["10.5.1.2"])), comment="from boto3")
    change_id = reply["ChangeInfo"]["Id"].split("/")[-1]
    change = api.get(f"/v1/changes/{change_id}").json()
    assert change["operation"] == "CHANGE_RECORDS" and change["comment"] == "from boto3", change
    listed = api.all_records(zone, name="api", type="A")
    assert [(s["setIdentifier"], s["weight"], s["records"]) for s in listed] == [
        ("a", 1, ["10.5.1.1"]), ("b", 0, ["10.5.1.2"])], listed
    assert addresses(server, f"api.{zone}") == {"10.5.1.1"}, "weight 0 is not answered beside weight 1"

    log = api.get("/v1/changes", zone=zone).json()["changes"]
    assert [c["operation"] for c in log] == ["CHANGE_RECORDS", "CREATE_ZONE"], log


def test_cloud_map_and_native_share_services_instances_and_health(server, api):
    sd = sd_client(server)
    zone = "cm-native.internal"
    ns_id = create_namespace(sd, zone)
    assert api.zone(zone)["metadata"].get("cloudmap.namespaceType") == "DNS_PRIVATE"
    service = create_service(sd, ns_id, "web", [("A", 10)], policy="WEIGHTED", custom_health=True)

    declared = api.get(f"/v1/zones/{q(zone)}/services/web")
    assert declared.status == 200, declared
    assert declared.json()["routingPolicy"] == "WEIGHTED" and declared.json()["records"] == [{"type": "A", "ttl": 10}]

    register(sd, service["Id"], "i-1", {"AWS_INSTANCE_IPV4": "10.5.2.1", "color": "blue"})
    r = api.register(zone, "web", "i-2", {"address": "10.5.2.2", "attributes": {"color": "green"}})
    assert r.status == 201, r
    assert instance_ids(sd, service["Id"]) == ["i-1", "i-2"]
    native = {i["id"]: i for i in api.instances(zone, "web").json()["instances"]}
    assert native["i-1"]["address"] == "10.5.2.1" and native["i-1"]["attributes"].get("color") == "blue", native
    assert {i["InstanceId"] for i in discover(sd, zone, "web")} == {"i-1", "i-2"}
    assert addresses(server, f"web.{zone}") == {"10.5.2.1", "10.5.2.2"}

    # Health set natively is Cloud Map's health, and DNS leaves the instance out at once.
    r = api.put(instance_path(zone, "web", "i-1") + "/health", {"healthy": False})
    assert r.status == 200, r
    status = sd.get_instances_health_status(ServiceId=service["Id"])["Status"]
    assert status == {"i-1": "UNHEALTHY", "i-2": "HEALTHY"}, status
    assert addresses(server, f"web.{zone}") == {"10.5.2.2"}
    assert {i["InstanceId"] for i in discover(sd, zone, "web", HealthStatus="HEALTHY")} == {"i-2"}

    # And the other way round.
    sd.update_instance_custom_health_status(ServiceId=service["Id"], InstanceId="i-1", Status="HEALTHY")
    assert api.get(instance_path(zone, "web", "i-1")).json()["healthy"] is True
    log = api.get("/v1/changes", zone=zone, limit=1).json()["changes"]
    assert log[0]["operation"] == "UPDATE_HEALTH" and log[0]["instance"] == "i-1", log

    # Deregistering natively is Cloud Map's deregistration; the change id is its operation id.
    gone = api.delete(instance_path(zone, "web", "i-2")).json()
    op = operation(sd, gone["changeId"], "DEREGISTER_INSTANCE")
    assert op["Targets"]["INSTANCE"] == "i-2", op
    assert instance_ids(sd, service["Id"]) == ["i-1"]
