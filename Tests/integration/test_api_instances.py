"""Registration API, instances: PUT/GET/DELETE
/v1/zones/{zone}/services/{service}/instances/{id}, heartbeats and the list,
with what dig answers for them (Cloud Map style A/AAAA and SRV records).
"""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from api_helpers import (
    ISO_RE,
    answers,
    assert_error,
    check_change_info,
    create,
    instance_path,
    nothing_changes,
    soa_serial,
    status,
)


def ts(text: str) -> datetime:
    assert ISO_RE.match(text), text
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def norm_lines(lines):
    return sorted(" ".join(line.split()).lower() for line in lines)


# ------------------------------------------------------------------ register


def test_register_is_201_and_answers_at_once(server, api, zone):
    t0 = datetime.now(timezone.utc)
    r = api.register(zone, "web", "i-1", {"address": "10.1.0.1", "port": 8080, "attributes": {"az": "a", "v": "2"}})
    assert r.status == 201, r
    body = r.json()
    assert set(body) == {"instance", "change"}, body
    inst, change = body["instance"], body["change"]
    check_change_info(change, zone, serial=2)
    assert inst["zone"] == zone and inst["service"] == "web" and inst["id"] == "i-1", inst
    assert inst["address"] == "10.1.0.1" and inst["port"] == 8080, inst
    assert inst["attributes"] == {"az": "a", "v": "2"}, inst
    assert inst.get("lease") is None and inst.get("expiresAt") is None, inst
    assert inst["ttl"] == 60, inst
    assert abs((ts(inst["registeredAt"]) - t0).total_seconds()) < 30, inst
    assert norm_lines(inst["records"]) == norm_lines(
        [
            f"web.{zone}. 60 IN A 10.1.0.1",
            f"web.{zone}. 60 IN SRV 1 1 8080 i-1.web.{zone}.",
            f"i-1.web.{zone}. 60 IN A 10.1.0.1",
        ]
    ), inst

    # dig, right after the reply
    res = server.dig(f"web.{zone}", "A")
    assert res.status == "NOERROR" and "aa" in res.flags and res.answer == [(f"web.{zone}.", 60, "A", "10.1.0.1")], res
    srv = server.dig(f"web.{zone}", "SRV")
    assert srv.answer == [(f"web.{zone}.", 60, "SRV", f"1 1 8080 i-1.web.{zone}.")], srv
    one = server.dig(f"i-1.web.{zone}", "A")
    assert one.answer == [(f"i-1.web.{zone}.", 60, "A", "10.1.0.1")], one
    assert soa_serial(server, zone) == 2

    g = api.get(instance_path(zone, "web", "i-1"))
    assert g.status == 200 and g.json() == inst, g


def test_ipv6_instance_gives_aaaa(server, api, zone):
    r = api.register(zone, "db", "primary", {"address": "2001:db8::7", "port": 5432})
    assert r.status == 201, r
    assert answers(server, f"db.{zone}", "AAAA") == ["2001:db8::7"]
    assert answers(server, f"primary.db.{zone}", "AAAA") == ["2001:db8::7"]
    assert answers(server, f"db.{zone}", "SRV") == [f"1 1 5432 primary.db.{zone}."]
    a = server.dig(f"db.{zone}", "A")
    assert a.status == "NOERROR" and a.answer == [], a  # NODATA


