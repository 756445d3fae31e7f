"""Registration API, zones: POST/GET/DELETE /v1/zones, as a user sees them over
HTTP and through dig. File zones (from --zones) are listed and read-only.
"""

from __future__ import annotations

import pytest

from api_helpers import (
    ISO_RE,
    STATIC_ZONE,
    STATIC_ZONE_RECORDS,
    answers,
    assert_error,
    create,
    instance_path,
    nothing_changes,
    q,
    soa_serial,
    status,
)


def as_got(created: dict) -> dict:
    """A zone as GET shows it: what POST answered, without the `changeId` only creation gives."""
    return {k: v for k, v in created.items() if k != "changeId"}


def test_healthz(api):
    r = api.get("/healthz")
    assert r.status == 200 and r.json() == {"status": "ok"}, r
    assert "application/json" in r.headers.get("content-type", ""), r


# ------------------------------------------------------------------ create


def test_create_zone_defaults_answer_in_dns_at_once(server, api):
    r = api.post("/v1/zones", {"name": "alpha.internal"})
    assert r.status == 201, r
    assert "application/json" in r.headers.get("content-type", ""), r
    z = r.json()
    assert z["name"] == "alpha.internal"
    assert z["kind"] == "managed"
    assert z["serial"] == 1
    assert z["recordCount"] == 2, z  # SOA + NS
    assert z["nameServers"] == ["ns1.alpha.internal."]
    assert z["soa"] == {
        "primary": "ns1.alpha.internal.",
        "mailbox": "hostmaster.alpha.internal.",
        "serial": 1,
        "refresh": 3600,
        "retry": 600,
        "expire": 1209600,
        "minimum": 60,
        "ttl": 900,
    }
    assert z.get("comment") is None
    assert ISO_RE.match(z["createdAt"]), z

    # No sleep: the reply means DNS answers.
    soa = server.dig("alpha.internal", "SOA")
    assert soa.status == "NOERROR" and "aa" in soa.flags, soa
    assert soa.answer == [
        ("alpha.internal.", 900, "SOA", "ns1.alpha.internal. hostmaster.alpha.internal. 1 3600 600 1209600 60")
    ], soa
    ns = server.dig("alpha.internal", "NS")
    assert ns.status == "NOERROR" and ns.answer == [("alpha.internal.", 172800, "NS", "ns1.alpha.internal.")], ns
    # A name that does not exist: NXDOMAIN with the SOA, negative TTL min(900, 60).
    nx = server.dig("nothing.alpha.internal", "A")
    assert nx.status == "NXDOMAIN" and "aa" in nx.flags, nx
    assert [(o, t, ty) for o, t, ty, _ in nx.authority] == [("alpha.internal.", 60, "SOA")], nx


def test_create_zone_with_overrides(server, api):
    spec = {
        "name": "beta.internal",
        "soa": {
            "primary": "dns1.example.net.",
            "mailbox": "ops.example.net.",
            "refresh": 7200,
            "retry": 900,
            "expire": 604800,
            "minimum": 30,
            "ttl": 600,
        },
        "nameServers": ["dns1.example.net.", "dns2.example.net."],
        "comment": "beta zone",
    }
    r = api.post("/v1/zones", spec)
    assert r.status == 201, r
    z = r.json()
    assert z["name"] == "beta.internal" and z["kind"] == "managed" and z["serial"] == 1, z
    assert z["comment"] == "beta zone", z
    assert sorted(z["nameServers"]) == ["dns1.example.net.", "dns2.example.net."], z
    assert z["soa"] == {
        "primary": "dns1.example.net.",
        "mailbox": "ops.example.net.",
        "serial": 1,
        "refresh": 7200,
        "retry": 900,
        "expire": 604800,
        "minimum": 30,
        "ttl": 600,
    }, z
    assert z["recordCount"] == 3, z  # SOA + 2 NS
    soa = server.dig("beta.internal", "SOA")
    assert soa.answer == [
        ("beta.internal.", 600, "SOA", "dns1.example.net. ops.example.net. 1 7200 900 604800 30")
    ], soa
    ns = server.dig("beta.internal", "NS")
    assert sorted(ns.answer) == [
        ("beta.internal.", 172800, "NS", "dns1.example.net."),
        ("beta.internal.", 172800, "NS", "dns2.example.net."),
    ], ns
    assert api.zone("beta.internal") == as_got(z)


