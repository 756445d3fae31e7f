"""Registration API, GET /v1/zones/{zone}/records: every record set (SOA, NS,
API-written and instance-made), in DNS canonical order then type number, with
name/type filters and cursor pagination.
"""

from __future__ import annotations

import pytest

from api_helpers import answers, assert_error, canonical_sort_key, create

ZONE = "list.internal"


def _names():
    """250 record sets whose canonical order differs from plain string order."""
    sets = []
    for i in range(100):
        sets.append(create(f"h{i:03d}", "A", [f"10.20.{i // 250}.{i % 250 + 1}"]))
        sets.append(create(f"h{i:03d}", "TXT", [f'"t{i}"']))
    for i in range(25):
        sets.append(create(f"x.h{i:03d}", "AAAA", [f"2001:db8::{i + 1:x}"]))  # below h0NN
        sets.append(create(f"a-{i:02d}", "MX", [f"{i} mail"]))  # '-' sorts before '.' in plain strings
    return sets


@pytest.fixture(scope="module")
def server(api_module_servers):
    s = api_module_servers.start()
    s.api.create_zone(ZONE)
    batch = _names()
    assert len(batch) == 250
    s.api.change_ok(ZONE, batch)
    s.api.register_ok(ZONE, "svc", "i1", {"address": "10.21.0.1", "port": 80})
    return s


@pytest.fixture
def api(server):
    return server.api


def test_every_set_once_in_canonical_order_over_pages(server, api):
    pages = []
    cursor = None
    for _ in range(10):
        params = {"limit": 100}
        if cursor:
            params["cursor"] = cursor
        r = api.records(ZONE, **params)
        assert r.status == 200, r
        page = r.json()
        assert set(page) <= {"recordSets", "nextCursor"}, page
        pages.append(page["recordSets"])
        cursor = page.get("nextCursor")
        if cursor is None:
            break
        assert isinstance(cursor, str) and cursor, page
    else:
        raise AssertionError("more than 10 pages")
    # 250 + SOA + NS + 3 instance sets (svc A, svc SRV, i1.svc A) = 255
    assert [len(p) for p in pages] == [100, 100, 55], [len(p) for p in pages]
    allsets = [s for p in pages for s in p]
    keys = [(s["name"], s["type"]) for s in allsets]
    assert len(keys) == len(set(keys)), "a record set was listed twice"
    assert allsets == sorted(allsets, key=canonical_sort_key), "not in canonical name order then type number"
    assert keys[0] == (f"{ZONE}.", "NS") and keys[1] == (f"{ZONE}.", "SOA"), keys[:3]
    want = {(f"{c['name']}.{ZONE}.", c["type"]) for c in _names()}
    want |= {(f"{ZONE}.", "SOA"), (f"{ZONE}.", "NS"), (f"svc.{ZONE}.", "A"), (f"svc.{ZONE}.", "SRV"), (f"i1.svc.{ZONE}.", "A")}
    assert set(keys) == want
    # One page of everything says the same.
    assert api.all_records(ZONE, limit=1000) == allsets


def test_record_set_fields(server, api):
    sets = {(s["name"], s["type"]): s for s in api.all_records(ZONE)}
    h7 = sets[(f"h007.{ZONE}.", "A")]
    assert h7 == {"name": f"h007.{ZONE}.", "type": "A", "ttl": 60, "records": ["10.20.0.8"], "source": "api"}, h7
    assert sets[(f"h007.{ZONE}.", "TXT")]["records"] == ['"t7"']
    assert sets[(f"a-03.{ZONE}.", "MX")]["records"] == [f"3 mail.{ZONE}."]
    soa = sets[(f"{ZONE}.", "SOA")]
    assert soa["ttl"] == 900 and soa["records"][0].startswith(f"ns1.{ZONE}. hostmaster.{ZONE}. 3 "), soa
    assert sets[(f"{ZONE}.", "NS")]["records"] == [f"ns1.{ZONE}."]
    assert sets[(f"{ZONE}.", "NS")]["ttl"] == 172800
    assert sets[(f"svc.{ZONE}.", "SRV")]["source"] == "instance"
    # What is listed is what dig answers.
    assert answers(server, f"h007.{ZONE}") == ["10.20.0.8"]


def test_small_pages_visit_everything_once(server, api):
    seen = []
    cursor = None
    for _ in range(300):
        params = {"limit": 7}
        if cursor:
            params["cursor"] = cursor
        r = api.records(ZONE, **params)
        assert r.status == 200, r
        page = r.json()
        assert 1 <= len(page["recordSets"]) <= 7, r
        seen += [(s["name"], s["type"]) for s in page["recordSets"]]
        cursor = page.get("nextCursor")
        if not cursor:
            break
    assert len(seen) == 255 and len(set(seen)) == 255


def test_default_limit_is_100(server, api):
    r = api.records(ZONE)
    assert r.status == 200 and len(r.json()["recordSets"]) == 100 and r.json()["nextCursor"], r


def test_name_filter_relative_or_absolute(server, api):
    for name in ("h042", f"h042.{ZONE}.", "H042"):
        r = api.records(ZONE, name=name)
        assert r.status == 200, r
        page = r.json()
        assert [(s["name"], s["type"]) for s in page["recordSets"]] == [(f"h042.{ZONE}.", "A"), (f"h042.{ZONE}.", "TXT")], r
        assert page.get("nextCursor") is None, r
    r = api.records(ZONE, name="@")
    assert [s["type"] for s in r.json()["recordSets"]] == ["NS", "SOA"], r


def test_type_filter(server, api):
    r = api.records(ZONE, type="AAAA", limit=1000)
    assert r.status == 200, r
    sets = r.json()["recordSets"]
    assert len(sets) == 25 and {s["type"] for s in sets} == {"AAAA"}, r
    assert sets == sorted(sets, key=canonical_sort_key)
    r = api.records(ZONE, type="SRV")
    assert [(s["name"], s["source"]) for s in r.json()["recordSets"]] == [(f"svc.{ZONE}.", "instance")], r


def test_type_filter_pages(server, api):
    got = api.all_records(ZONE, limit=30, type="TXT")
    assert len(got) == 100 and len({s["name"] for s in got}) == 100


def test_name_and_type_filter(server, api):
    r = api.records(ZONE, name="h001", type="TXT")
    assert [(s["name"], s["type"]) for s in r.json()["recordSets"]] == [(f"h001.{ZONE}.", "TXT")], r


def test_filters_matching_nothing_give_an_empty_last_page(server, api):
    for params in ({"name": "nothing"}, {"type": "PTR"}, {"name": "h001", "type": "AAAA"}):
        r = api.records(ZONE, **params)
        assert r.status == 200 and r.json()["recordSets"] == [] and r.json().get("nextCursor") is None, r


@pytest.mark.parametrize("limit", ["0", "1001", "-1", "abc", ""])
def test_bad_limit_is_400(api, limit):
    assert_error(api.records(ZONE, limit=limit), 400, "InvalidRequest", field="limit")


def test_bad_cursor_is_400(api):
    for cursor in ("garbage", "%%%", "A" * 500):
        assert_error(api.records(ZONE, cursor=cursor), 400, "InvalidRequest", field="cursor")


def test_bad_filters_are_400(api):
    assert_error(api.records(ZONE, type="NOTATYPE"), 400, "InvalidType")
    assert_error(api.records(ZONE, name="a..b"), 400, "InvalidName")
    assert_error(api.records(ZONE, name="www.other.internal."), 400, "InvalidName", contains="is not in zone")