def test_second_instance_merges_with_smallest_ttl(server, api, zone):
    api.register_ok(zone, "web", "i-1", {"address": "10.1.1.1", "port": 80})
    r = api.register(zone, "web", "i-2", {"address": "10.1.1.2", "port": 81, "ttl": 30})
    assert r.status == 201, r
    assert r.json()["change"]["serial"] == 3
    res = server.dig(f"web.{zone}", "A")
    assert sorted(res.answer) == [(f"web.{zone}.", 30, "A", "10.1.1.1"), (f"web.{zone}.", 30, "A", "10.1.1.2")], res
    srv = server.dig(f"web.{zone}", "SRV")
    assert sorted(srv.answer) == [
        (f"web.{zone}.", 30, "SRV", f"1 1 80 i-1.web.{zone}."),
        (f"web.{zone}.", 30, "SRV", f"1 1 81 i-2.web.{zone}."),
    ], srv
    assert server.dig(f"i-1.web.{zone}", "A").answer == [(f"i-1.web.{zone}.", 60, "A", "10.1.1.1")]
    assert server.dig(f"i-2.web.{zone}", "A").answer == [(f"i-2.web.{zone}.", 30, "A", "10.1.1.2")]
    api.register_ok(zone, "web", "i-3", {"address": "2001:db8::3"})
    assert answers(server, f"web.{zone}", "AAAA") == ["2001:db8::3"]
    assert answers(server, f"web.{zone}", "A") == ["10.1.1.1", "10.1.1.2"]
    assert len(answers(server, f"web.{zone}", "SRV")) == 2  # i-3 has no port


def test_replace_is_200_and_updates_dns(server, api, zone):
    api.register_ok(zone, "web", "i-1", {"address": "10.1.2.1", "port": 80})
    api.register_ok(zone, "web", "i-2", {"address": "10.1.2.2", "port": 80})
    r = api.register(zone, "web", "i-1", {"address": "10.1.2.11", "port": 8443, "attributes": {"k": "v"}})
    assert r.status == 200, r
    inst = r.json()["instance"]
    assert inst["address"] == "10.1.2.11" and inst["port"] == 8443 and inst["attributes"] == {"k": "v"}, inst
    check_change_info(r.json()["change"], zone, serial=4)
    assert answers(server, f"web.{zone}") == ["10.1.2.11", "10.1.2.2"]
    assert answers(server, f"i-1.web.{zone}") == ["10.1.2.11"]
    assert answers(server, f"web.{zone}", "SRV") == [f"1 1 80 i-2.web.{zone}.", f"1 1 8443 i-1.web.{zone}."]
    # Replaced without a port: its SRV record goes.
    r = api.register(zone, "web", "i-1", {"address": "10.1.2.11"})
    assert r.status == 200 and r.json()["instance"].get("port") is None, r
    assert answers(server, f"web.{zone}", "SRV") == [f"1 1 80 i-2.web.{zone}."]
    # IPv4 -> IPv6: the A goes, an AAAA comes.
    api.register_ok(zone, "web", "i-1", {"address": "2001:db8::11"})
    assert answers(server, f"web.{zone}") == ["10.1.2.2"]
    assert answers(server, f"i-1.web.{zone}", "AAAA") == ["2001:db8::11"]
    assert server.dig(f"i-1.web.{zone}", "A").answer == []


def test_deregister_removes_from_dns_at_once(server, api, zone):
    api.register_ok(zone, "web", "i-1", {"address": "10.1.3.1", "port": 80})
    api.register_ok(zone, "web", "i-2", {"address": "10.1.3.2", "port": 80})
    r = api.delete(instance_path(zone, "web", "i-1"))
    assert r.status == 200, r
    check_change_info(r.json(), zone, serial=4)
    assert answers(server, f"web.{zone}") == ["10.1.3.2"]
    assert answers(server, f"web.{zone}", "SRV") == [f"1 1 80 i-2.web.{zone}."]
    assert status(server, f"i-1.web.{zone}") == "NXDOMAIN"
    assert_error(api.get(instance_path(zone, "web", "i-1")), 404, "NoSuchInstance")
    r = api.delete(instance_path(zone, "web", "i-2"))
    assert r.status == 200, r
    assert status(server, f"web.{zone}") == "NXDOMAIN"
    assert status(server, f"web.{zone}", "SRV") == "NXDOMAIN"
    assert soa_serial(server, zone) == 5
    assert_error(api.delete(instance_path(zone, "web", "i-2")), 404, "NoSuchInstance")


def test_missing_instance_is_404(server, api, zone):
    api.register_ok(zone, "web", "i-1", {"address": "10.1.4.1"})
    with nothing_changes(server, zones=[zone], queries=[(f"web.{zone}", "A")]):
        for service, iid in (("web", "nope"), ("nosvc", "i-1")):
            path = instance_path(zone, service, iid)
            assert_error(api.get(path), 404, "NoSuchInstance", contains=iid)
            assert_error(api.delete(path), 404, "NoSuchInstance")
            assert_error(api.put(path + "/heartbeat"), 404, "NoSuchInstance")


