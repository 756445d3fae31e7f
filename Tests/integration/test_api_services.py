"""Registration API, declared services and instance health: POST/GET/DELETE
/v1/zones/{zone}/services[/{service}], instances with ipv4/ipv6/cname/port, and
PUT .../instances/{id}/health, with what DNS answers for them (weighted: one
instance an answer; multivalue: up to 8; unhealthy left out unless all are).
"""

from __future__ import annotations


import pytest

from api_helpers import (
    ISO_RE,
    answer_records,
    assert_error,
    instance_path,
    nothing_changes,
    q,
    sample_answers,
    soa_serial,
)



def services_path(zone: str, service: str | None = None) -> str:
    path = f"/v1/zones/{q(zone)}/services"
    return path if service is None else f"{path}/{q(service)}"


def declare(api, zone: str, name: str, policy: str, records: dict[str, int], **extra) -> dict:
    spec = {"name": name, "routingPolicy": policy, "records": [{"type": t, "ttl": ttl} for t, ttl in records.items()]}
    r = api.post(services_path(zone), {**spec, **extra})
    assert r.status == 201, r
    return r.json()


def set_health(api, zone: str, service: str, iid: str, healthy: bool) -> dict:
    r = api.put(instance_path(zone, service, iid) + "/health", {"healthy": healthy})
    assert r.status == 200, r
    return r.json()


# ------------------------------------------------------------------ declare, list, get, delete


def test_declare_list_get_delete(server, api, zone):
    info = declare(api, zone, "web", "WEIGHTED", {"A": 10, "SRV": 20}, metadata={"team": "edge"})
    assert info["zone"] == zone and info["name"] == "web" and info["routingPolicy"] == "WEIGHTED", info
    assert info["records"] == [{"type": "A", "ttl": 10}, {"type": "SRV", "ttl": 20}], info
    assert info["metadata"] == {"team": "edge"} and info["instanceCount"] == 0, info
    assert ISO_RE.match(info["createdAt"]), info
    declare(api, zone, "db", "multivalue", {"AAAA": 5})

    listed = api.get(services_path(zone))
    assert listed.status == 200, listed
    assert [s["name"] for s in listed.json()["services"]] == ["db", "web"], listed
    got = api.get(services_path(zone, "WEB"))
    assert got.status == 200 and got.json() == info, got

    assert_error(api.post(services_path(zone), {"name": "web", "routingPolicy": "WEIGHTED",
                                                "records": [{"type": "A", "ttl": 1}]}), 409, "ServiceExists")
    assert_error(api.get(services_path(zone, "nothing")), 404, "NoSuchService")
    assert_error(api.get(services_path("nothing.internal")), 404, "NoSuchZone")

    serial = soa_serial(server, zone)
    r = api.delete(services_path(zone, "web"))
    assert r.status == 204 and r.body == b"", r
    assert soa_serial(server, zone) == serial, "deleting a service changes no record"
    assert_error(api.get(services_path(zone, "web")), 404, "NoSuchService")
    assert_error(api.delete(services_path(zone, "web")), 404, "NoSuchService")
    declare(api, zone, "web", "MULTIVALUE", {"A": 10})


