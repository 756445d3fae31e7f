"""Leases (acceptance): an instance registered with a lease and never renewed
is gone from DNS within lease + 1 s, and stays gone after a restart; one whose
heartbeat keeps coming stays; one that lapsed while the server was down is
removed right after start.

dig is polled every 100 ms with a hard bound; every timing is printed.
"""

from __future__ import annotations

import signal
import time

from api_helpers import answers, assert_error, instance_path, soa_serial, status, stop_ok

ZONE = "lease.internal"
POLL = 0.1


def present(server, name: str, address: str) -> bool:
    res = server.dig(name, "A")
    assert res.status in ("NOERROR", "NXDOMAIN"), res
    return address in res.rdatas("A")


def poll_until_gone(server, names: list[str], address: str, t0: float, bound: float) -> tuple[float, list[float]]:
    """Poll dig every 100 ms until every name has lost address; returns (seconds after t0
    when gone, times at which it was still seen). Hard bound: t0 + bound."""
    seen = []
    while True:
        now = time.monotonic()
        if all(not present(server, n, address) for n in names):
            return now - t0, seen
        seen.append(now - t0)
        assert now - t0 < bound, f"{names} still answer {address} {now - t0:.2f} s after registering"
        time.sleep(max(0.0, POLL - (time.monotonic() - now)))


def test_unrenewed_lease_lapses_within_lease_plus_one_second(api_servers):
    server = api_servers.start()
    api = server.api
    api.create_zone(ZONE)
    api.register_ok(ZONE, "web", "keep", {"address": "10.40.0.1", "port": 80})  # no lease
    serial0 = soa_serial(server, ZONE)

    lease = 2
    r = api.register(ZONE, "web", "short", {"address": "10.40.0.2", "port": 81, "lease": lease})
    t0 = time.monotonic()
    assert r.status == 201, r
    assert r.json()["instance"]["lease"] == lease and r.json()["instance"]["expiresAt"], r
    names = [f"short.web.{ZONE}", f"web.{ZONE}"]
    assert present(server, names[0], "10.40.0.2") and present(server, names[1], "10.40.0.2"), "not answered at once"

    gone_at, seen = poll_until_gone(server, names, "10.40.0.2", t0, bound=lease + 3.0)
    print(f"lease {lease} s: last seen {seen[-1] if seen else 0:.2f} s, gone at {gone_at:.2f} s after the reply")
    assert gone_at <= lease + 1.0, f"still answered {gone_at:.2f} s after registering with lease {lease}"
    assert seen and seen[-1] >= 1.0, f"gone too early: last seen at {seen[-1] if seen else 0:.2f} s (lease {lease})"

    # Gone everywhere: DNS, the instance API, the listing; the other instance stays.
    assert status(server, names[0]) == "NXDOMAIN"
    assert answers(server, f"web.{ZONE}") == ["10.40.0.1"]
    assert answers(server, f"web.{ZONE}", "SRV") == [f"1 1 80 keep.web.{ZONE}."]
    assert_error(api.get(instance_path(ZONE, "web", "short")), 404, "NoSuchInstance")
    assert [i["id"] for i in api.instances(ZONE, "web").json()["instances"]] == ["keep"]
    names_listed = {s["name"] for s in api.all_records(ZONE)}
    assert f"short.web.{ZONE}." not in names_listed, names_listed
    # The sweep is a change batch of its own.
    assert soa_serial(server, ZONE) == serial0 + 2

    # Still gone after a restart on the same data.
    server = api_servers.restart(server)
    assert status(server, names[0]) == "NXDOMAIN"
    assert answers(server, f"web.{ZONE}") == ["10.40.0.1"]
    assert_error(server.api.get(instance_path(ZONE, "web", "short")), 404, "NoSuchInstance")
    assert soa_serial(server, ZONE) == serial0 + 2


def test_heartbeats_keep_an_instance(api_servers):
    server = api_servers.start()
    api = server.api
    api.create_zone(ZONE)
    lease = 2
    api.register_ok(ZONE, "web", "beating", {"address": "10.40.1.1", "lease": lease})
    t0 = time.monotonic()
    name = f"beating.web.{ZONE}"
    next_beat = t0 + 1.0
    polls = 0
    while time.monotonic() - t0 < 4.0:
        assert present(server, name, "10.40.1.1"), f"renewed instance vanished {time.monotonic() - t0:.2f} s in"
        polls += 1
        if time.monotonic() >= next_beat:
            r = api.put(instance_path(ZONE, "web", "beating") + "/heartbeat")
            assert r.status == 200, r
            next_beat += 1.0
        time.sleep(POLL)
    assert polls >= 20, polls
    assert present(server, name, "10.40.1.1")
    # Heartbeats stop: it lapses within lease + 1 s of the last one.
    r = api.put(instance_path(ZONE, "web", "beating") + "/heartbeat")
    t1 = time.monotonic()
    assert r.status == 200, r
    gone_at, _ = poll_until_gone(server, [name], "10.40.1.1", t1, bound=lease + 3.0)
    print(f"after the last heartbeat: gone at {gone_at:.2f} s")
    assert gone_at <= lease + 1.0, gone_at


def test_lease_lapsed_while_down_is_removed_right_after_start(api_servers):
    server = api_servers.start()
    api = server.api
    api.create_zone(ZONE)
    api.register_ok(ZONE, "web", "stays", {"address": "10.40.2.1", "lease": 3600})
    api.register_ok(ZONE, "web", "lapses", {"address": "10.40.2.2", "lease": 1})
    stop_ok(server)
    time.sleep(1.5)
    server = api_servers.start(server.data, server.zones)
    t0 = time.monotonic()
    gone_at, _ = poll_until_gone(server, [f"lapses.web.{ZONE}", f"web.{ZONE}"], "10.40.2.2", t0, bound=3.0)
    print(f"lapsed while down: gone {gone_at:.2f} s after the server was up")
    assert gone_at <= 1.0, gone_at
    assert answers(server, f"web.{ZONE}") == ["10.40.2.1"]
    assert_error(server.api.get(instance_path(ZONE, "web", "lapses")), 404, "NoSuchInstance")


def test_renewed_lease_survives_restart(api_servers):
    server = api_servers.start()
    api = server.api
    api.create_zone(ZONE)
    api.register_ok(ZONE, "web", "long", {"address": "10.40.3.1", "lease": 60})
    before = api.get(instance_path(ZONE, "web", "long")).json()
    server = api_servers.restart(server)
    after = server.api.get(instance_path(ZONE, "web", "long"))
    assert after.status == 200 and after.json() == before, after
    assert answers(server, f"long.web.{ZONE}") == ["10.40.3.1"]


def test_heartbeat_is_durable(api_servers):
    """A heartbeat's renewal survives SIGKILL: after the restart the instance keeps the
    renewed expiry, not the first one."""
    server = api_servers.start()
    api = server.api
    api.create_zone(ZONE)
    first = api.register_ok(ZONE, "web", "hb", {"address": "10.40.4.1", "lease": 60})["instance"]["expiresAt"]
    time.sleep(1.1)
    r = api.put(instance_path(ZONE, "web", "hb") + "/heartbeat")
    assert r.status == 200, r
    renewed = r.json()["expiresAt"]
    assert renewed > first, (first, renewed)  # ISO 8601 UTC strings of one format sort by time
    server = api_servers.restart(server, signal.SIGKILL)
    g = server.api.get(instance_path(ZONE, "web", "hb"))
    assert g.status == 200 and g.json()["expiresAt"] == renewed, (first, renewed, g)
    assert answers(server, f"hb.web.{ZONE}") == ["10.40.4.1"]