def test_list_and_get_instances(server, api, zone):
    got = {}
    for iid, addr in (("b", "10.1.5.2"), ("a", "10.1.5.1"), ("c", "2001:db8::5")):
        got[iid] = api.register_ok(zone, "svc", iid, {"address": addr, "port": 9000, "attributes": {"n": iid}})["instance"]
    r = api.instances(zone, "svc")
    assert r.status == 200, r
    listed = r.json()["instances"]
    assert sorted(i["id"] for i in listed) == ["a", "b", "c"], r
    for i in listed:
        assert i == got[i["id"]], (i, got[i["id"]])
        g = api.get(instance_path(zone, "svc", i["id"]))
        assert g.status == 200 and g.json() == i, g
    # A service with no instances.
    r = api.instances(zone, "empty")
    assert r.status == 200 and r.json() == {"instances": []}, r


def test_instance_records_are_listed_with_source_instance(server, api, zone):
    api.register_ok(zone, "web", "i-1", {"address": "10.1.6.1", "port": 80})
    sets = {(s["name"], s["type"]): s for s in api.all_records(zone)}
    for key in ((f"web.{zone}.", "A"), (f"web.{zone}.", "SRV"), (f"i-1.web.{zone}.", "A")):
        assert key in sets and sets[key]["source"] == "instance", sets
    assert sets[(f"web.{zone}.", "SRV")]["records"] == [f"1 1 80 i-1.web.{zone}."]


def test_instance_and_api_records_are_answered_together(server, api, zone):
    api.change_ok(zone, [create("web", "A", ["10.1.7.100"], ttl=60)])
    api.register_ok(zone, "web", "i-1", {"address": "10.1.7.1", "port": 80})
    assert answers(server, f"web.{zone}") == ["10.1.7.1", "10.1.7.100"]
    api.delete(instance_path(zone, "web", "i-1"))
    assert answers(server, f"web.{zone}") == ["10.1.7.100"]


def test_custom_ttl_and_port_zero(server, api, zone):
    api.register_ok(zone, "w", "x", {"address": "10.1.8.1", "port": 0, "ttl": 5})
    assert server.dig(f"w.{zone}", "SRV").answer == [(f"w.{zone}.", 5, "SRV", f"1 1 0 x.w.{zone}.")]
    assert server.dig(f"x.w.{zone}", "A").answer == [(f"x.w.{zone}.", 5, "A", "10.1.8.1")]


def test_labels_with_underscore_and_hyphen(server, api, zone):
    api.register_ok(zone, "_web-api", "task_1-a", {"address": "10.1.9.1", "port": 80})
    assert answers(server, f"task_1-a._web-api.{zone}") == ["10.1.9.1"]
    long = "s" * 63
    api.register_ok(zone, long, "i", {"address": "10.1.9.2"})
    assert answers(server, f"{long}.{zone}") == ["10.1.9.2"]


def test_cname_at_the_service_name_conflicts(server, api, zone):
    api.change_ok(zone, [create("web", "CNAME", ["elsewhere.example."]), create("i-2.api", "CNAME", ["web"])])
    queries = [(f"web.{zone}", "A"), (f"i-1.web.{zone}", "A"), (f"api.{zone}", "A"), (f"i-2.api.{zone}", "A")]
    with nothing_changes(server, zones=[zone], queries=queries):
        assert_error(api.register(zone, "web", "i-1", {"address": "10.1.10.2"}), 409, "CNAMEConflict")
        # A CNAME at the instance's own name conflicts too.
        assert_error(api.register(zone, "api", "i-2", {"address": "10.1.10.3"}), 409, "CNAMEConflict")


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize("which", ["service", "id"])
@pytest.mark.parametrize(
    "label",
    ["bad.label", "x" * 64, "bad label", "h\u00e9llo", "*", "a+b", "@"],
    ids=["dot", "64", "space", "utf8", "star", "plus", "at"],
)
def test_bad_service_or_id_label_is_400(server, api, zone, which, label):
    service, iid = ("web", "i-1")
    if which == "service":
        service = label
    else:
        iid = label
    with nothing_changes(server, zones=[zone], queries=[(zone, "SOA")]):
        r = api.register(zone, service, iid, {"address": "10.1.11.1", "port": 80})
        assert_error(r, 400, "InvalidName", field=which)


