"""The answer probes, and the throughput and fixed-rate latency phases."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from .common import ZONE, BenchError, log
from .dnsclient import dns_ask
from .dnsperf import dnsperf, latencies_from, pct
from .quiet import measured
from .servers import Server


PROBES = [
    ("svc0.{z}", "A"), ("svc0.{z}", "SRV"), ("www0.{z}", "A"), ("i0.svc0.{z}", "A"),
    ("nx1.{z}", "A"), ("{z}", "SOA"), ("{last}", "A"),
]


def probe(servers: dict[str, Server], env) -> tuple[list[list[str]], list[str]]:
    """The same few questions to every server: a table of answers, and the differences found."""
    rows, problems = [], []
    for tmpl, qt in PROBES:
        q = tmpl.format(z=ZONE, last=env["zone"]["last_name"])
        row = [f"`{q} {qt}`"]
        seen = {}
        for kind, s in servers.items():
            h = dns_ask(s.port, q, qt)
            if h is None:
                row.append("no answer")
                problems.append(f"{kind} did not answer {q} {qt}")
                continue
            row.append(f"{h['rcode']} an={h['an']} ns={h['ns']} ar={h['ar']}{' AA' if h['aa'] else ''}"
                       f"{' TC' if h['tc'] else ''} {h['size']} B")
            if kind != "reflector":
                seen[kind] = h
        if len({(h["rcode"], h["an"]) for h in seen.values()}) > 1:
            problems.append(f"**{q} {qt}: the servers differ in rcode or answer count**: "
                            + ", ".join(f"{k} {h['rcode']} an={h['an']}" for k, h in seen.items()))
        elif len({(h["ns"], h["ar"], h["size"]) for h in seen.values()}) > 1:
            problems.append(f"{q} {qt}: same rcode and answer, but other sections differ: "
                            + ", ".join(f"{k} ns={h['ns']} ar={h['ar']} {h['size']} B" for k, h in seen.items()))
        rows.append(row)
    return rows, problems


def phase_throughput(a, env, servers: dict[str, Server]) -> dict:
    runs: dict = {k: [] for k in servers}
    kinds = list(servers)
    for r in range(a.rounds):
        order = kinds[r % len(kinds):] + kinds[:r % len(kinds)]  # rotate who goes first
        for kind in order:
            s = measured(a, servers, f"{kind} round {r + 1}", lambda: dnsperf(a, env, servers[kind], a.seconds))
            s["round"] = r + 1
            runs[kind].append(s)
            log(f"   [{r + 1}] {kind:9} {s['qps']:>10,.0f} qps  lost {int(s['lost']):>6}  "
                f"{s['cpu_us_per_query']:6.2f} us/query  server {s['server_cores']:.2f} cores, "
                f"dnsperf {s['client_cores']:.2f}, machine {s['machine_cores']:.2f}")
            time.sleep(a.pause)
    return runs


def phase_latency(a, env, servers: dict[str, Server], rate: float, workdir: Path) -> dict:
    # In memory when possible: writing ~50 bytes per query to disk would wake the kernel's writeback.
    shm = Path("/dev/shm")
    vdir = Path(tempfile.mkdtemp(prefix="shoal-dns-bench-", dir=shm)) if shm.is_dir() and os.access(shm, os.W_OK) else workdir
    vfile = vdir / "dnsperf-v.txt"
    try:
        return _latency_runs(a, env, servers, rate, vfile)
    finally:
        vfile.unlink(missing_ok=True)
        if vdir != workdir:
            shutil.rmtree(vdir, ignore_errors=True)


def _latency_runs(a, env, servers: dict[str, Server], rate: float, vfile: Path) -> dict:
    runs: dict = {k: [] for k in servers}
    kinds = list(servers)
    for r in range(a.latency_rounds):
        order = kinds[r % len(kinds):] + kinds[:r % len(kinds)]
        for kind in order:
            s = measured(a, servers, f"{kind} latency round {r + 1}",
                         lambda: dnsperf(a, env, servers[kind], a.latency_seconds, rate=rate, verbose_file=vfile))
            lat = latencies_from(vfile)
            vfile.unlink()
            lat.sort()
            if len(lat) < 0.99 * s["completed"]:
                raise BenchError(f"dnsperf -v gave {len(lat)} latencies for {int(s['completed'])} answered queries")
            s["samples"] = len(lat)
            s["mean_ms"] = statistics.fmean(lat) * 1000 if lat else float("nan")
            s["p50_ms"] = pct(lat, 0.50) * 1000
            s["p99_ms"] = pct(lat, 0.99) * 1000
            s["p999_ms"] = pct(lat, 0.999) * 1000
            s["max_ms"] = lat[-1] * 1000 if lat else float("nan")
            s["round"] = r + 1
            runs[kind].append(s)
            log(f"   [{r + 1}] {kind:9} {s['qps']:>10,.0f} qps  mean {s['mean_ms']:.3f} ms  p99 {s['p99_ms']:.3f} ms  "
                f"lost {int(s['lost'])}  {s['cpu_us_per_query']:.2f} us/query")
            time.sleep(a.pause)
    return runs
