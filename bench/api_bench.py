#!/usr/bin/env python3
"""Registration API benchmark: durable single-record changes per second and API
latency, into an empty zone and into a zone pre-filled with 100,000 records.

    python3 bench/api_bench.py            # builds release, runs, writes bench/results/api-YYYYMMDD.md

It builds `swift build -c release`, starts `shoal serve --workers 1` on loopback
with a fresh temporary --data, and drives it with CLIENTS keep-alive HTTP
connections spread over PROCS Python processes (threads inside a process share
one GIL; processes do not). Each request is one change batch holding a single
CREATE or UPSERT of a distinct name, so every reply means one more durable,
answered change. Client and server CPU are measured so that a saturated client
shows up in the table instead of passing for a slow server.

Standard library only (plus dnspython for the final DNS spot check, which the
integration tests need anyway). See bench/README.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HTTP_RE = re.compile(r"http listening on (\[[0-9a-fA-F:.]+\]|[0-9.]+):(\d+)")
DNS_RE = re.compile(r"listening on (\[[0-9a-fA-F:.]+\]|[0-9.]+):(\d+) \(udp, tcp\)")
CLK_TCK = os.sysconf("SC_CLK_TCK")


# --------------------------------------------------------------------------- load generator


def _client_thread(addr, zone, tag, start_at, warm_until, end_at, out, idx, kind="change"):
    """One keep-alive connection: one single-change batch at a time until end_at
    (kind "instance": one new instance of service `web` at a time)."""
    conn = http.client.HTTPConnection(addr[0], addr[1], timeout=30)
    lat: list[float] = []
    ok = errors = warm = 0
    err_samples: list[str] = []
    i = 0
    while time.time() < start_at:
        time.sleep(0.001)
    try:
        while True:
            now = time.time()
            if now >= end_at:
                break
            i += 1
            action = "CREATE" if i % 2 else "UPSERT"
            name = f"{tag}-{idx}-{i}"
            address = f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"
            if kind == "instance":
                method, path = "PUT", f"/v1/zones/{zone}/services/web/instances/{name}"
                body = json.dumps({"address": address, "port": 80})
            else:
                method, path = "POST", f"/v1/zones/{zone}/changes"
                body = json.dumps(
                    {"changes": [{"action": action, "name": name, "type": "A", "ttl": 60, "records": [address]}]}
                )
            t0 = time.perf_counter()
            conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
            r = conn.getresponse()
            data = r.read()
            dt = time.perf_counter() - t0
            if r.status not in (200, 201):
                errors += 1
                if len(err_samples) < 3:
                    err_samples.append(f"{r.status} {data[:200]!r}")
                continue
            if now < warm_until:
                warm += 1
                continue
            ok += 1
            lat.append(dt)
    except (OSError, http.client.HTTPException) as e:
        errors += 1
        err_samples.append(repr(e))
    finally:
        conn.close()
    out[idx] = (ok, warm, errors, lat, err_samples)


def load_process(args):
    """A process running `threads` client connections; returns counts, latencies, CPU seconds."""
    addr, zone, tag, proc_no, threads, start_at, warm_until, end_at, kind = args
    out: dict = {}
    ts = [
        threading.Thread(target=_client_thread,
                         args=(addr, zone, f"{tag}p{proc_no}", start_at, warm_until, end_at, out, t, kind))
        for t in range(threads)
    ]
    for t in ts:
        t.start()
    # CPU of this process over the measured window only.
    while time.time() < warm_until:
        time.sleep(0.005)
    c0 = os.times()
    for t in ts:
        t.join()
    c1 = os.times()
    cpu = (c1.user - c0.user) + (c1.system - c0.system)
    return [out[t] for t in range(threads)], cpu


def proc_cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has been busy (all cores), from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (v + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def run_phase(server, zone, tag, clients, procs, duration, warmup, kind="change"):
    per = [clients // procs + (1 if i < clients % procs else 0) for i in range(procs)]
    per = [n for n in per if n]
    ctx = mp.get_context("spawn")
    start_at = time.time() + 1.5  # time for the processes to start and connect
    warm_until = start_at + warmup
    end_at = warm_until + duration
    with ctx.Pool(len(per)) as pool:
        result = pool.map_async(
            load_process,
            [(server.http, zone, tag, i, n, start_at, warm_until, end_at, kind) for i, n in enumerate(per)],
        )
        while time.time() < warm_until:
            time.sleep(0.005)
        s0, m0, t0 = proc_cpu_seconds(server.pid), machine_busy_seconds(), time.time()
        while time.time() < end_at:
            time.sleep(0.005)
        s1, m1, t1 = proc_cpu_seconds(server.pid), machine_busy_seconds(), time.time()
        outs = result.get(timeout=duration + 120)
    lat: list[float] = []
    ok = errors = 0
    samples: list[str] = []
    client_cpu = []
    for threads, cpu in outs:
        client_cpu.append(cpu)
        for o, _w, e, l, es in threads:
            ok += o
            errors += e
            lat += l
            samples += es
    lat.sort()

    def pct(p):
        return lat[min(len(lat) - 1, int(len(lat) * p))] * 1000 if lat else float("nan")

    return {
        "zone": zone,
        "clients": clients,
        "procs": len(per),
        "duration": duration,
        "changes": ok,
        "rate": ok / duration,
        "p50": pct(0.50),
        "p90": pct(0.90),
        "p99": pct(0.99),
        "max": lat[-1] * 1000 if lat else float("nan"),
        "errors": errors,
        "error_samples": samples[:5],
        "client_cpu": sum(client_cpu) / duration,  # cores used by all client processes
        "client_cpu_max_proc": max(client_cpu) / duration,  # the busiest client process (1.0 = a whole core)
        "server_cpu": (s1 - s0) / (t1 - t0),
        "machine_cpu": (m1 - m0) / (t1 - t0),  # every process on the machine, in cores
    }


# --------------------------------------------------------------------------- server


class Server:
    def __init__(self, binary: Path, data: Path, zones: Path, log: Path, workers: int):
        self.args = [str(binary), "serve", "--dns", "127.0.0.1:0", "--http", "127.0.0.1:0",
                     "--data", str(data), "--zones", str(zones), "--workers", str(workers)]
        self.log_path = log
        self._log = open(log, "wb")
        self.proc = subprocess.Popen(self.args, stdout=self._log, stderr=self._log, stdin=subprocess.DEVNULL)
        self.pid = self.proc.pid
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            text = log.read_text(errors="replace")
            h, d = HTTP_RE.search(text), DNS_RE.search(text)
            if h and d:
                self.http = (h.group(1).strip("[]"), int(h.group(2)))
                self.dns = (d.group(1).strip("[]"), int(d.group(2)))
                return
            if self.proc.poll() is not None:
                raise SystemExit(f"shoal exited with {self.proc.returncode}:\n{text[-3000:]}")
            time.sleep(0.05)
        self.proc.kill()
        raise SystemExit(f"shoal did not log its listening lines within 30 s:\n{log.read_text()[-3000:]}")

    def call(self, method, path, body=None, timeout=120):
        conn = http.client.HTTPConnection(*self.http, timeout=timeout)
        try:
            data = json.dumps(body) if body is not None else None
            conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
            r = conn.getresponse()
            payload = r.read()
            return r.status, (json.loads(payload) if payload else None)
        finally:
            conn.close()

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait(timeout=10)
        self._log.close()
        return rc


def fill(server: Server, zone: str, records: int, batch: int, parallel: int) -> float:
    """records single-record sets in batches of `batch` changes, `parallel` requests at a time."""
    def one(b):
        changes = [{"action": "CREATE", "name": f"fill{n}", "type": "A", "ttl": 60,
                    "records": [f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"]}
                   for n in range(b * batch, min(records, (b + 1) * batch))]
        st, body = server.call("POST", f"/v1/zones/{zone}/changes", {"changes": changes})
        if st != 200:
            raise SystemExit(f"fill batch {b}: {st} {body}")

    t0 = time.monotonic()
    with ThreadPoolExecutor(parallel) as ex:
        list(ex.map(one, range((records + batch - 1) // batch)))
    return time.monotonic() - t0


def fill_instances(server: Server, zone: str, count: int, parallel: int) -> float:
    """count instances of service `web`, `parallel` registrations at a time."""
    def one(n):
        st, body = server.call("PUT", f"/v1/zones/{zone}/services/web/instances/pre{n}",
                               {"address": f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}", "port": 80})
        if st not in (200, 201):
            raise SystemExit(f"instance pre{n}: {st} {body}")

    t0 = time.monotonic()
    with ThreadPoolExecutor(parallel) as ex:
        list(ex.map(one, range(count)))
    return time.monotonic() - t0


def dns_check(server: Server, names: list[tuple[str, str]]) -> list[str]:
    """Ask the server for a few written names; returns the problems."""
    try:
        import dns.message
        import dns.query
        import dns.rcode
    except ImportError:
        return ["dnspython missing: DNS spot check skipped"]
    problems = []
    for name, want in names:
        q = dns.message.make_query(name, "A")
        r = dns.query.udp(q, server.dns[0], port=server.dns[1], timeout=2)
        got = [rd.address for rrset in r.answer for rd in rrset]
        if want not in got:
            problems.append(f"{name}: want {want}, got {got} ({dns.rcode.to_text(r.rcode())})")
    return problems


# --------------------------------------------------------------------------- machine


def machine(data_dir: Path, binary: Path) -> dict:
    def cmd(*a):
        try:
            return subprocess.run(a, capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "?"

    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    fs = (cmd("df", "--output=fstype,source", str(data_dir)).splitlines()[-1:] or ["?"])[0].split()
    commit = cmd("git", "-C", str(REPO), "rev-parse", "--short", "HEAD")
    dirty = cmd("git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no", "--", "Sources", "Package.swift")
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "kernel": f"{platform.system()} {platform.release()}",
        "swift": cmd("swift", "--version").splitlines()[0] if shutil.which("swift") else "?",
        "python": platform.python_version(),
        "data_fs": f"{fs[0]} ({fs[-1]})" if len(fs) == 2 else "?",
        "commit": commit + (" + uncommitted changes in Sources/" if dirty else ""),
        "binary": str(binary),
    }


# --------------------------------------------------------------------------- report


def fmt_rate(x):
    return f"{x:,.0f}"


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return (xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2) if xs else float("nan")


def report(m: dict, cfg: dict, reps: list[dict], rc_ok: bool, checks: list[str]) -> str:
    empties = [r["empty"] for r in reps]
    bigs = [r["big"] for r in reps]
    e_rate, b_rate = median([p["rate"] for p in empties]), median([p["rate"] for p in bigs])
    ratio = b_rate / e_rate if e_rate else 0.0
    t1, t2 = e_rate >= 2000, ratio >= 0.8
    release = "/release/" in m["binary"]
    lines = [
        f"# Registration API benchmark — {m['date']}",
        "",
        "`python3 bench/api_bench.py" + "".join(" " + a for a in cfg["argv"]) + "`",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        f"| nproc | {m['nproc']} |",
        f"| CPU | {m['cpu']} |",
        f"| memory | {m['memory']} |",
        f"| kernel | {m['kernel']} |",
        f"| Swift | {m['swift']} |",
        f"| Python (client) | {m['python']} |",
        f"| --data filesystem | {m['data_fs']} |",
        f"| commit | {m['commit']} |",
        f"| binary | `{os.path.relpath(m['binary'], REPO)}` ({'release build' if release else 'NOT a release build'}) |",
        "",
        "## Method",
        "",
        f"Each of {len(reps)} repetitions starts a fresh `shoal serve --workers {cfg['workers']}` on loopback with an "
        f"empty --data, then (1) drives a new empty zone, (2) pre-fills a second zone with {cfg['fill']:,} "
        f"single-record sets (batches of {cfg['fill_batch']:,} changes, 4 requests at a time), (3) drives that zone. "
        f"Load: {cfg['clients']} keep-alive HTTP clients in {cfg['procs']} client processes; each request is one batch "
        "with one CREATE or UPSERT of a distinct name (an A record), so each 200 reply is one durable change that DNS "
        f"already answers. {cfg['warmup']:g} s warm-up, then {cfg['duration']:g} s measured. Latency is request "
        "written to reply read, at the client. The clients run on the same machine as the server and share its "
        f"{m['nproc']} cores; *other* is CPU used by everything else on the machine during the run (e.g. builds).",
        "",
        "## Summary (median of the repetitions)",
        "",
        "| zone | changes/s | p50 ms | p99 ms |",
        "|---|---:|---:|---:|",
        f"| empty | **{fmt_rate(e_rate)}** | {median([p['p50'] for p in empties]):.2f} | "
        f"{median([p['p99'] for p in empties]):.2f} |",
        f"| {cfg['fill']:,} records | **{fmt_rate(b_rate)}** | {median([p['p50'] for p in bigs]):.2f} | "
        f"{median([p['p99'] for p in bigs]):.2f} |",
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| >= 2,000 changes/s with {cfg['clients']} clients (empty zone) | {fmt_rate(e_rate)}/s | "
        f"{'met' if t1 else 'NOT met'} |",
        f"| {cfg['fill']:,}-record zone >= 0.8 x the empty-zone rate | {ratio:.2f} x | {'met' if t2 else 'NOT met'} |",
        "",
        "## Every run",
        "",
        "| rep | zone | records at start | changes/s | p50 ms | p90 ms | p99 ms | max ms | changes | errors "
        "| server CPU | client CPU (all / busiest proc) | other CPU |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for i, r in enumerate(reps):
        for p, start in ((r["empty"], 2), (r["big"], r["big_start"])):
            other = max(0.0, p["machine_cpu"] - p["server_cpu"] - p["client_cpu"])
            lines.append(
                f"| {i + 1} | {p['zone']} | {start:,} | {fmt_rate(p['rate'])} | {p['p50']:.2f} | {p['p90']:.2f} "
                f"| {p['p99']:.2f} | {p['max']:.1f} | {p['changes']:,} | {p['errors']} | {p['server_cpu']:.2f} "
                f"| {p['client_cpu']:.2f} / {p['client_cpu_max_proc']:.0%} | {other:.2f} |"
            )
    svc = [r["svc"] for r in reps if "svc" in r]
    if svc:
        lines += ["", f"Instance registrations (not a target): each request registers one new instance of a service "
                  f"that already has {cfg['service_size']:,} or more instances.", "",
                  "| rep | changes/s | p50 ms | p99 ms | max ms | errors | server CPU | pre-registering "
                  f"{cfg['service_size']:,} |", "|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for i, r in enumerate(reps):
            if "svc" in r:
                v = r["svc"]
                lines.append(f"| {i + 1} | {fmt_rate(v['rate'])} | {v['p50']:.2f} | {v['p99']:.2f} | {v['max']:.1f} "
                             f"| {v['errors']} | {v['server_cpu']:.2f} | {r['svc_fill_seconds']:.1f} s |")
    lines += ["", "Pre-fill: " + "; ".join(
        f"{r['fill_seconds']:.1f} s ({fmt_rate(cfg['fill'] / r['fill_seconds'])} records/s)" for r in reps) + ".",
        "", "## Checks", ""]
    lines.append(f"- shoal exited 0 after SIGTERM in every repetition: {'yes' if rc_ok else '**no**'}")
    runs = empties + bigs + [r["svc"] for r in reps if "svc" in r]
    busiest = max(p["client_cpu_max_proc"] for p in runs)
    lines.append(
        f"- busiest client process: {busiest:.0%} of a core "
        + ("(well below a full core: the Python client was not the bottleneck)" if busiest < 0.8
           else "(**near a full core: the client may be the limit; rerun with more --procs**)")
    )
    worst_other = max(max(0.0, p["machine_cpu"] - p["server_cpu"] - p["client_cpu"]) for p in runs)
    if worst_other > 0.25:
        lines.append(f"- other processes used up to {worst_other:.2f} cores during a run: figures from those runs "
                     "are low; rerun on an idle machine for clean numbers")
    fullest = max(p["machine_cpu"] for p in runs)
    if m["nproc"] and fullest > 0.85 * m["nproc"]:
        lines.append(f"- the machine was up to {fullest:.2f} of {m['nproc']} cores busy: "
                     "server and clients competed for CPU")
    for p in runs:
        for e in p["error_samples"]:
            lines.append(f"- error sample ({p['zone']}): `{e}`")
    lines += [f"- DNS spot check: {c}" for c in checks] or ["- DNS spot check: the sampled names are answered"]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- main


def one_repetition(binary: Path, a, rep: int) -> tuple[dict, bool, list[str]]:
    work = Path(tempfile.mkdtemp(prefix="shoal-api-bench-", dir=a.data_parent))
    data, zones = work / "data", work / "zones"
    zones.mkdir()
    server = Server(binary, data, zones, work / "shoal.log", a.workers)
    out: dict = {"data": data}
    try:
        for z in ("empty.bench", "big.bench"):
            st, body = server.call("POST", "/v1/zones", {"name": z})
            if st != 201:
                raise SystemExit(f"create zone {z}: {st} {body}")
        print(f"== [{rep}] empty zone: {a.clients} clients in {a.procs} processes, {a.duration:g} s", flush=True)
        e = run_phase(server, "empty.bench", "e", a.clients, a.procs, a.duration, a.warmup)
        print(f"   {e['rate']:,.0f} changes/s, p50 {e['p50']:.2f} ms, p99 {e['p99']:.2f} ms, errors {e['errors']}, "
              f"CPU server {e['server_cpu']:.2f} clients {e['client_cpu']:.2f} machine {e['machine_cpu']:.2f}", flush=True)
        print(f"== [{rep}] pre-filling big.bench with {a.fill:,} records", flush=True)
        secs = fill(server, "big.bench", a.fill, min(a.fill_batch, 1000), 4)
        st, zinfo = server.call("GET", "/v1/zones/big.bench")
        out["big_start"] = zinfo["recordCount"] if st == 200 else a.fill
        out["fill_seconds"] = secs
        print(f"   {secs:.1f} s ({a.fill / secs:,.0f} records/s); the zone holds {out['big_start']:,} records", flush=True)
        print(f"== [{rep}] {a.fill:,}-record zone: {a.clients} clients in {a.procs} processes, {a.duration:g} s", flush=True)
        b = run_phase(server, "big.bench", "b", a.clients, a.procs, a.duration, a.warmup)
        print(f"   {b['rate']:,.0f} changes/s, p50 {b['p50']:.2f} ms, p99 {b['p99']:.2f} ms, errors {b['errors']}, "
              f"CPU server {b['server_cpu']:.2f} clients {b['client_cpu']:.2f} machine {b['machine_cpu']:.2f}", flush=True)
        last = a.fill - 1
        checks = dns_check(server, [
            ("ep0-0-1.empty.bench", "10.0.0.1"), ("bp0-0-2.big.bench", "10.0.0.2"), ("fill0.big.bench", "10.0.0.0"),
            (f"fill{last}.big.bench", f"10.{(last >> 16) & 255}.{(last >> 8) & 255}.{last & 255}"),
        ])
        out["empty"], out["big"] = e, b
        if a.service_size:
            print(f"== [{rep}] registering {a.service_size:,} instances of one service", flush=True)
            st, body = server.call("POST", "/v1/zones", {"name": "svc.bench"})
            if st != 201:
                raise SystemExit(f"create zone svc.bench: {st} {body}")
            out["svc_fill_seconds"] = fill_instances(server, "svc.bench", a.service_size, a.clients)
            print(f"   {out['svc_fill_seconds']:.1f} s ({a.service_size / out['svc_fill_seconds']:,.0f}/s)", flush=True)
            v = run_phase(server, "svc.bench", "s", a.clients, a.procs, a.duration, a.warmup, kind="instance")
            print(f"   registrations into it: {v['rate']:,.0f}/s, p50 {v['p50']:.2f} ms, p99 {v['p99']:.2f} ms, "
                  f"errors {v['errors']}, CPU server {v['server_cpu']:.2f}", flush=True)
            out["svc"] = v
    finally:
        rc = server.stop()
    if rc != 0:
        print(f"shoal exited {rc}; log:\n{(work / 'shoal.log').read_text()[-3000:]}")
    out["work"] = work
    return out, rc == 0, checks


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=8, help="concurrent HTTP connections (default 8)")
    ap.add_argument("--procs", type=int, default=4, help="client processes the connections are spread over (default 4)")
    ap.add_argument("--duration", type=float, default=10.0, help="measured seconds per run (default 10)")
    ap.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds before each run (default 2)")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions, each on a fresh server; medians are reported (default 3)")
    ap.add_argument("--fill", type=int, default=100_000, help="records to pre-fill the second zone with (default 100,000)")
    ap.add_argument("--fill-batch", type=int, default=1000, help="changes per pre-fill batch (at most 1,000)")
    ap.add_argument("--workers", type=int, default=1, help="shoal --workers (default 1)")
    ap.add_argument("--service-size", type=int, default=0,
                    help="also register N instances of one service, then measure registrations into it (default 0: off)")
    ap.add_argument("--scratch-path", default=None, help="swift build --scratch-path (default .build)")
    ap.add_argument("--bin", default=None, help="use this shoal binary; skips the build")
    ap.add_argument("--no-build", action="store_true", help="do not run swift build (use the last release build)")
    ap.add_argument("--data-parent", default=None, help="folder for the temporary --data (default: the system temp folder)")
    ap.add_argument("--out", default=None, help="results file (default bench/results/api-YYYYMMDD.md, UTC date)")
    a = ap.parse_args()
    if a.procs < 1 or a.clients < 1 or a.procs > a.clients or a.repeat < 1 or a.fill < 1:
        ap.error("need 1 <= --procs <= --clients, --repeat >= 1 and --fill >= 1")

    os.chdir(REPO)
    scratch = ["--scratch-path", a.scratch_path] if a.scratch_path else []
    if a.bin:
        binary = Path(a.bin).resolve()
    else:
        if not a.no_build:
            print("== swift build -c release", flush=True)
            subprocess.run(["swift", "build", "-c", "release", *scratch], check=True)
        bindir = subprocess.run(["swift", "build", "-c", "release", *scratch, "--show-bin-path"],
                                check=True, capture_output=True, text=True).stdout.strip()
        binary = (Path(bindir) / "shoal").resolve()
    if not binary.is_file():
        raise SystemExit(f"no shoal binary at {binary}")

    reps, all_ok, all_checks = [], True, []
    for rep in range(1, a.repeat + 1):
        out, ok, checks = one_repetition(binary, a, rep)
        reps.append(out)
        all_ok &= ok
        all_checks += [f"repetition {rep}: {c}" for c in checks]
    m = machine(reps[0]["work"], binary)
    for r in reps:
        shutil.rmtree(r["work"], ignore_errors=True)
    cfg = {"argv": sys.argv[1:], "clients": a.clients, "procs": a.procs, "duration": a.duration,
           "warmup": a.warmup, "workers": a.workers, "service_size": a.service_size, "fill": a.fill, "fill_batch": min(a.fill_batch, 1000)}
    text = report(m, cfg, reps, all_ok, all_checks)
    out_path = Path(a.out) if a.out else REPO / "bench" / "results" / f"api-{datetime.now(timezone.utc):%Y%m%d}.md"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text)
    print(text)
    print(f"== written to {out_path}")
    return 0 if all_ok and not all_checks else 1


if __name__ == "__main__":
    sys.exit(main())
