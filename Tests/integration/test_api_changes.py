"""Registration API, change batches: POST /v1/zones/{zone}/changes and
GET /v1/changes/{id}. Every success is checked through dig right after the
HTTP reply (no sleeps: the reply means DNS answers); every failure is checked
to leave dig, the records listing and SQLite unchanged.
"""

from __future__ import annotations


import pytest

from api_helpers import (
    assert_error,
    answers,
    check_change_info,
    create,
    delete,
    nothing_changes,
    rr,
    soa_serial,
    status,
    upsert,
)


# ------------------------------------------------------------------ success


def test_create_answers_at_once(server, api, zone):
    r = api.changes(zone, [create("www", "A", ["10.0.0.1", "10.0.0.2"], ttl=120)], comment="first")
    assert r.status == 200, r
    assert "application/json" in r.headers.get("content-type", ""), r
    info = r.json()
    check_change_info(info, zone, serial=2, comment="first")
    res = server.dig(f"www.{zone}", "A")  # immediately after the reply
    assert res.status == "NOERROR" and "aa" in res.flags, res
    assert sorted(res.answer) == [(f"www.{zone}.", 120, "A", "10.0.0.1"), (f"www.{zone}.", 120, "A", "10.0.0.2")], res
    assert soa_serial(server, zone) == 2
    z = api.zone(zone)
    assert z["serial"] == 2 and z["soa"]["serial"] == 2 and z["recordCount"] == 4, z


def test_serial_is_plus_one_per_batch(server, api, zone):
    assert soa_serial(server, zone) == 1
    batches = [
        [create("a", "A", ["10.0.1.1"])],
        [create("b", "A", ["10.0.1.2"]), create("c", "A", ["10.0.1.3"]), create("c", "TXT", ['"c"'])],
        [upsert("a", "A", ["10.0.1.4"]), delete("b", "A", ["10.0.1.2"])],
    ]
    for i, batch in enumerate(batches):
        info = api.change_ok(zone, batch)
        assert info["serial"] == 2 + i, info
        assert soa_serial(server, zone) == 2 + i
        assert api.zone(zone)["serial"] == 2 + i
    assert answers(server, f"a.{zone}") == ["10.0.1.4"]
    assert status(server, f"b.{zone}") == "NXDOMAIN"
    assert answers(server, f"c.{zone}") == ["10.0.1.3"]
    assert answers(server, f"c.{zone}", "TXT") == ['"c"']


def test_get_change_by_id(server, api, zone):
    info = api.change_ok(zone, [create("www", "A", ["10.0.2.1"])], comment="lookup me")
    r = api.get(f"/v1/changes/{info['changeId']}")
    assert r.status == 200 and r.json() == info, r
    check_change_info(r.json(), zone, serial=2, comment="lookup me")
    info2 = api.change_ok(zone, [create("www2", "A", ["10.0.2.2"])])
    assert info2["changeId"] != info["changeId"]
    assert info2.get("comment") is None, info2
    r2 = api.get(f"/v1/changes/{info2['changeId']}")
    assert r2.status == 200 and r2.json() == info2, r2


@pytest.mark.parametrize("cid", ["CZZZZZZZZZZZZZ", "C0000000000000", "bogus", "c" + "a" * 13])
def test_unknown_change_is_404(api, cid):
    assert_error(api.get(f"/v1/changes/{cid}"), 404, "NoSuchChange")


def test_upsert_replaces_and_creates(server, api, zone):
    api.change_ok(zone, [create("www", "A", ["10.0.3.1", "10.0.3.2"], ttl=60)])
    api.change_ok(zone, [upsert("www", "A", ["10.0.3.3"], ttl=120)])
    res = server.dig(f"www.{zone}", "A")
    assert res.answer == [(f"www.{zone}.", 120, "A", "10.0.3.3")], res
    api.change_ok(zone, [upsert("new", "AAAA", ["2001:db8::3"], ttl=30)])
    res = server.dig(f"new.{zone}", "AAAA")
    assert res.answer == [(f"new.{zone}.", 30, "AAAA", "2001:db8::3")], res
    # UPSERT with the same content is still a batch (serial + 1) and changes nothing else.
    before = soa_serial(server, zone)
    api.change_ok(zone, [upsert("new", "AAAA", ["2001:db8::3"], ttl=30)])
    assert soa_serial(server, zone) == before + 1
    assert answers(server, f"new.{zone}", "AAAA") == ["2001:db8::3"]