@pytest.mark.parametrize(
    "spec, code, field",
    [
        ({"routingPolicy": "RANDOM"}, "InvalidRequest", "routingPolicy"),
        ({"records": []}, "InvalidRequest", "records"),
        ({"records": [{"type": "MX", "ttl": 10}]}, "InvalidType", "records[0].type"),
        ({"records": [{"type": "A", "ttl": 10}, {"type": "A", "ttl": 20}]}, "InvalidRequest", "records[1].type"),
        ({"routingPolicy": "MULTIVALUE", "records": [{"type": "CNAME", "ttl": 10}]}, "InvalidRequest", "routingPolicy"),
        ({"records": [{"type": "CNAME", "ttl": 10}, {"type": "A", "ttl": 10}]}, "InvalidRequest", "records"),
        ({"records": [{"type": "A", "ttl": -1}]}, "InvalidTTL", "records[0].ttl"),
        ({"name": "we b"}, "InvalidName", "name"),
        ({"metadata": {"k": "v" * 5000}}, "InvalidRequest", "metadata.k"),
        ({"records": [{"type": "A", "ttl": "10"}]}, "InvalidJSON", "records[0].ttl"),
        ({"routingPolicy": None}, "InvalidJSON", "routingPolicy"),
    ],
    ids=["policy", "no-records", "type", "type-twice", "cname-multivalue", "cname-not-alone", "ttl", "name",
         "metadata", "ttl-string", "policy-null"],
)
def test_bad_declarations_are_400_and_change_nothing(server, api, zone, spec, code, field):
    body = {"name": "web", "routingPolicy": "WEIGHTED", "records": [{"type": "A", "ttl": 10}], **spec}
    with nothing_changes(server, zones=[zone]):
        assert_error(api.post(services_path(zone), body), 400, code, field=field)
    assert api.get(services_path(zone)).json()["services"] == []


def test_service_with_instances_is_not_deleted(server, api, zone):
    declare(api, zone, "web", "MULTIVALUE", {"A": 10})
    api.register_ok(zone, "web", "i-1", {"address": "10.3.0.1"})
    assert api.get(services_path(zone, "web")).json()["instanceCount"] == 1
    with nothing_changes(server, zones=[zone], queries=[(f"web.{zone}", "A")]):
        assert_error(api.delete(services_path(zone, "web")), 409, "ServiceNotEmpty")
    r = api.delete(instance_path(zone, "web", "i-1"))
    assert r.status == 200 and r.json()["operation"] == "DEREGISTER_INSTANCE", r
    assert api.delete(services_path(zone, "web")).status == 204


# ------------------------------------------------------------------ what DNS answers


def test_weighted_service_answers_one_instance_per_query(server, api, zone):
    declare(api, zone, "web", "WEIGHTED", {"A": 10, "AAAA": 10, "SRV": 20})
    instances = {f"i-{n}": (f"10.3.1.{n}", f"fd00::3:{n}", 8000 + n) for n in (1, 2, 3)}
    for iid, (v4, v6, port) in instances.items():
        r = api.register(zone, "web", iid, {"address": v4, "ipv6": v6, "port": port})
        assert r.status == 201, r
        inst = r.json()["instance"]
        assert inst["address"] == v4 and inst["ipv6"] == v6 and inst["healthy"] is True, inst

    for rtype, values in [("A", {v[0] for v in instances.values()}), ("AAAA", {v[1] for v in instances.values()})]:
        answers = sample_answers(server, f"web.{zone}", rtype)
        assert all(len(a) == 1 for a in answers), answers
        assert {a[0] for a in answers} == values, f"{rtype}: every instance is chosen some time"
    srv = sample_answers(server, f"web.{zone}", "SRV")
    want = {f"1 1 {port} {iid}.web.{zone}." for iid, (_, _, port) in instances.items()}
    assert all(len(a) == 1 for a in srv) and {a[0] for a in srv} == want, srv
    assert {r[1] for r in answer_records(server, f"web.{zone}", "SRV")} == {20}
    assert answer_records(server, f"web.{zone}", "A")[0][1] == 10
    # The SRV targets answer the instance's own addresses, with the SRV declaration's TTL.
    assert answer_records(server, f"i-2.web.{zone}", "A") == [(f"i-2.web.{zone}.", 20, "A", "10.3.1.2")]
    assert answer_records(server, f"i-2.web.{zone}", "AAAA") == [(f"i-2.web.{zone}.", 20, "AAAA", "fd00::3:2")]

    listed = api.all_records(zone, name="web", type="A")
    assert [(s["setIdentifier"], s["weight"], s["records"]) for s in listed] == [
        (iid, 1, [v4]) for iid, (v4, _, _) in sorted(instances.items())
    ], listed
    assert all(s["source"] == "instance" and s["healthy"] is True and "multiValue" not in s for s in listed), listed