def test_create_zone_partial_soa_override_keeps_other_defaults(server, api):
    z = api.create_zone("gamma.internal", soa={"minimum": 5})
    assert z["soa"] == {
        "primary": "ns1.gamma.internal.",
        "mailbox": "hostmaster.gamma.internal.",
        "serial": 1,
        "refresh": 3600,
        "retry": 600,
        "expire": 1209600,
        "minimum": 5,
        "ttl": 900,
    }, z
    assert answers(server, "gamma.internal", "SOA") == [
        "ns1.gamma.internal. hostmaster.gamma.internal. 1 3600 600 1209600 5"
    ]


def test_zone_names_are_case_insensitive_with_or_without_the_dot(server, api):
    r = api.post("/v1/zones", {"name": "Delta.Internal."})
    assert r.status == 201, r
    z = r.json()
    assert z["name"].lower() == "delta.internal" and not z["name"].endswith("."), z
    for form in ("delta.internal", "delta.internal.", "DELTA.INTERNAL", "Delta.Internal."):
        g = api.get(f"/v1/zones/{q(form)}")
        assert g.status == 200 and g.json() == as_got(z), g
    assert status(server, "DELTA.internal", "SOA") == "NOERROR"


def test_duplicate_zone_is_409_zone_exists(server, api):
    api.create_zone("epsilon.internal")
    with nothing_changes(server, zones=["epsilon.internal"], queries=[("epsilon.internal", "SOA")]):
        for form in ("epsilon.internal", "epsilon.internal.", "EPSILON.internal"):
            r = api.post("/v1/zones", {"name": form, "comment": "again"})
            assert_error(r, 409, "ZoneExists", contains="epsilon.internal")
        # A file zone's name is taken too.
        r = api.post("/v1/zones", {"name": STATIC_ZONE})
        assert_error(r, 409, "ZoneExists", contains=STATIC_ZONE)


@pytest.mark.parametrize(
    "name",
    [
        "",
        ".",
        "a..b.internal",
        "x" * 64 + ".internal",
        ".".join(["a" * 60] * 5),  # 305 octets
    ],
    ids=["empty", "root", "empty-label", "label-64", "name-over-255"],
)
def test_invalid_zone_name_is_400(server, api, name):
    with nothing_changes(server):
        r = api.post("/v1/zones", {"name": name})
        assert_error(r, 400, "InvalidName", field="name")


def test_invalid_name_server_is_400(server, api):
    with nothing_changes(server):
        r = api.post("/v1/zones", {"name": "badns.internal", "nameServers": ["ok.example.net.", "bad..ns."]})
        assert_error(r, 400, "InvalidName", field="nameServers[1]", contains="bad..ns.")
    assert status(server, "badns.internal", "SOA") == "REFUSED"


@pytest.mark.parametrize(
    "raw",
    [b"{", b"not json", b"", b"[]", b'{"name": 5}', b'{"comment": "no name"}', b'{"name": "x.internal", "soa": 3}'],
    ids=["truncated", "garbage", "empty", "array", "name-number", "no-name", "soa-number"],
)
def test_create_zone_bad_json_is_400_invalid_json(server, api, raw):
    with nothing_changes(server):
        r = api.post("/v1/zones", raw=raw)
        assert_error(r, 400, "InvalidJSON")


def test_soa_values_out_of_range_are_400(server, api):
    with nothing_changes(server):
        for soa in ({"refresh": -1}, {"minimum": 4294967296}, {"ttl": -5}):
            r = api.post("/v1/zones", {"name": "badsoa.internal", "soa": soa})
            (key,) = soa
            body = assert_error(r, 400, ("InvalidRequest", "InvalidTTL"), field=f"soa.{key}")
            assert str(soa[key]) in body["message"], r
    assert status(server, "badsoa.internal", "SOA") == "REFUSED"


# ------------------------------------------------------------------ list / get


def test_list_zones_has_managed_and_file_zones_by_name(server, api):
    api.create_zone("listb.internal")
    api.create_zone("lista.internal")
    zones = api.zones()
    names = [z["name"] for z in zones]
    assert names == sorted(names), names
    assert len(names) == len(set(names)), names
    by_name = {z["name"]: z for z in zones}
    assert by_name["lista.internal"]["kind"] == "managed"
    assert by_name["listb.internal"]["kind"] == "managed"
    f = by_name[STATIC_ZONE]
    assert f["kind"] == "file", f
    assert f["serial"] == 2024010101 and f["recordCount"] == STATIC_ZONE_RECORDS, f
    assert f["soa"]["primary"] == "ns1.static.internal." and f["soa"]["minimum"] == 60, f
    assert f["nameServers"] == ["ns1.static.internal."], f