@pytest.mark.parametrize("address", ["10.0.0.300", "host.example", "", "10.0.0.1/24", "2001:db8::g", " 10.0.0.1"])
def test_bad_address_is_400(server, api, zone, address):
    with nothing_changes(server, zones=[zone], queries=[(f"web.{zone}", "A")]):
        r = api.register(zone, "web", "i-1", {"address": address, "port": 80})
        body = assert_error(r, 400, "InvalidRecord", field="address")
        if address.strip():
            assert address.strip() in body["message"], r


@pytest.mark.parametrize(
    "extra,field",
    [
        ({"port": -1}, "port"),
        ({"port": 65536}, "port"),
        ({"lease": 0}, "lease"),
        ({"lease": -5}, "lease"),
        ({"lease": 86401}, "lease"),
        ({"ttl": -1}, "ttl"),
        ({"ttl": 2147483648}, "ttl"),
        ({"attributes": {f"k{i}": "v" for i in range(31)}}, "attributes"),
    ],
    ids=["port-neg", "port-big", "lease-0", "lease-neg", "lease-big", "ttl-neg", "ttl-big", "attrs-31"],
)
def test_out_of_range_values_are_400_with_field(server, api, zone, extra, field):
    with nothing_changes(server, zones=[zone], queries=[(f"web.{zone}", "A")]):
        r = api.register(zone, "web", "i-1", {"address": "10.1.12.1", **extra})
        codes = ("InvalidTTL",) if field == "ttl" else ("InvalidRequest",)
        assert_error(r, 400, codes, field=field)


def test_range_edges_are_accepted(server, api, zone):
    reg = {"address": "10.1.13.1", "port": 65535, "lease": 86400, "ttl": 2147483647,
           "attributes": {f"k{i}": "v" for i in range(30)}}
    r = api.register(zone, "web", "edge", reg)
    assert r.status == 201, r
    inst = r.json()["instance"]
    assert inst["lease"] == 86400 and inst["ttl"] == 2147483647 and len(inst["attributes"]) == 30, inst
    assert answers(server, f"web.{zone}", "SRV") == [f"1 1 65535 edge.web.{zone}."]


@pytest.mark.parametrize(
    "raw",
    [b"{", b"", b'{"address": 5}', b'{"address": "10.0.0.1", "port": "80"}',
     b'{"address": "10.0.0.1", "attributes": {"k": 5}}', b'{"address": "10.0.0.1", "lease": 1.5}', b"[]",
     b'{"ipv6": 6}', b'{"address": "10.0.0.1", "healthy": "yes"}'],
    ids=["truncated", "empty", "address-number", "port-string", "attr-number", "lease-fraction", "array",
         "ipv6-number", "healthy-string"],
)
def test_bad_registration_json_is_400(server, api, zone, raw):
    with nothing_changes(server, zones=[zone], queries=[(f"web.{zone}", "A")]):
        r = api.put(instance_path(zone, "web", "i-1"), raw=raw)
        assert_error(r, 400, "InvalidJSON")


@pytest.mark.parametrize("raw", [b"{}", b'{"port": 80}', b'{"address": null}'], ids=["empty", "port-only", "null"])
def test_registration_without_an_address_is_400(server, api, zone, raw):
    """`address` may be left out for `ipv6` or `cname`, so its absence is a refusal, not bad JSON."""
    with nothing_changes(server, zones=[zone], queries=[(f"web.{zone}", "A")]):
        r = api.put(instance_path(zone, "web", "i-1"), raw=raw)
        assert_error(r, 400, "InvalidRequest", field="address", contains="address is required")


# ------------------------------------------------------------------ heartbeat, leases in info