def test_action_is_case_insensitive(server, api, zone):
    api.change_ok(zone, [rr("create", "lc", "A", ["10.0.4.1"])])
    api.change_ok(zone, [rr("Upsert", "lc", "A", ["10.0.4.2"])])
    assert answers(server, f"lc.{zone}") == ["10.0.4.2"]
    api.change_ok(zone, [rr("delete", "lc", "A", ["10.0.4.2"], ttl=None)])
    assert status(server, f"lc.{zone}") == "NXDOMAIN"


def test_delete_exact_as_a_set_with_or_without_ttl(server, api, zone):
    api.change_ok(zone, [create("www", "A", ["10.0.5.1", "10.0.5.2"], ttl=90), create("www", "TXT", ['"keep"'])])
    # Records as a set: another order matches; ttl given and equal matches.
    api.change_ok(zone, [delete("www", "A", ["10.0.5.2", "10.0.5.1"], ttl=90)])
    res = server.dig(f"www.{zone}", "A")
    assert res.status == "NOERROR" and res.answer == [], res  # NODATA: TXT is still there
    assert answers(server, f"www.{zone}", "TXT") == ['"keep"']
    api.change_ok(zone, [delete("www", "TXT", ['"keep"'])])  # no ttl: any ttl matches
    assert status(server, f"www.{zone}", "TXT") == "NXDOMAIN"


def test_delete_matches_records_by_value_not_spelling(server, api, zone):
    api.change_ok(zone, [create("v6", "AAAA", ["2001:db8::1"]), create("mx", "MX", ["10 mail"])])
    api.change_ok(zone, [delete("v6", "AAAA", ["2001:DB8:0:0::1"]), delete("mx", "MX", [f"10 MAIL.{zone}."])])
    assert status(server, f"v6.{zone}", "AAAA") == "NXDOMAIN"
    assert status(server, f"mx.{zone}", "MX") == "NXDOMAIN"


@pytest.mark.parametrize(
    "change",
    [
        delete("www", "A", ["10.0.6.1"]),  # subset
        delete("www", "A", ["10.0.6.1", "10.0.6.2", "10.0.6.3"]),  # superset
        delete("www", "A", ["10.0.6.1", "10.0.6.9"]),  # other records
        delete("www", "A", ["10.0.6.1", "10.0.6.2"], ttl=61),  # other ttl
    ],
    ids=["subset", "superset", "other", "ttl"],
)
def test_delete_mismatch_is_409(server, api, zone, change):
    api.change_ok(zone, [create("www", "A", ["10.0.6.1", "10.0.6.2"], ttl=60)])
    with nothing_changes(server, zones=[zone], queries=[(f"www.{zone}", "A"), (zone, "SOA")]):
        r = api.changes(zone, [change])
        assert_error(r, 409, "RecordSetMismatch", contains=f"www.{zone}")
    assert answers(server, f"www.{zone}") == ["10.0.6.1", "10.0.6.2"]


def test_delete_missing_is_404(server, api, zone):
    api.change_ok(zone, [create("www", "A", ["10.0.7.1"])])
    with nothing_changes(server, zones=[zone], queries=[(f"www.{zone}", "A"), (zone, "SOA")]):
        assert_error(api.changes(zone, [delete("nope", "A", ["10.0.7.1"])]), 404, "NoSuchRecordSet")
        assert_error(api.changes(zone, [delete("www", "AAAA", ["2001:db8::1"])]), 404, "NoSuchRecordSet")
        # The first change deletes it; the second finds nothing on the working copy.
        batch = [delete("www", "A", ["10.0.7.1"]), delete("www", "A", ["10.0.7.1"])]
        assert_error(api.changes(zone, batch), 404, "NoSuchRecordSet")


