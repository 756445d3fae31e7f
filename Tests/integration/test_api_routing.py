"""Registration API, routing-policy record sets written through POST .../changes
(weighted and multivalue sets with setIdentifier, aliases) and what DNS answers
for them; zone metadata; the change log (GET /v1/changes) and the change a zone's
creation and deletion make.
"""

from __future__ import annotations


import pytest

from api_helpers import (
    CHANGE_ID_RE,
    answer_records,
    assert_error,
    check_change_info,
    nothing_changes,
    q,
    sample_answers,
    status,
)

QUERIES = 40


def choice(action: str, name: str, ident: str, records: list[str], ttl: int | None = 60, rtype: str = "A",
           **policy) -> dict:
    """A change of one set of a group: policy is weight=N or multiValue=True."""
    c = {"action": action, "name": name, "type": rtype, "records": records, "setIdentifier": ident, **policy}
    if ttl is not None:
        c["ttl"] = ttl
    return c


# ------------------------------------------------------------------ weighted


def test_weighted_sets_answer_one_set_per_query(server, api, zone):
    info = api.change_ok(zone, [
        choice("CREATE", "web", "blue", ["10.4.0.1", "10.4.0.2"], ttl=0, weight=3),
        choice("CREATE", "web", "green", ["10.4.0.3"], ttl=0, weight=1),
        choice("CREATE", "web", "off", ["10.4.0.9"], ttl=0, weight=0),
    ])
    assert info["operation"] == "CHANGE_RECORDS", info
    answers = sample_answers(server, f"web.{zone}", n=120)  # green (1 in 4) missing from all: p ~ 1e-15
    assert set(map(tuple, answers)) == {("10.4.0.1", "10.4.0.2"), ("10.4.0.3",)}, answers
    assert {r[1] for r in answer_records(server, f"web.{zone}")} == {0}, "TTL 0 is answered as 0"

    listed = api.all_records(zone, name="web", type="A")
    assert [(s["setIdentifier"], s["weight"], sorted(s["records"]), s["ttl"]) for s in listed] == [
        ("blue", 3, ["10.4.0.1", "10.4.0.2"], 0), ("green", 1, ["10.4.0.3"], 0), ("off", 0, ["10.4.0.9"], 0),
    ], listed
    assert all(s["source"] == "api" and "multiValue" not in s and "alias" not in s for s in listed), listed

    # DELETE must match the set exactly, weight included; a refused batch changes nothing.
    with nothing_changes(server, zones=[zone], queries=[(f"web.{zone}", "SOA")]):
        bad = api.changes(zone, [choice("DELETE", "web", "green", ["10.4.0.3"], ttl=None, weight=2)])
        assert_error(bad, 409, "RecordSetMismatch")
        missing = api.changes(zone, [choice("DELETE", "web", "red", ["10.4.0.3"], ttl=None, weight=1)])
        assert_error(missing, 404, "NoSuchRecordSet")
        again = api.changes(zone, [choice("CREATE", "web", "green", ["10.4.0.3"], weight=1)])
        assert_error(again, 409, "RecordSetExists")
    api.change_ok(zone, [choice("DELETE", "web", "blue", ["10.4.0.2", "10.4.0.1"], ttl=0, weight=3)])
    assert sample_answers(server, f"web.{zone}", n=10) == [["10.4.0.3"]] * 10
    api.change_ok(zone, [choice("DELETE", "web", "green", ["10.4.0.3"], ttl=None, weight=1)])
    assert sample_answers(server, f"web.{zone}", n=3) == [["10.4.0.9"]] * 3, "weight 0 answers when nothing else is left"


def test_upsert_changes_one_set_of_the_group(server, api, zone):
    api.change_ok(zone, [choice("CREATE", "api", "a", ["10.4.1.1"], weight=1),
                         choice("CREATE", "api", "b", ["10.4.1.2"], weight=1)])
    api.change_ok(zone, [choice("UPSERT", "api", "b", ["10.4.1.22"], ttl=30, weight=5)])
    listed = {s["setIdentifier"]: (s["records"], s["ttl"], s["weight"]) for s in api.all_records(zone, name="api")}
    assert listed == {"a": (["10.4.1.1"], 60, 1), "b": (["10.4.1.22"], 30, 5)}, listed
    assert {a[0] for a in sample_answers(server, f"api.{zone}", n=200)} == {"10.4.1.1", "10.4.1.22"}  # a is 1 in 6


