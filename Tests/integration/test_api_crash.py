"""Crash test (acceptance): 20 rounds of 8 concurrent writers, the server
SIGKILLed at a seeded random moment, restarted on the same --data. Every
acknowledged (2xx) change must be there after the restart: all of them in the
listings, a sample through dig; and SQLite passes PRAGMA integrity_check after
every kill and at the end.

Bounded: each round's writes last at most ~1 s, every HTTP call has a 5 s
timeout, and the whole test must finish within CRASH_DEADLINE.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import threading
import time

from api_helpers import answers, instance_path, integrity_check, status, stop_ok

ZONE = "crash.internal"
ROUNDS = 20
WRITERS = 8
SEED = int(os.environ.get("SHOAL_CRASH_SEED", "20251122"))
CRASH_DEADLINE = 110.0  # seconds for the whole test
ROUND_DEADLINE = 15.0  # seconds for one round (writes, kill, restart, checks)


class Ledger:
    """What the writers sent and what the server acknowledged."""

    def __init__(self):
        self.lock = threading.Lock()
        self.names: dict[str, str] = {}  # acked CREATE: name -> address
        self.instances: dict[tuple[str, str], str] = {}  # acked registration: (service, id) -> address
        self.deregistered: set[tuple[str, str]] = set()  # acked deregistration
        self.delete_attempted: set[tuple[str, str]] = set()
        self.counter_acked: dict[int, int] = {}  # writer -> last acked UPSERT value
        self.counter_sent: dict[int, int] = {}  # writer -> last value sent (maybe applied)
        self.failures: list[str] = []  # non-2xx replies
        self.acks = 0


class Writer(threading.Thread):
    def __init__(self, w: int, rnd: int, http_addr, ledger: Ledger, rng: random.Random, seq_start: int):
        super().__init__(daemon=True, name=f"writer-{w}")
        self.w, self.rnd, self.addr, self.ledger, self.rng = w, rnd, http_addr, ledger, rng
        self.seq = seq_start
        self.conn = None
        self.stop = threading.Event()
        self.done_ops = 0

    def call(self, method: str, path: str, body) -> tuple[int, bytes]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(*self.addr, timeout=5)
        data = json.dumps(body).encode() if body is not None else None
        self.conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
        r = self.conn.getresponse()
        return r.status, r.read()

    def run(self):
        led = self.ledger
        i = 0
        try:
            while not self.stop.is_set() and i < 10_000:
                i += 1
                op = self.rng.randrange(10)
                tag = f"r{self.rnd}w{self.w}n{i}"
                addr = f"10.{60 + self.w}.{self.rnd}.{i % 250 + 1}"
                if op < 4:  # a batch of two CREATEs
                    names = [f"{tag}a", f"{tag}b"]
                    body = {"changes": [
                        {"action": "CREATE", "name": n, "type": "A", "ttl": 60, "records": [addr]} for n in names
                    ]}
                    st, data = self.call("POST", f"/v1/zones/{ZONE}/changes", body)
                    if 200 <= st < 300:
                        with led.lock:
                            for n in names:
                                led.names[f"{n}.{ZONE}."] = addr
                            led.acks += 1
                    else:
                        led.failures.append(f"POST changes {names}: {st} {data[:200]!r}")
                elif op < 7:  # register an instance
                    key = (f"s{self.w}", tag)
                    st, data = self.call("PUT", instance_path(ZONE, *key), {"address": addr, "port": 8000 + self.w})
                    if 200 <= st < 300:
                        with led.lock:
                            led.instances[key] = addr
                            led.acks += 1
                    else:
                        led.failures.append(f"PUT instance {key}: {st} {data[:200]!r}")
                elif op < 9:  # UPSERT this writer's counter
                    self.seq += 1
                    with led.lock:
                        led.counter_sent[self.w] = self.seq
                    body = {"changes": [
                        {"action": "UPSERT", "name": f"ctr{self.w}", "type": "TXT", "ttl": 60, "records": [f'"{self.seq}"']}
                    ]}
                    st, data = self.call("POST", f"/v1/zones/{ZONE}/changes", body)
                    if 200 <= st < 300:
                        with led.lock:
                            led.counter_acked[self.w] = self.seq
                            led.acks += 1
                    else:
                        led.failures.append(f"UPSERT ctr{self.w}: {st} {data[:200]!r}")
                else:  # deregister one of this writer's acked instances
                    with led.lock:
                        mine = sorted(k for k in led.instances if k[0] == f"s{self.w}" and k not in led.delete_attempted)
                        key = self.rng.choice(mine) if mine else None
                        if key:
                            led.delete_attempted.add(key)
                    if key is None:
                        continue
                    st, data = self.call("DELETE", instance_path(ZONE, *key), None)
                    if 200 <= st < 300:
                        with led.lock:
                            led.deregistered.add(key)
                            led.acks += 1
                    else:
                        led.failures.append(f"DELETE instance {key}: {st} {data[:200]!r}")
                self.done_ops += 1
        except (OSError, http.client.HTTPException):
            pass  # the server was killed under us; an unanswered request may or may not have been applied
        finally:
            if self.conn is not None:
                self.conn.close()


def verify(server, ledger: Ledger, rng: random.Random, rnd: int) -> None:
    api = server.api
    sets = {(s["name"], s["type"]): s for s in api.all_records(ZONE)}
    with ledger.lock:
        names = dict(ledger.names)
        instances = dict(ledger.instances)
        deregistered = set(ledger.deregistered)
        delete_attempted = set(ledger.delete_attempted)
        acked = dict(ledger.counter_acked)
        sent = dict(ledger.counter_sent)
    missing = [n for n, a in names.items() if (n, "A") not in sets or sets[(n, "A")]["records"] != [a]]
    assert not missing, f"round {rnd}: {len(missing)} acknowledged record sets lost, e.g. {missing[:5]}"

    listed: dict[tuple[str, str], str] = {}
    for w in range(WRITERS):
        r = api.instances(ZONE, f"s{w}")
        if r.status == 404:
            continue
        assert r.status == 200, r
        for inst in r.json()["instances"]:
            listed[(inst["service"], inst["id"])] = inst["address"]
    lost = [k for k, a in instances.items() if k not in delete_attempted and listed.get(k) != a]
    assert not lost, f"round {rnd}: {len(lost)} acknowledged instances lost, e.g. {lost[:5]}"
    back = [k for k in deregistered if k in listed]
    assert not back, f"round {rnd}: acknowledged deregistrations came back: {back[:5]}"

    for w, value in acked.items():
        s = sets.get((f"ctr{w}.{ZONE}.", "TXT"))
        assert s is not None, f"round {rnd}: counter ctr{w} lost (acked {value})"
        got = int(s["records"][0].strip('"'))
        assert value <= got <= sent[w], f"round {rnd}: ctr{w} is {got}; acked {value}, last sent {sent[w]}"

    # dig a sample
    for n in rng.sample(sorted(names), min(4, len(names))):
        assert answers(server, n) == [names[n]], n
    live = sorted(k for k in instances if k not in delete_attempted)
    for service, iid in rng.sample(live, min(3, len(live))):
        assert answers(server, f"{iid}.{service}.{ZONE}") == [instances[(service, iid)]]
        assert instances[(service, iid)] in answers(server, f"{service}.{ZONE}")
    for service, iid in rng.sample(sorted(deregistered), min(2, len(deregistered))):
        assert status(server, f"{iid}.{service}.{ZONE}") == "NXDOMAIN"
    for w, value in list(acked.items())[:2]:
        got = int(answers(server, f"ctr{w}.{ZONE}", "TXT")[0].strip('"'))
        assert value <= got <= sent[w]


def test_acknowledged_changes_survive_sigkill(api_servers):
    rng = random.Random(SEED)
    t_start = time.monotonic()
    server = api_servers.start()
    server.api.create_zone(ZONE)
    data, zones = server.data, server.zones
    ledger = Ledger()
    seqs = {w: 0 for w in range(WRITERS)}
    stats = []
    for rnd in range(ROUNDS):
        t_round = time.monotonic()
        writers = [
            Writer(w, rnd, server.http, ledger, random.Random(rng.random()), seqs[w]) for w in range(WRITERS)
        ]
        acks_before = ledger.acks
        for t in writers:
            t.start()
        kill_after = rng.uniform(0.1, 1.0)
        time.sleep(kill_after)
        stop_ok(server, signal.SIGKILL)  # mid-write
        for t in writers:
            t.stop.set()
            t.join(timeout=10)
            assert not t.is_alive(), f"writer {t.name} is stuck"
            seqs[t.w] = t.seq
        assert not ledger.failures, f"round {rnd}: non-2xx replies: {ledger.failures[:5]}"
        assert integrity_check(server.db) == ["ok"], f"round {rnd}: integrity_check after SIGKILL"
        server = api_servers.start(data, zones)
        verify(server, ledger, rng, rnd)
        took = time.monotonic() - t_round
        stats.append((rnd, kill_after, ledger.acks - acks_before, took))
        assert took < ROUND_DEADLINE, f"round {rnd} took {took:.1f} s"
        assert time.monotonic() - t_start < CRASH_DEADLINE, f"crash test over {CRASH_DEADLINE} s after round {rnd}"

    total = time.monotonic() - t_start
    print(f"crash test: {ROUNDS} rounds, {ledger.acks} acknowledged writes, "
          f"{len(ledger.names)} names, {len(ledger.instances)} instances, {total:.1f} s; seed {SEED}")
    for rnd, k, n, took in stats:
        print(f"  round {rnd:2d}: killed after {k:.2f} s, {n} acks, round {took:.2f} s")
    assert ledger.acks >= ROUNDS * WRITERS, f"only {ledger.acks} writes acknowledged: the test proved little"
    stop_ok(server, signal.SIGTERM)
    assert integrity_check(server.db) == ["ok"]