def test_create_existing_is_409(server, api, zone):
    api.change_ok(zone, [create("www", "A", ["10.0.8.1"])])
    with nothing_changes(server, zones=[zone], queries=[(f"www.{zone}", "A"), (f"n.{zone}", "A")]):
        assert_error(api.changes(zone, [create("www", "A", ["10.0.8.2"])]), 409, "RecordSetExists", contains=f"www.{zone}")
        assert_error(api.changes(zone, [create("WWW", "A", ["10.0.8.2"])]), 409, "RecordSetExists")
        assert_error(api.changes(zone, [create(f"www.{zone}.", "A", ["10.0.8.2"])]), 409, "RecordSetExists")
        # Twice in one batch: the second sees the first on the working copy.
        batch = [create("n", "A", ["10.0.8.3"]), create("n", "A", ["10.0.8.4"])]
        assert_error(api.changes(zone, batch), 409, "RecordSetExists")


def test_changes_apply_in_order_on_a_working_copy(server, api, zone):
    api.change_ok(zone, [create("www", "A", ["10.0.9.1"])])
    info = api.change_ok(
        zone,
        [
            delete("www", "A", ["10.0.9.1"]),
            create("www", "CNAME", ["target"]),
            create("target", "A", ["10.0.9.2"]),
            upsert("target", "A", ["10.0.9.3"]),
        ],
    )
    assert info["serial"] == 3, info
    res = server.dig(f"www.{zone}", "A")
    assert res.rdatas("CNAME") == [f"target.{zone}."] and res.rdatas("A") == ["10.0.9.3"], res


def test_cname_conflicts_are_409(server, api, zone):
    api.change_ok(zone, [create("host", "A", ["10.0.10.1"]), create("alias", "CNAME", ["host"])])
    api.register_ok(zone, "web", "i1", {"address": "10.0.10.5", "port": 80})
    queries = [(f"host.{zone}", "A"), (f"alias.{zone}", "A"), (f"web.{zone}", "A"), (f"both.{zone}", "A")]
    with nothing_changes(server, zones=[zone], queries=queries):
        cases = [
            [create("host", "CNAME", ["elsewhere.example."])],  # CNAME beside A
            [create("alias", "A", ["10.0.10.2"])],  # A beside CNAME
            [create("alias", "TXT", ['"x"'])],
            [upsert("host", "CNAME", ["x.example."])],
            [create("both", "A", ["10.0.10.3"]), create("both", "CNAME", ["host"])],  # in one batch
            [create("web", "CNAME", ["host"])],  # beside instance-made A/SRV
            [create("i1.web", "CNAME", ["host"])],  # beside instance-made A
            [create("@", "CNAME", ["host"])],  # beside SOA/NS
        ]
        for batch in cases:
            assert_error(api.changes(zone, batch), 409, "CNAMEConflict")
    assert answers(server, f"host.{zone}") == ["10.0.10.1"]


def test_absolute_apex_wildcard_and_relative_record_names(server, api, zone):
    api.change_ok(
        zone,
        [
            create(f"abs.{zone}.", "A", ["10.0.11.1"]),
            create(f"ABS2.{zone.upper()}.", "A", ["10.0.11.2"]),
            create("@", "TXT", ['"apex"']),
            create("@", "MX", ["10 mail", "20 mx.example.net."]),
            create("mail", "A", ["10.0.11.3"]),
            create("al", "CNAME", ["abs"]),
            create("_http._tcp", "SRV", ["0 5 80 abs", "1 5 8080 other.example.net."]),
            create("*.wild", "A", ["10.0.11.4"]),
            create("txt", "TXT", ['"\\"v=1\\""', '"a" "b c"']),
        ],
    )
    assert answers(server, f"abs.{zone}") == ["10.0.11.1"]
    assert answers(server, f"abs2.{zone}") == ["10.0.11.2"]
    assert answers(server, zone, "TXT") == ['"apex"']
    assert answers(server, zone, "MX") == [f"10 mail.{zone}.", "20 mx.example.net."]
    assert answers(server, f"al.{zone}", "CNAME") == [f"abs.{zone}."]
    assert answers(server, f"_http._tcp.{zone}", "SRV") == [f"0 5 80 abs.{zone}.", "1 5 8080 other.example.net."]
    assert answers(server, f"anything.wild.{zone}") == ["10.0.11.4"]
    assert answers(server, f"txt.{zone}", "TXT") == ['"\\"v=1\\""', '"a" "b c"']
    names = {(s["name"], s["type"]) for s in api.all_records(zone)}
    assert (f"abs.{zone}.", "A") in names and (f"{zone}.", "MX") in names and (f"*.wild.{zone}.", "A") in names, names