@pytest.mark.parametrize(
    "change, code, field",
    [
        (choice("CREATE", "web", "x", ["10.4.2.1"]), "InvalidChange", "changes[0].setIdentifier"),
        (choice("CREATE", "web", "x", ["10.4.2.1"], weight=1, multiValue=True), "InvalidChange", "changes[0].multiValue"),
        (choice("CREATE", "web", "x", ["10.4.2.1"], weight=256), "InvalidChange", "changes[0].weight"),
        (choice("CREATE", "web", "x", ["10.4.2.1"], weight=-1), "InvalidChange", "changes[0].weight"),
        ({"action": "CREATE", "name": "web", "type": "A", "ttl": 60, "records": ["10.4.2.1"], "weight": 1},
         "InvalidChange", "changes[0].weight"),
        (choice("CREATE", "web", "x", ["10.4.2.1"], weight="1"), "InvalidJSON", "changes[0].weight"),
        (choice("CREATE", "web", "x", ["10.4.2.1"], weight=1.5), "InvalidJSON", "changes[0].weight"),
        (choice("CREATE", "web", "x", ["10.4.2.1"], multiValue="true"), "InvalidJSON", "changes[0].multiValue"),
        (choice("CREATE", "simple", "x", ["10.4.2.1"], weight=1), "InvalidChange", None),
        (choice("CREATE", "mv", "x", ["10.4.2.1"], weight=1), "InvalidChange", None),
        ({"action": "CREATE", "name": "al", "type": "A", "ttl": 60, "alias": {"name": "simple"}},
         "InvalidChange", "changes[0].ttl"),
    ],
    ids=["no-policy", "both", "weight-256", "weight-negative", "weight-without-identifier", "weight-string",
         "weight-fraction", "multivalue-string", "beside-simple", "mixed-policies", "alias-with-ttl"],
)
def test_refused_policy_changes_change_nothing(server, api, zone, change, code, field):
    api.change_ok(zone, [{"action": "CREATE", "name": "simple", "type": "A", "ttl": 60, "records": ["10.4.2.9"]},
                         choice("CREATE", "mv", "m", ["10.4.2.8"], multiValue=True)])
    queries = [(f"web.{zone}", "A"), (f"simple.{zone}", "A"), (f"mv.{zone}", "A")]
    with nothing_changes(server, zones=[zone], queries=queries):
        body = assert_error(api.changes(zone, [change]), 400, code)
        if field is not None:
            assert body.get("field") == field, body


# ------------------------------------------------------------------ multivalue


def test_multivalue_sets_answer_up_to_eight_records(server, api, zone):
    addresses = {f"10.4.3.{n}" for n in range(1, 11)}
    api.change_ok(zone, [choice("CREATE", "pool", f"s{n}", [a], ttl=20 + n, multiValue=True)
                         for n, a in enumerate(sorted(addresses))])
    answers = sample_answers(server, f"pool.{zone}")
    assert all(len(a) == 8 and set(a) <= addresses for a in answers), answers
    assert set().union(*map(set, answers)) == addresses
    listed = api.all_records(zone, name="pool")
    assert sorted(s["setIdentifier"] for s in listed) == [f"s{n}" for n in range(10)], listed
    assert all(s["multiValue"] is True and "weight" not in s for s in listed), listed


# ------------------------------------------------------------------ alias


def test_alias_answers_the_targets_records_under_its_own_name(server, api, zone):
    api.change_ok(zone, [
        choice("CREATE", "web", "blue", ["10.4.4.1"], ttl=45, weight=1),
        choice("CREATE", "web", "green", ["10.4.4.2"], ttl=45, weight=1),
        {"action": "CREATE", "name": "www", "type": "A", "alias": {"name": "web", "evaluateTargetHealth": False}},
        {"action": "CREATE", "name": "@", "type": "A", "alias": {"name": f"www.{zone}."}},
    ])
    for owner in (f"www.{zone}", zone):
        records = [answer_records(server, owner) for _ in range(QUERIES)]
        assert all(len(r) == 1 and r[0][0] == f"{owner}." and r[0][1] == 45 for r in records), records
        assert {r[0][3] for r in records} == {"10.4.4.1", "10.4.4.2"}
    www = api.all_records(zone, name="www", type="A")
    assert www == [{"name": f"www.{zone}.", "type": "A", "ttl": www[0]["ttl"], "records": [], "source": "api",
                    "alias": {"name": f"web.{zone}.", "evaluateTargetHealth": False}}], www

    # Only answers that do not vary: www's is one of two at random.
    with nothing_changes(server, zones=[zone], queries=[(f"old.{zone}", "A"), (zone, "SOA")]):
        r = api.changes(zone, [{"action": "CREATE", "name": "old", "type": "A", "alias": {"name": "gone"}}])
        assert_error(r, 400, "InvalidChange", contains="alias target")
        r = api.changes(zone, [{"action": "UPSERT", "name": "www", "type": "A", "alias": {}}])
        assert_error(r, 400, "InvalidJSON", field="changes[0].alias.name")