def test_get_zone_equals_the_listed_zone(server, api):
    api.create_zone("getme.internal")
    listed = {z["name"]: z for z in api.zones()}
    for name in ("getme.internal", STATIC_ZONE):
        r = api.get(f"/v1/zones/{name}")
        assert r.status == 200 and r.json() == listed[name], r


def test_missing_zone_is_404_no_such_zone_everywhere(server, api):
    z = "nowhere.internal"
    with nothing_changes(server):
        assert_error(api.get(f"/v1/zones/{z}"), 404, "NoSuchZone", contains=z)
        assert_error(api.delete(f"/v1/zones/{z}"), 404, "NoSuchZone")
        assert_error(api.delete(f"/v1/zones/{z}?force=true"), 404, "NoSuchZone")
        assert_error(api.changes(z, [create("www", "A", ["10.0.0.1"])]), 404, "NoSuchZone")
        assert_error(api.records(z), 404, "NoSuchZone")
        assert_error(api.instances(z, "web"), 404, "NoSuchZone")
        assert_error(api.register(z, "web", "i1", {"address": "10.0.0.1"}), 404, "NoSuchZone")
        assert_error(api.get(instance_path(z, "web", "i1")), 404, "NoSuchZone")
        assert_error(api.put(instance_path(z, "web", "i1") + "/heartbeat"), 404, "NoSuchZone")
        assert_error(api.delete(instance_path(z, "web", "i1")), 404, "NoSuchZone")


# ------------------------------------------------------------------ delete


def test_delete_empty_zone_is_204_then_refused(server, api):
    api.create_zone("gone.internal")
    assert status(server, "gone.internal", "SOA") == "NOERROR"
    r = api.delete("/v1/zones/gone.internal")
    assert r.status == 204 and r.body == b"", r
    for name, rtype in (("gone.internal", "SOA"), ("gone.internal", "NS"), ("www.gone.internal", "A")):
        assert status(server, name, rtype) == "REFUSED"
    assert_error(api.get("/v1/zones/gone.internal"), 404, "NoSuchZone")
    assert "gone.internal" not in [z["name"] for z in api.zones()]
    assert_error(api.records("gone.internal"), 404, "NoSuchZone")
    # The name is free again.
    z = api.create_zone("gone.internal")
    assert z["recordCount"] == 2, z
    assert status(server, "gone.internal", "SOA") == "NOERROR"


def test_delete_zone_with_trailing_dot_and_case(server, api):
    api.create_zone("gone2.internal")
    r = api.delete(f"/v1/zones/{q('GONE2.internal.')}")
    assert r.status == 204, r
    assert status(server, "gone2.internal", "SOA") == "REFUSED"


def test_delete_non_empty_zone_is_409_then_force(server, api):
    api.create_zone("full.internal")
    api.change_ok("full.internal", [create("www", "A", ["10.2.0.1"])])
    queries = [("www.full.internal", "A"), ("full.internal", "SOA")]
    with nothing_changes(server, zones=["full.internal"], queries=queries):
        for path in ("/v1/zones/full.internal", "/v1/zones/full.internal?force=false"):
            assert_error(api.delete(path), 409, "ZoneNotEmpty", contains="full.internal")
    assert answers(server, "www.full.internal") == ["10.2.0.1"]

    r = api.delete("/v1/zones/full.internal?force=true")
    assert r.status == 204 and r.body == b"", r
    assert status(server, "www.full.internal") == "REFUSED"
    assert status(server, "full.internal", "SOA") == "REFUSED"
    assert_error(api.get("/v1/zones/full.internal"), 404, "NoSuchZone")

    # Re-created, it is empty: nothing of the old zone comes back.
    z = api.create_zone("full.internal")
    assert z["recordCount"] == 2 and z["serial"] == 1, z
    assert status(server, "www.full.internal") == "NXDOMAIN"
    assert sorted(rs["type"] for rs in api.all_records("full.internal")) == ["NS", "SOA"]


def test_force_must_be_true_or_false(server, api):
    api.create_zone("forceflag.internal")
    api.change_ok("forceflag.internal", [create("www", "A", ["10.2.1.1"])])
    with nothing_changes(server, zones=["forceflag.internal"], queries=[("www.forceflag.internal", "A")]):
        for value in ("maybe", "", "yes please"):
            r = api.delete(f"/v1/zones/forceflag.internal?force={q(value)}")
            assert r.status in (400, 409), r
            if r.status == 400:
                assert_error(r, 400, ("InvalidRequest",), field="force")