def test_unknown_type_number_is_accepted(server, api, zone):
    api.change_ok(zone, [create("opaque", "TYPE65280", ["\\# 3 abcdef"])])
    res = server.dig(f"opaque.{zone}", "TYPE65280")
    assert res.status == "NOERROR" and [r.lower() for r in res.rdatas("TYPE65280")] == ["\\# 3 abcdef"], res


def test_ttl_edges_are_accepted(server, api, zone):
    api.change_ok(zone, [create("t0", "A", ["10.0.12.1"], ttl=0), create("tmax", "A", ["10.0.12.2"], ttl=2147483647)])
    assert server.dig(f"t0.{zone}", "A").answer == [(f"t0.{zone}.", 0, "A", "10.0.12.1")]
    assert server.dig(f"tmax.{zone}", "A").answer == [(f"tmax.{zone}.", 2147483647, "A", "10.0.12.2")]


# ------------------------------------------------------------------ validation failures


def _guarded(server, zone, extra_queries=()):
    return nothing_changes(
        server, zones=[zone], queries=[(zone, "SOA"), (f"ok1.{zone}", "A"), (f"bad.{zone}", "A"), *extra_queries]
    )


@pytest.mark.parametrize(
    "name",
    ["www.other.internal.", "internal.", "ch999.internal.", "."],
    ids=["sibling", "parent", "other-zone", "root"],
)
def test_names_outside_the_zone_are_400(server, api, zone, name):
    with _guarded(server, zone):
        batch = [create("ok1", "A", ["10.0.13.1"]), create(name, "A", ["10.0.13.2"])]
        assert_error(api.changes(zone, batch), 400, "InvalidName", field="changes[1].name", contains="is not in zone")


@pytest.mark.parametrize("name", ["a..b", "x" * 64, ("y" * 60 + ".") * 4 + "z", ""], ids=["empty-label", "label-64", "too-long", "empty"])
def test_malformed_names_are_400(server, api, zone, name):
    with _guarded(server, zone):
        batch = [create("ok1", "A", ["10.0.13.1"]), create(name, "A", ["10.0.13.2"])]
        assert_error(api.changes(zone, batch), 400, "InvalidName", field="changes[1].name")


@pytest.mark.parametrize("ttl", [-1, 2147483648, 4294967296, -2147483649])
def test_ttl_out_of_range_is_400(server, api, zone, ttl):
    with _guarded(server, zone):
        batch = [create("ok1", "A", ["10.0.13.1"]), create("bad", "A", ["10.0.13.2"], ttl=ttl)]
        assert_error(api.changes(zone, batch), 400, "InvalidTTL", field="changes[1].ttl", contains=str(ttl))


@pytest.mark.parametrize("action", ["CREATE", "UPSERT"])
def test_ttl_required_for_create_and_upsert(server, api, zone, action):
    with _guarded(server, zone):
        r = api.changes(zone, [rr(action, "bad", "A", ["10.0.13.2"], ttl=None)])
        assert_error(r, 400, ("InvalidTTL", "InvalidChange"), field="changes[0].ttl")


