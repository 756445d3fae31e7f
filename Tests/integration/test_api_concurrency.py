"""Concurrency: writers hammer the API while readers query DNS in a loop. No
query may ever see half a batch: each batch writes two record sets A and B with
the same marker, and a reader that sees A's marker must then see B's (asked
after A on the same socket, so from the same DNS worker, whose view only moves
forward). Readers use dnspython over UDP and TCP and `dig +tcp +keepopen`.

Only correctness is asserted; the query latencies are printed.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import socket
import threading
import time

import dns.exception
import dns.message
import dns.query
import dns.rdatatype

from helpers import parse_client_output, require_tool, run

ZONE = "conc.internal"
WRITERS = 4
DURATION = 5.0  # seconds of writing
QTIMEOUT = 2.0


class Shared:
    def __init__(self):
        self.lock = threading.Lock()
        self.recent: list[tuple[int, int]] = []  # (writer, batch) sent, newest last
        self.acked: list[tuple[int, int]] = []
        self.violations: list[str] = []
        self.latencies: list[float] = []
        self.udp_timeouts = 0
        self.tcp_errors: list[str] = []
        self.pairs_checked = 0
        self.pairs_seen = 0
        self.write_failures: list[str] = []
        self.stop = threading.Event()

    def pick(self, rng: random.Random):
        with self.lock:
            if not self.recent:
                return None
            return self.recent[-1 - min(len(self.recent) - 1, int(rng.expovariate(0.5)))]


def writer(w: int, http_addr, sh: Shared):
    conn = http.client.HTTPConnection(*http_addr, timeout=10)
    n = 0
    try:
        while not sh.stop.is_set():
            n += 1
            marker = f'"m{w}-{n}"'
            changes = [
                {"action": "CREATE", "name": f"a-{w}-{n}", "type": "TXT", "ttl": 60, "records": [marker]},
                {"action": "CREATE", "name": f"b-{w}-{n}", "type": "TXT", "ttl": 60, "records": [marker]},
                {"action": "UPSERT", "name": f"pa{w}", "type": "TXT", "ttl": 60, "records": [f'"{n}"']},
                {"action": "UPSERT", "name": f"pb{w}", "type": "TXT", "ttl": 60, "records": [f'"{n}"']},
            ]
            with sh.lock:
                sh.recent.append((w, n))
                del sh.recent[:-50]
            conn.request("POST", f"/v1/zones/{ZONE}/changes", body=json.dumps({"changes": changes}),
                         headers={"Content-Type": "application/json"})
            r = conn.getresponse()
            body = r.read()
            if r.status != 200:
                sh.write_failures.append(f"{r.status} {body[:200]!r}")
                return
            with sh.lock:
                sh.acked.append((w, n))
    except (OSError, http.client.HTTPException) as e:
        sh.write_failures.append(f"writer {w}: {e!r}")
    finally:
        conn.close()


def txt_marker(msg) -> str | None:
    for rrset in msg.answer:
        if rrset.rdtype == dns.rdatatype.TXT:
            for rd in rrset:
                return b"".join(rd.strings).decode()
    return None


class DnsReader:
    """Queries over one UDP socket (fixed source port) or one TCP connection."""

    def __init__(self, addr, transport: str, sh: Shared):
        self.addr, self.transport, self.sh = addr, transport, sh
        self.sock = None

    def _open(self):
        if self.transport == "udp":
            self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            self.sock.bind(("127.0.0.1", 0))
        else:
            self.sock = socket.create_connection(self.addr, timeout=QTIMEOUT)

    def ask(self, name: str, tries: int = 3):
        if self.sock is None:
            self._open()
        q = dns.message.make_query(name, "TXT", use_edns=False)
        for _ in range(tries):
            t = time.monotonic()
            try:
                if self.transport == "udp":
                    reply = dns.query.udp(q, self.addr[0], port=self.addr[1], timeout=QTIMEOUT, sock=self.sock)
                else:
                    dns.query.send_tcp(self.sock, q, expiration=time.time() + QTIMEOUT)
                    reply, _ = dns.query.receive_tcp(self.sock, expiration=time.time() + QTIMEOUT)
            except dns.exception.Timeout:
                if self.transport == "udp":
                    with self.sh.lock:
                        self.sh.udp_timeouts += 1
                    continue
                raise
            with self.sh.lock:
                self.sh.latencies.append(time.monotonic() - t)
            return reply
        raise AssertionError(f"no UDP answer for {name} in {tries} tries")

    def close(self):
        if self.sock is not None:
            self.sock.close()


def dns_reader(addr, transport: str, sh: Shared, seed: int):
    rng = random.Random(seed)
    rd = DnsReader(addr, transport, sh)
    try:
        while not sh.stop.is_set():
            picked = sh.pick(rng)
            if picked is None:
                time.sleep(0.005)
                continue
            w, n = picked
            a = txt_marker(rd.ask(f"a-{w}-{n}.{ZONE}"))
            b = txt_marker(rd.ask(f"b-{w}-{n}.{ZONE}"))
            with sh.lock:
                sh.pairs_checked += 1
                if a is not None:
                    sh.pairs_seen += 1
                    if b != a:
                        sh.violations.append(f"{transport}: a-{w}-{n} = {a!r} but then b-{w}-{n} = {b!r}")
            pa = txt_marker(rd.ask(f"pa{w}.{ZONE}"))
            pb = txt_marker(rd.ask(f"pb{w}.{ZONE}"))
            if pa is not None and (pb is None or int(pb) < int(pa)):
                with sh.lock:
                    sh.violations.append(f"{transport}: pa{w} = {pa} but then pb{w} = {pb}")
    except Exception as e:  # noqa: BLE001 - reported below
        with sh.lock:
            sh.tcp_errors.append(f"{transport} reader: {e!r}")
    finally:
        rd.close()


def dig_reader(addr, sh: Shared, seed: int):
    rng = random.Random(seed)
    tool = require_tool("dig")
    try:
        while not sh.stop.is_set():
            picked = sh.pick(rng)
            if picked is None:
                time.sleep(0.005)
                continue
            w, n = picked
            argv = [tool, f"@{addr[0]}", "-p", str(addr[1]), "+tcp", "+keepopen", "+time=2", "+tries=1",
                    f"a-{w}-{n}.{ZONE}", "TXT", f"b-{w}-{n}.{ZONE}", "TXT", f"pa{w}.{ZONE}", "TXT", f"pb{w}.{ZONE}", "TXT"]
            p = run(argv, timeout=15)
            parts = re.split(r"(?=;; Got answer:)", p.stdout)[1:]
            if len(parts) != 4:
                with sh.lock:
                    sh.tcp_errors.append(f"dig printed {len(parts)} answers:\n{p.stdout[-2000:]}")
                return
            a, b, pa, pb = (parse_client_output("dig", argv, p.returncode, part).rdatas("TXT") for part in parts)
            with sh.lock:
                sh.pairs_checked += 1
                if a:
                    sh.pairs_seen += 1
                    if b != a:
                        sh.violations.append(f"dig: a-{w}-{n} = {a} but then b-{w}-{n} = {b}")
                if pa and (not pb or int(pb[0].strip('"')) < int(pa[0].strip('"'))):
                    sh.violations.append(f"dig: pa{w} = {pa} but then pb{w} = {pb}")
    except Exception as e:  # noqa: BLE001
        with sh.lock:
            sh.tcp_errors.append(f"dig reader: {e!r}")


def test_no_query_sees_half_a_batch(api_servers):
    server = api_servers.start()
    server.api.create_zone(ZONE)
    sh = Shared()
    threads = [threading.Thread(target=writer, args=(w, server.http, sh), daemon=True) for w in range(WRITERS)]
    threads += [
        threading.Thread(target=dns_reader, args=(server.v4, "udp", sh, 1), daemon=True),
        threading.Thread(target=dns_reader, args=(server.v4, "tcp", sh, 2), daemon=True),
        threading.Thread(target=dig_reader, args=(server.v4, sh, 3), daemon=True),
    ]
    for t in threads:
        t.start()
    time.sleep(DURATION)
    sh.stop.set()
    for t in threads:
        t.join(timeout=20)
        assert not t.is_alive(), f"thread {t.name} is stuck"

    lat = sorted(sh.latencies)
    p50 = lat[len(lat) // 2] * 1000 if lat else 0
    p99 = lat[int(len(lat) * 0.99)] * 1000 if lat else 0
    print(
        f"concurrency: {len(sh.acked)} batches acknowledged in {DURATION:.0f} s by {WRITERS} writers; "
        f"{len(lat)} dnspython queries, latency p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {lat[-1] * 1000 if lat else 0:.2f} ms; "
        f"{sh.pairs_checked} pairs checked, {sh.pairs_seen} with A present; {sh.udp_timeouts} UDP timeouts (retried)"
    )
    assert not sh.write_failures, sh.write_failures[:5]
    assert not sh.tcp_errors, sh.tcp_errors[:5]
    assert not sh.violations, f"{len(sh.violations)} half batches seen, e.g. {sh.violations[:5]}"
    assert len(sh.acked) >= 20, f"only {len(sh.acked)} batches written: the test proved little"
    assert sh.pairs_seen >= 20, f"only {sh.pairs_seen} pairs seen with A present: the test proved little"
    assert sh.udp_timeouts <= max(3, len(lat) // 100), f"{sh.udp_timeouts} UDP queries went unanswered"

    # Afterwards every acknowledged batch is answered whole.
    rd = DnsReader(server.v4, "tcp", Shared())
    try:
        for w, n in random.Random(4).sample(sh.acked, min(50, len(sh.acked))):
            m = f"m{w}-{n}"
            assert txt_marker(rd.ask(f"a-{w}-{n}.{ZONE}")) == m and txt_marker(rd.ask(f"b-{w}-{n}.{ZONE}")) == m
    finally:
        rd.close()