# ------------------------------------------------------------------ zones: metadata, changes


def test_zone_metadata_and_creation_change(server, api):
    r = api.post("/v1/zones", {"name": "meta.internal", "metadata": {"owner": "platform", "tier": "1"}})
    assert r.status == 201, r
    created = r.json()
    assert created["metadata"] == {"owner": "platform", "tier": "1"}, created
    assert CHANGE_ID_RE.match(created["changeId"]), created
    change = api.get(f"/v1/changes/{created['changeId']}").json()
    check_change_info(change, "meta.internal", serial=1)
    assert change["operation"] == "CREATE_ZONE", change

    got = api.zone("meta.internal")
    assert got["metadata"] == created["metadata"] and "changeId" not in got, got
    listed = {z["name"]: z["metadata"] for z in api.zones()}
    assert listed["meta.internal"] == created["metadata"] and listed["static.internal"] == {}, listed
    with nothing_changes(server):
        assert_error(api.post("/v1/zones", {"name": "bad.internal", "metadata": {"k": 1}}), 400, "InvalidJSON",
                     field="metadata.k")
        assert_error(api.post("/v1/zones", {"name": "bad.internal", "metadata": {"": "v"}}), 400, "InvalidRequest",
                     field="metadata")


def test_changes_are_listed_newest_first(server, api, zone):
    api.change_ok(zone, [{"action": "CREATE", "name": "a", "type": "A", "ttl": 60, "records": ["10.4.5.1"]}],
                  comment="first")
    api.register_ok(zone, "web", "i-1", {"address": "10.4.5.2"})
    api.put(f"/v1/zones/{q(zone)}/services/web/instances/i-1/health", {"healthy": False})
    api.delete(f"/v1/zones/{q(zone)}/services/web/instances/i-1")

    r = api.get("/v1/changes", zone=zone)
    assert r.status == 200, r
    log = r.json()["changes"]
    assert [c["operation"] for c in log] == [
        "DEREGISTER_INSTANCE", "UPDATE_HEALTH", "REGISTER_INSTANCE", "CHANGE_RECORDS", "CREATE_ZONE"], log
    assert [c["serial"] for c in log] == [5, 4, 3, 2, 1], log
    for c in log:
        check_change_info(c, zone)
        assert api.get(f"/v1/changes/{c['changeId']}").json() == c
    assert log[3]["comment"] == "first" and "service" not in log[3], log[3]
    assert log[2]["service"] == "web" and log[2]["instance"] == "i-1", log[2]

    assert api.get("/v1/changes", zone=zone.upper() + ".", limit=2).json()["changes"] == log[:2]
    everywhere = api.get("/v1/changes", limit=1000).json()["changes"]
    assert [c for c in everywhere if c["zone"] == zone] == log
    for limit in ("0", "1001", "x"):
        assert_error(api.get("/v1/changes", limit=limit), 400, "InvalidRequest", field="limit")


def test_deleting_a_zone_is_a_change(server, api):
    for name in ("gone1.internal", "gone2.internal"):
        api.create_zone(name)
        api.change_ok(name, [{"action": "CREATE", "name": "a", "type": "A", "ttl": 60, "records": ["10.4.6.1"]}])
    r = api.delete("/v1/zones/gone1.internal?force=true")
    assert r.status == 204 and r.body == b"", r

    r = api.delete("/v1/zones/gone2.internal?force=true", headers={"Prefer": "return=representation"})
    assert r.status == 200, r
    assert r.headers.get("preference-applied") == "return=representation", r.headers
    change = r.json()
    check_change_info(change, "gone2.internal", serial=2)  # the zone's last serial
    assert change["operation"] == "DELETE_ZONE", change
    assert status(server, "a.gone2.internal") == "REFUSED"

    for name in ("gone1.internal", "gone2.internal"):
        log = api.get("/v1/changes", zone=name).json()["changes"]
        assert [c["operation"] for c in log] == ["DELETE_ZONE", "CHANGE_RECORDS", "CREATE_ZONE"], log
    assert api.get(f"/v1/changes/{change['changeId']}").json() == change