@pytest.mark.parametrize("rtype", ["FOO", "ANY", "OPT", "AXFR", "IXFR", "TYPE", "TYPE70000", "*"])
def test_unknown_or_meta_type_is_400(server, api, zone, rtype):
    with _guarded(server, zone):
        batch = [create("ok1", "A", ["10.0.13.1"]), create("bad", rtype, ["10.0.13.2"])]
        assert_error(api.changes(zone, batch), 400, "InvalidType", field="changes[1].type")


def test_soa_cannot_be_changed(server, api, zone):
    with _guarded(server, zone):
        soa = f"ns1.{zone}. hostmaster.{zone}. 99 3600 600 1209600 60"
        for action in ("CREATE", "UPSERT", "DELETE"):
            r = api.changes(zone, [rr(action, "@", "SOA", [soa], ttl=900)])
            assert_error(r, 400, "InvalidChange", field="changes[0].type")


@pytest.mark.parametrize("action", ["MODIFY", "", "REPLACE"])
def test_unknown_action_is_400(server, api, zone, action):
    with _guarded(server, zone):
        batch = [create("ok1", "A", ["10.0.13.1"]), rr(action, "bad", "A", ["10.0.13.2"])]
        assert_error(api.changes(zone, batch), 400, "InvalidChange", field="changes[1].action")


@pytest.mark.parametrize(
    "rtype,good,bad",
    [
        ("A", "10.0.14.1", "10.0.0.300"),
        ("A", "10.0.14.1", "2001:db8::1"),
        ("A", "10.0.14.1", "10.0.0"),
        ("A", "10.0.14.1", ""),
        ("AAAA", "2001:db8::1", "10.0.0.1"),
        ("AAAA", "2001:db8::1", "2001:db8::g"),
        ("AAAA", "2001:db8::1", "1:2:3:4:5:6:7:8:9"),
        ("MX", "10 mail", "mail"),
        ("MX", "10 mail", "70000 mail"),
        ("MX", "10 mail", "10"),
        ("SRV", "1 1 80 t", "1 1 80"),
        ("SRV", "1 1 80 t", "1 1 70000 t"),
        ("SRV", "1 1 80 t", "x 1 80 t"),
        ("TXT", '"ok"', '"unterminated'),
        ("TXT", '"ok"', '"' + "x" * 256 + '"'),
        ("CNAME", "t", "a..b"),
    ],
    ids=lambda v: v if len(v) < 20 else v[:8] + "...",
)
def test_malformed_record_data_is_400_with_its_path(server, api, zone, rtype, good, bad):
    with _guarded(server, zone, [(f"bad.{zone}", rtype)]):
        batch = [create("ok1", "A", ["10.0.13.1"]), create("bad", rtype, [good, bad])]
        if rtype == "CNAME":
            batch[1]["records"] = [bad]
            field = "changes[1].records[0]"
        else:
            field = "changes[1].records[1]"
        body = assert_error(api.changes(zone, batch), 400, "InvalidRecord", field=field)
        if bad and rtype in ("A", "AAAA"):
            assert bad in body["message"], body


def test_empty_or_missing_records_are_400(server, api, zone):
    with _guarded(server, zone):
        r = api.changes(zone, [create("bad", "A", [])])
        assert_error(r, 400, ("InvalidRecord", "InvalidChange"), field="changes[0].records")
        r = api.changes(zone, [rr("CREATE", "bad", "A", None)])
        assert_error(r, 400, ("InvalidRecord", "InvalidChange", "InvalidJSON"))


def test_empty_batch_is_400(server, api, zone):
    with _guarded(server, zone):
        r = api.changes(zone, [])
        assert r.status == 400 and r.json()["code"] in ("InvalidChange", "InvalidRequest"), r


# ------------------------------------------------------------------ all or nothing