def test_multivalue_service_answers_up_to_eight(server, api, zone):
    declare(api, zone, "api", "MULTIVALUE", {"A": 15})
    addresses = {f"10.3.2.{n}" for n in range(1, 11)}
    for n, address in enumerate(sorted(addresses)):
        api.register_ok(zone, "api", f"i{n}", {"address": address})
    answers = sample_answers(server, f"api.{zone}")
    assert all(len(a) == 8 and len(set(a)) == 8 and set(a) <= addresses for a in answers), answers
    assert set().union(*map(set, answers)) == addresses, "every instance is answered some time"
    assert {r[1] for r in answer_records(server, f"api.{zone}")} == {15}
    listed = api.all_records(zone, name="api", type="A")
    assert len(listed) == 10 and all(s["multiValue"] is True and "weight" not in s for s in listed), listed

    small = "db"
    declare(api, zone, small, "MULTIVALUE", {"A": 15})
    for n in (1, 2, 3):
        api.register_ok(zone, small, f"i{n}", {"address": f"10.3.3.{n}"})
    assert all(a == ["10.3.3.1", "10.3.3.2", "10.3.3.3"] for a in sample_answers(server, f"{small}.{zone}", n=10))


@pytest.mark.parametrize("policy", ["MULTIVALUE", "WEIGHTED"])
def test_unhealthy_instances_are_left_out_at_once_unless_all_are(server, api, zone, policy):
    declare(api, zone, "web", policy, {"A": 10})
    addresses = {f"i-{n}": f"10.3.4.{n}" for n in (1, 2, 3)}
    for iid, address in addresses.items():
        api.register_ok(zone, "web", iid, {"address": address})

    serial = soa_serial(server, zone)
    change = set_health(api, zone, "web", "i-1", False)
    assert change["operation"] == "UPDATE_HEALTH" and change["service"] == "web" and change["instance"] == "i-1", change
    assert change["serial"] == serial + 1 == soa_serial(server, zone), change
    seen = {a for answer_ in sample_answers(server, f"web.{zone}") for a in answer_}
    assert seen == {addresses["i-2"], addresses["i-3"]}, seen
    assert api.get(instance_path(zone, "web", "i-1")).json()["healthy"] is False
    listed = {s["setIdentifier"]: s["healthy"] for s in api.all_records(zone, name="web", type="A")}
    assert listed == {"i-1": False, "i-2": True, "i-3": True}, listed

    set_health(api, zone, "web", "i-2", False)
    set_health(api, zone, "web", "i-3", False)
    everyone = {a for answer_ in sample_answers(server, f"web.{zone}") for a in answer_}
    assert everyone == set(addresses.values()), "with none healthy, all are answered"

    set_health(api, zone, "web", "i-3", True)
    assert all(a == [addresses["i-3"]] for a in sample_answers(server, f"web.{zone}", n=10))


def test_unhealthy_instances_of_an_undeclared_service(server, api, zone):
    for n in (1, 2):
        api.register_ok(zone, "plain", f"i-{n}", {"address": f"10.3.5.{n}", "port": 80 + n})
    set_health(api, zone, "plain", "i-1", False)
    assert [sorted(a) for a in sample_answers(server, f"plain.{zone}", n=5)] == [["10.3.5.2"]] * 5
    assert sample_answers(server, f"plain.{zone}", "SRV", n=1) == [[f"1 1 82 i-2.plain.{zone}."]]
    set_health(api, zone, "plain", "i-2", False)
    assert sample_answers(server, f"plain.{zone}", n=1) == [["10.3.5.1", "10.3.5.2"]]
    # Registering again without `healthy` makes the instance healthy.
    api.register_ok(zone, "plain", "i-2", {"address": "10.3.5.2", "port": 82})
    assert sample_answers(server, f"plain.{zone}", n=1) == [["10.3.5.2"]]