def test_zone_with_only_an_instance_is_not_empty(server, api):
    api.create_zone("inst.internal")
    api.register_ok("inst.internal", "web", "i1", {"address": "10.3.0.1", "port": 80})
    with nothing_changes(server, zones=["inst.internal"], queries=[("web.inst.internal", "A")]):
        assert_error(api.delete("/v1/zones/inst.internal"), 409, "ZoneNotEmpty")
    assert answers(server, "web.inst.internal") == ["10.3.0.1"]
    r = api.delete("/v1/zones/inst.internal?force=true")
    assert r.status == 204, r
    assert status(server, "web.inst.internal") == "REFUSED"
    api.create_zone("inst.internal")
    r = api.instances("inst.internal", "web")
    assert r.status == 200 and r.json() == {"instances": []}, r
    assert status(server, "web.inst.internal") == "NXDOMAIN"


# ------------------------------------------------------------------ file zones


def test_file_zone_answers_and_is_listed_as_file(server, api):
    assert answers(server, "www.static.internal") == ["10.9.0.10", "10.9.0.11"]
    z = api.zone(STATIC_ZONE)
    assert z["kind"] == "file" and z["serial"] == 2024010101, z


def test_writes_to_a_file_zone_are_409_read_only(server, api):
    queries = [("www.static.internal", "A"), ("static.internal", "SOA"), ("web.static.internal", "A")]
    with nothing_changes(server, zones=[STATIC_ZONE], queries=queries):
        attempts = [
            api.changes(STATIC_ZONE, [create("new", "A", ["10.9.0.99"])]),
            api.changes(STATIC_ZONE, [{"action": "DELETE", "name": "www", "type": "A", "records": ["10.9.0.10", "10.9.0.11"]}]),
            api.register(STATIC_ZONE, "web", "i1", {"address": "10.9.0.50", "port": 80}),
            api.delete(instance_path(STATIC_ZONE, "web", "i1")),
            api.delete(f"/v1/zones/{STATIC_ZONE}"),
            api.delete(f"/v1/zones/{STATIC_ZONE}?force=true"),
        ]
        for r in attempts:
            body = assert_error(r, 409, "ReadOnlyZone", contains=["shoal import", STATIC_ZONE])
            assert "--data" in body["message"], r
    assert answers(server, "www.static.internal") == ["10.9.0.10", "10.9.0.11"]
    assert soa_serial(server, STATIC_ZONE) == 2024010101


def test_file_zone_records_are_listed(server, api):
    sets = api.all_records(STATIC_ZONE)
    got = {(s["name"], s["type"]): s for s in sets}
    assert set(got) == {
        ("static.internal.", "SOA"),
        ("static.internal.", "NS"),
        ("ns1.static.internal.", "A"),
        ("www.static.internal.", "A"),
    }, sets
    assert sorted(got[("www.static.internal.", "A")]["records"]) == ["10.9.0.10", "10.9.0.11"]
    assert got[("www.static.internal.", "A")]["ttl"] == 300
    assert all(s["source"] == "zone" for s in sets), sets


# ------------------------------------------------------------------ SQLite after stop


def test_failed_zone_requests_leave_sqlite_unchanged_after_stop(api_servers):
    server = api_servers.start()
    api = server.api
    api.create_zone("keep.internal")
    api.change_ok("keep.internal", [create("www", "A", ["10.4.0.1"])])
    queries = [("www.keep.internal", "A"), ("keep.internal", "SOA"), ("www.static.internal", "A")]
    with nothing_changes(server, zones=["keep.internal"], queries=queries, stop=True):
        assert_error(api.post("/v1/zones", {"name": "keep.internal"}), 409, "ZoneExists")
        assert_error(api.post("/v1/zones", {"name": "a..b"}), 400, "InvalidName")
        assert_error(api.post("/v1/zones", raw=b"{"), 400, "InvalidJSON")
        assert_error(api.delete("/v1/zones/keep.internal"), 409, "ZoneNotEmpty")
        assert_error(api.delete(f"/v1/zones/{STATIC_ZONE}?force=true"), 409, "ReadOnlyZone")
        assert_error(api.changes(STATIC_ZONE, [create("x", "A", ["10.0.0.1"])]), 409, "ReadOnlyZone")
        assert_error(api.get("/v1/zones/none.internal"), 404, "NoSuchZone")