@pytest.mark.parametrize("failing", ["invalid-record", "exists", "missing", "mismatch", "cname"])
def test_batch_with_one_bad_change_applies_nothing(server, api, zone, failing):
    api.change_ok(zone, [create("old", "A", ["10.0.15.1"]), create("gone", "A", ["10.0.15.2"])])
    good = [
        create("new1", "A", ["10.0.15.10"]),
        upsert("old", "A", ["10.0.15.11"]),
        delete("gone", "A", ["10.0.15.2"]),
        create("new2", "TXT", ['"n2"']),
    ]
    bad = {
        "invalid-record": (create("new3", "A", ["10.0.15.999"]), 400, "InvalidRecord"),
        "exists": (create("old", "TXT", ['"t"']), None, None),
        "missing": (delete("never", "A", ["10.0.15.1"]), 404, "NoSuchRecordSet"),
        "mismatch": (delete("old", "A", ["10.0.15.1"]), 409, "RecordSetMismatch"),  # old is .11 by now
        "cname": (create("new1", "CNAME", ["old"]), 409, "CNAMEConflict"),
    }[failing]
    change, code_status, code = bad
    batch = good[:2] + [change] + good[2:]
    if failing == "exists":
        batch = good + [create("new2", "TXT", ['"again"'])]
        code_status, code = 409, "RecordSetExists"
    queries = [(f"{n}.{zone}", t) for n, t in [("new1", "A"), ("old", "A"), ("gone", "A"), ("new2", "TXT"), ("new3", "A")]]
    with nothing_changes(server, zones=[zone], queries=queries + [(zone, "SOA")]):
        r = api.changes(zone, batch)
        assert_error(r, code_status, code)
    assert status(server, f"new1.{zone}") == "NXDOMAIN"
    assert answers(server, f"old.{zone}") == ["10.0.15.1"]
    assert answers(server, f"gone.{zone}") == ["10.0.15.2"]
    assert soa_serial(server, zone) == 2


def test_a_failed_batch_does_not_disturb_the_next(server, api, zone):
    assert_error(api.changes(zone, [create("x", "A", ["bad"])]), 400, "InvalidRecord")
    info = api.change_ok(zone, [create("x", "A", ["10.0.16.1"])])
    assert info["serial"] == 2, info
    assert answers(server, f"x.{zone}") == ["10.0.16.1"]


# ------------------------------------------------------------------ limits


def test_thousand_changes_and_400_records_are_accepted(server, api, zone):
    batch = [create(f"h{i:04d}", "A", [f"10.1.{i // 256}.{i % 256}"]) for i in range(999)]
    batch.append(create("many", "A", [f"10.2.{i // 256}.{i % 256}" for i in range(400)]))
    info = api.change_ok(zone, batch)
    assert info["serial"] == 2, info
    assert answers(server, f"h0000.{zone}") == ["10.1.0.0"]
    assert answers(server, f"h0998.{zone}") == ["10.1.3.230"]
    res = server.dig(f"many.{zone}", "A")  # dig retries over TCP when truncated
    assert len(res.rdatas("A")) == 400, res
    assert len(api.all_records(zone)) == 2 + 1000


def test_too_many_changes_or_records_is_413(server, api, zone):
    with _guarded(server, zone, [(f"h0000.{zone}", "A"), (f"many.{zone}", "A")]):
        batch = [create(f"h{i:04d}", "A", ["10.3.0.1"]) for i in range(1001)]
        assert_error(api.changes(zone, batch), 413, "TooLarge")
        big = [create("many", "A", [f"10.4.{i // 256}.{i % 256}" for i in range(401)])]
        assert_error(api.changes(zone, big), 413, "TooLarge")


# ------------------------------------------------------------------ JSON