def test_heartbeat_renews_the_lease(server, api, zone):
    t0 = datetime.now(timezone.utc)
    inst = api.register_ok(zone, "web", "i-1", {"address": "10.1.14.1", "lease": 60})["instance"]
    assert inst["lease"] == 60, inst
    exp0 = ts(inst["expiresAt"])
    assert 50 <= (exp0 - t0).total_seconds() <= 70, inst
    time.sleep(1.1)
    r = api.put(instance_path(zone, "web", "i-1") + "/heartbeat")
    assert r.status == 200, r
    hb = r.json()
    assert hb["id"] == "i-1" and hb["address"] == "10.1.14.1" and hb["lease"] == 60, hb
    exp1 = ts(hb["expiresAt"])
    assert exp1 > exp0, (exp0, exp1)
    r = api.put(instance_path(zone, "web", "i-1") + "/heartbeat", raw=b"{}")
    assert r.status == 200 and ts(r.json()["expiresAt"]) >= exp1, r
    g = api.get(instance_path(zone, "web", "i-1")).json()
    assert ts(g["expiresAt"]) >= exp1, g
    assert answers(server, f"web.{zone}") == ["10.1.14.1"]


def test_heartbeat_without_lease(server, api, zone):
    api.register_ok(zone, "web", "i-1", {"address": "10.1.15.1"})
    r = api.put(instance_path(zone, "web", "i-1") + "/heartbeat")
    assert r.status == 200 and r.json().get("expiresAt") is None, r


def test_register_and_deregister_are_one_batch_each(server, api, zone):
    s = soa_serial(server, zone)
    api.register_ok(zone, "web", "i-1", {"address": "10.1.16.1", "port": 80})
    assert soa_serial(server, zone) == s + 1
    api.register_ok(zone, "web", "i-1", {"address": "10.1.16.2", "port": 80})
    assert soa_serial(server, zone) == s + 2
    r = api.delete(instance_path(zone, "web", "i-1"))
    assert r.status == 200 and r.json()["serial"] == s + 3, r
    assert soa_serial(server, zone) == s + 3
    c = api.get(f"/v1/changes/{r.json()['changeId']}")
    assert c.status == 200 and c.json() == r.json(), c


def test_concurrent_registrations_into_one_service_all_land(server, api, zone):
    """8 clients register 80 instances of one service at once (group commit puts several in
    one transaction): every one is in the merged A and SRV sets, in dig and in the listing;
    deregistering half at once leaves exactly the other half."""
    import threading

    n, clients = 80, 8
    errors: list[str] = []

    def work(c: int, action: str):
        for i in range(c, n, clients):
            if action == "put":
                r = api.register(zone, "big", f"i{i}", {"address": f"10.2.{i // 250}.{i % 250 + 1}", "port": 1000 + i})
                ok = r.status == 201
            else:
                if i % 2:
                    continue
                r = api.delete(instance_path(zone, "big", f"i{i}"))
                ok = r.status == 200
            if not ok:
                errors.append(str(r))

    for action in ("put", "delete"):
        threads = [threading.Thread(target=work, args=(c, action)) for c in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
            assert not t.is_alive(), "a registration hung"
        assert not errors, errors[:3]
        keep = range(n) if action == "put" else range(1, n, 2)
        want_a = sorted(f"10.2.{i // 250}.{i % 250 + 1}" for i in keep)
        want_srv = sorted(f"1 1 {1000 + i} i{i}.big.{zone}." for i in keep)
        res = server.dig(f"big.{zone}", "A")  # over TCP after truncation
        assert sorted(res.rdatas("A")) == want_a, f"{len(res.rdatas('A'))} of {len(want_a)} addresses: {res.status}"
        assert answers(server, f"big.{zone}", "SRV") == want_srv
        sets = {(s["name"], s["type"]): s for s in api.all_records(zone, name="big")}
        assert sorted(sets[(f"big.{zone}.", "A")]["records"]) == want_a
        listed = api.instances(zone, "big").json()["instances"]
        assert sorted(i["id"] for i in listed) == sorted(f"i{i}" for i in keep)
    assert soa_serial(server, zone) == 1 + n + n // 2
