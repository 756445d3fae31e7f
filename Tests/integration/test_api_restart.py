"""Restart: zones, record sets, instances and changes written through the API
come back the same after SIGTERM and a new start on the same --data, in DNS
(dig) and in every listing; serials go on from where they were.
"""

from __future__ import annotations

import signal

from api_helpers import (
    STATIC_ZONE,
    answers,
    create,
    delete,
    dns_view,
    instance_path,
    integrity_check,
    soa_serial,
    status,
    upsert,
)

A = "one.internal"
B = "two.internal"


def populate(api) -> list[dict]:
    changes = []
    api.create_zone(A)
    api.create_zone(
        B,
        soa={"primary": "dns1.example.net.", "mailbox": "ops.example.net.", "minimum": 30, "ttl": 600},
        nameServers=["dns1.example.net.", "dns2.example.net."],
        comment="second zone",
    )
    api.create_zone("doomed.internal")
    changes.append(
        api.change_ok(
            A,
            [
                create("www", "A", ["10.50.0.1", "10.50.0.2"], ttl=120),
                create("www", "AAAA", ["2001:db8::50"]),
                create("alias", "CNAME", ["www"]),
                create("@", "MX", ["10 mail", "20 mx.example.net."]),
                create("mail", "A", ["10.50.0.3"]),
                create("@", "TXT", ['"v=spf1 -all"', '"a" "b"']),
                create("_sip._tcp", "SRV", ["0 5 5060 www"]),
                create("*.wild", "A", ["10.50.0.4"]),
                create("sub", "NS", ["ns.sub"]),
                create("ns.sub", "A", ["10.50.0.5"]),
                create("opaque", "TYPE65280", ["\\# 2 beef"]),
                create("gone", "A", ["10.50.0.6"]),
            ],
            comment="initial",
        )
    )
    changes.append(api.change_ok(A, [upsert("www", "A", ["10.50.0.7"], ttl=30), delete("gone", "A", ["10.50.0.6"])]))
    changes.append(api.change_ok(B, [create("api", "A", ["10.51.0.1"])]))
    for iid, addr, port in (("i1", "10.52.0.1", 80), ("i2", "10.52.0.2", 81), ("i3", "2001:db8::52", None)):
        reg = {"address": addr, "attributes": {"id": iid}, "ttl": 20}
        if port is not None:
            reg["port"] = port
        if iid == "i2":
            reg["lease"] = 3600
        changes.append(api.register_ok(A, "web", iid, reg)["change"])
    changes.append(api.register_ok(B, "db", "main", {"address": "10.53.0.1", "port": 5432})["change"])
    r = api.delete(instance_path(A, "web", "i3"))
    assert r.status == 200, r
    changes.append(r.json())
    r = api.delete("/v1/zones/doomed.internal")
    assert r.status == 204, r
    return changes


QUERIES = [
    (A, "SOA"), (A, "NS"), (A, "MX"), (A, "TXT"),
    (f"www.{A}", "A"), (f"www.{A}", "AAAA"), (f"alias.{A}", "A"), (f"mail.{A}", "A"),
    (f"_sip._tcp.{A}", "SRV"), (f"x.wild.{A}", "A"), (f"host.sub.{A}", "A"), (f"opaque.{A}", "TYPE65280"),
    (f"gone.{A}", "A"), (f"web.{A}", "A"), (f"web.{A}", "AAAA"), (f"web.{A}", "SRV"),
    (f"i1.web.{A}", "A"), (f"i2.web.{A}", "A"), (f"i3.web.{A}", "AAAA"),
    (B, "SOA"), (B, "NS"), (f"api.{B}", "A"), (f"db.{B}", "SRV"), (f"main.db.{B}", "A"),
    ("doomed.internal", "SOA"), (f"www.{STATIC_ZONE}", "A"),
]


def snapshot(server, changes):
    api = server.api
    snap = {
        "zones": api.zones(),
        "records": {z: api.all_records(z) for z in (A, B, STATIC_ZONE)},
        "instances": {(z, s): api.instances(z, s).json() for z, s in ((A, "web"), (B, "db"))},
        "instance": api.get(instance_path(A, "web", "i2")).json(),
        "changes": [api.get(f"/v1/changes/{c['changeId']}").json() for c in changes],
        "dns": dns_view(server, QUERIES),
    }
    return snap


def test_everything_answers_and_lists_the_same_after_restart(api_servers):
    server = api_servers.start()
    changes = populate(server.api)
    before = snapshot(server, changes)
    assert before["changes"] == changes
    assert before["dns"][(f"www.{A}", "A")][2] == [(f"www.{A}.", 30, "A", "10.50.0.7")]
    assert before["dns"][("doomed.internal", "SOA")][0] == "REFUSED"
    serial_a = soa_serial(server, A)

    server = api_servers.restart(server, signal.SIGTERM)
    after = snapshot(server, changes)
    for key in before:
        assert after[key] == before[key], f"{key} differs after restart:\n{before[key]}\n->\n{after[key]}"

    # Serials continue; new writes work on the restored state.
    info = server.api.change_ok(A, [create("new", "A", ["10.50.0.9"])])
    assert info["serial"] == serial_a + 1, info
    assert answers(server, f"new.{A}") == ["10.50.0.9"]
    assert answers(server, f"www.{A}") == ["10.50.0.7"]
    r = server.api.register(A, "web", "i1", {"address": "10.52.0.11", "port": 80})
    assert r.status == 200, r  # replaced, not created: the instance came back
    assert answers(server, f"web.{A}") == ["10.52.0.11", "10.52.0.2"]
    # Names taken before the restart are still taken.
    r = server.api.post("/v1/zones", {"name": A})
    assert r.status == 409 and r.json()["code"] == "ZoneExists", r
    assert status(server, "www.doomed.internal") == "REFUSED"

    # A second restart, then the store is consistent.
    server = api_servers.restart(server, signal.SIGINT)
    assert answers(server, f"new.{A}") == ["10.50.0.9"]
    server.stop(signal.SIGTERM)
    assert server.returncode == 0, server.log_tail()
    assert integrity_check(server.db) == ["ok"]