@pytest.mark.parametrize(
    "raw,mention",
    [
        (b'{"changes": [', None),
        (b"", None),
        (b"[]", None),
        (b'{"changes": "x"}', "changes"),
        (b'{"comment": "no changes"}', "changes"),
        (b'{"changes": [{"action": "CREATE", "name": "a", "type": "A", "ttl": "60", "records": ["10.0.0.1"]}]}', "ttl"),
        (b'{"changes": [{"action": "CREATE", "name": "a", "type": "A", "ttl": 60, "records": "10.0.0.1"}]}', "records"),
        (b'{"changes": [{"action": "CREATE", "name": 7, "type": "A", "ttl": 60, "records": ["10.0.0.1"]}]}', "name"),
        (b'{"changes": [{"name": "a", "type": "A", "ttl": 60, "records": ["10.0.0.1"]}]}', "action"),
        (b'{"changes": [{"action": "CREATE", "name": "a", "type": "A", "ttl": 6.5, "records": ["10.0.0.1"]}]}', None),
        (b'{"changes": [], "comment": 5}', "comment"),
    ],
    ids=["truncated", "empty", "array", "changes-string", "no-changes", "ttl-string", "records-string", "name-number",
         "no-action", "ttl-fraction", "comment-number"],
)
def test_bad_json_is_400_invalid_json(server, api, zone, raw, mention):
    with _guarded(server, zone, [(f"a.{zone}", "A")]):
        r = api.post(f"/v1/zones/{zone}/changes", raw=raw)
        body = assert_error(r, 400, "InvalidJSON")
        if mention:
            assert mention in body["message"], f"the decoding error should give its path ({mention}): {r}"


# ------------------------------------------------------------------ SQLite after stop


def test_failed_requests_leave_sqlite_unchanged_after_stop(api_servers):
    """Every kind of refused write, then SIGTERM: the store holds exactly what it held."""
    server = api_servers.start()
    api = server.api
    z = "stopcheck.internal"
    api.create_zone(z)
    api.change_ok(z, [create("www", "A", ["10.0.90.1", "10.0.90.2"]), create("alias", "CNAME", ["www"])])
    api.register_ok(z, "web", "i1", {"address": "10.0.90.3", "port": 80, "lease": 3600})
    queries = [(z, "SOA"), (f"www.{z}", "A"), (f"alias.{z}", "A"), (f"web.{z}", "A"), (f"web.{z}", "SRV"),
               (f"i1.web.{z}", "A"), (f"new.{z}", "A")]
    good = create("new", "A", ["10.0.90.9"])
    with nothing_changes(server, zones=[z], queries=queries, stop=True):
        failures = [
            (api.changes(z, [good, create("bad", "A", ["10.0.0.300"])]), 400, "InvalidRecord"),
            (api.changes(z, [good, create("www", "A", ["10.0.90.4"])]), 409, "RecordSetExists"),
            (api.changes(z, [good, delete("nope", "A", ["10.0.90.1"])]), 404, "NoSuchRecordSet"),
            (api.changes(z, [good, delete("www", "A", ["10.0.90.1"])]), 409, "RecordSetMismatch"),
            (api.changes(z, [good, create("www", "CNAME", ["alias"])]), 409, "CNAMEConflict"),
            (api.changes(z, [good, create("t", "A", ["10.0.90.5"], ttl=-1)]), 400, "InvalidTTL"),
            (api.changes(z, [good, create("t", "BOGUS", ["x"])]), 400, "InvalidType"),
            (api.changes(z, [good, create("x.elsewhere.", "A", ["10.0.90.6"])]), 400, "InvalidName"),
            (api.changes(z, [good] + [create(f"m{i}", "A", ["10.0.90.7"]) for i in range(1000)]), 413, "TooLarge"),
            (api.post(f"/v1/zones/{z}/changes", raw=b'{"changes": [{"action": "CREATE"'), 400, "InvalidJSON"),
            (api.post(f"/v1/zones/{z}/changes", raw=b'{"changes": [' + b" " * (1 << 20) + b"]}"), 413, "PayloadTooLarge"),
            (api.register(z, "web", "i2", {"address": "10.0.90.300"}), 400, "InvalidRecord"),
            (api.register(z, "web.x", "i2", {"address": "10.0.90.8"}), 400, "InvalidName"),
            (api.register(z, "alias", "i2", {"address": "10.0.90.8"}), 409, "CNAMEConflict"),
            (api.delete(f"/v1/zones/{z}/services/web/instances/nope"), 404, "NoSuchInstance"),
            (api.put(f"/v1/zones/{z}/services/web/instances/nope/heartbeat"), 404, "NoSuchInstance"),
            (api.delete(f"/v1/zones/{z}"), 409, "ZoneNotEmpty"),
        ]
        for r, st, code in failures:
            assert_error(r, st, code)