def test_registered_unhealthy_and_ipv6_and_cname_instances(server, api, zone):
    declare(api, zone, "v6", "MULTIVALUE", {"AAAA": 30})
    r = api.register(zone, "v6", "i-1", {"ipv6": "fd00::3:61"})
    assert r.status == 201, r
    inst = r.json()["instance"]
    assert inst["address"] is None and inst["ipv6"] == "fd00::3:61" and "cname" not in inst, inst
    api.register_ok(zone, "v6", "i-2", {"address": "fd00::3:62", "healthy": False})
    assert sample_answers(server, f"v6.{zone}", "AAAA", n=3) == [["fd00::3:61"]] * 3

    declare(api, zone, "edge", "WEIGHTED", {"CNAME": 60})
    for n in (1, 2):
        api.register_ok(zone, "edge", f"e{n}", {"cname": f"lb{n}.example.net."})
    targets = {a[0] for a in sample_answers(server, f"edge.{zone}", "CNAME")}
    assert targets == {"lb1.example.net.", "lb2.example.net."}, targets


@pytest.mark.parametrize(
    "records, registration, field",
    [
        ({"A": 10}, {"ipv6": "fd00::1"}, "address"),
        ({"AAAA": 10}, {"address": "10.3.6.1"}, "ipv6"),
        ({"SRV": 10}, {"address": "10.3.6.1"}, "port"),
        ({"CNAME": 10}, {"address": "10.3.6.1"}, "cname"),
        ({"A": 10}, {}, "address"),
    ],
    ids=["a-needs-ipv4", "aaaa-needs-ipv6", "srv-needs-port", "cname-needs-cname", "nothing"],
)
def test_registration_lacking_a_declared_value_is_refused(server, api, zone, records, registration, field):
    declare(api, zone, "web", "WEIGHTED", records)
    with nothing_changes(server, zones=[zone], queries=[(f"web.{zone}", "A")]):
        assert_error(api.register(zone, "web", "i-1", registration), 400, "InvalidRequest", field=field)
    assert api.instances(zone, "web").json()["instances"] == []


@pytest.mark.parametrize(
    "raw, field",
    [(b"", None), (b"{}", "healthy"), (b'{"healthy": "no"}', "healthy"), (b'{"healthy": null}', "healthy")],
    ids=["empty", "missing", "string", "null"],
)
def test_bad_health_bodies_are_400(server, api, zone, raw, field):
    api.register_ok(zone, "web", "i-1", {"address": "10.3.7.1"})
    with nothing_changes(server, zones=[zone], queries=[(f"web.{zone}", "A")]):
        r = api.put(instance_path(zone, "web", "i-1") + "/health", raw=raw)
        assert_error(r, 400, "InvalidJSON", field=field)


def test_health_of_unknown_instance_or_zone(server, api, zone):
    r = api.put(instance_path(zone, "web", "nobody") + "/health", {"healthy": False})
    assert_error(r, 404, "NoSuchInstance")
    r = api.put(instance_path("nothing.internal", "web", "i-1") + "/health", {"healthy": False})
    assert_error(r, 404, "NoSuchZone")


# ------------------------------------------------------------------ durability


def test_services_and_health_survive_a_restart(api_servers):
    server = api_servers.start()
    api = server.api
    zone = "keep.internal"
    api.create_zone(zone)
    declare(api, zone, "web", "MULTIVALUE", {"A": 10})
    for n in (1, 2):
        api.register_ok(zone, "web", f"i-{n}", {"address": f"10.3.8.{n}"})
    set_health(api, zone, "web", "i-1", False)
    before = api.get(services_path(zone, "web")).json()

    server = api_servers.restart(server)
    api = server.api
    assert api.get(services_path(zone, "web")).json() == before
    assert sample_answers(server, f"web.{zone}", n=5) == [["10.3.8.2"]] * 5
    assert api.get(instance_path(zone, "web", "i-1")).json()["healthy"] is False
    log = api.get("/v1/changes", zone=zone).json()["changes"]
    assert [c["operation"] for c in log] == ["UPDATE_HEALTH", "REGISTER_INSTANCE", "REGISTER_INSTANCE", "CREATE_ZONE"]
