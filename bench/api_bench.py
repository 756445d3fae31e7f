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
import socket
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


def _client_thread(addr, zone, tag, start_at, warm_until, end_at, out, idx):
    """One keep-alive connection: POST one single-change batch at a time until end_at."""
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
            body = json.dumps(
                {"changes": [{"action": action, "name": name, "type": "A", "ttl": 60,
                              "records": [f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"]}]}
            )
            t0 = time.perf_counter()
            conn.request("POST", f"/v1/zones/{zone}/changes", body=body, headers={"Content-Type": "application/json"})
            r = conn.getresponse()
            data = r.read()
            dt = time.perf_counter() - t0
            if r.status != 200:
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
    addr, zone, tag, proc_no, threads, start_at, warm_until, end_at = args
    out: dict = {}
    ts = [
        threading.Thread(target=_client_thread,
                         args=(addr, zone, f"{tag}p{proc_no}", start_at, warm_until, end_at, out, t))
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


def run_phase(server, zone, tag, clients, procs, duration, warmup):
    per = [clients // procs + (1 if i < clients % procs else 0) for i in range(procs)]
    per = [n for n in per if n]
    ctx = mp.get_context("spawn")
    start_at = time.time() + 1.5  # time for the processes to start and connect
    warm_until = start_at + warmup
    end_at = warm_until + duration
    with ctx.Pool(len(per)) as pool:
        result = pool.map_async(
            load_process,
            [(server.http, zone, tag, i, n, start_at, warm_until, end_at) for i, n in enumerate(per)],
        )
        while time.time() < warm_until:
            time.sleep(0.005)
        s0, t0 = proc_cpu_seconds(server.pid), time.time()
        while time.time() < end_at:
            time.sleep(0.005)
        s1, t1 = proc_cpu_seconds(server.pid), time.time()
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


def report(m: dict, cfg: dict, phases: list[dict], fill_info: dict, checks: list[str], rc: int) -> str:
    empty, big = phases
    ratio = big["rate"] / empty["rate"] if empty["rate"] else 0
    t1 = empty["rate"] >= 2000
    t2 = ratio >= 0.8
    lines = [
        f"# Registration API benchmark — {m['date']}",
        "",
        "`python3 bench/api_bench.py " + " ".join(cfg["argv"]) + "`",
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
        f"| binary | `{os.path.relpath(m['binary'], REPO)}` |",
        "",
        f"Server: `shoal serve --workers {cfg['workers']}` "
        f"({'release build' if '/release/' in m['binary'] else 'NOT a release build'}), loopback, fresh --data; "
        f"the clients run on the same machine and share its {m['nproc']} cores.",
        f"Load: {cfg['clients']} keep-alive HTTP clients in {empty['procs']} processes; each request is one batch "
        f"with one CREATE or UPSERT of a distinct name (A record); {cfg['warmup']:.0f} s warm-up, "
        f"then {cfg['duration']:.0f} s measured. Latency is request sent to reply read, at the client.",
        "",
        "## Results",
        "",
        "| zone | records in zone at start | changes/s | p50 ms | p90 ms | p99 ms | max ms | changes | errors "
        "| server CPU (cores) | client CPU (cores, all procs) | busiest client proc |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for p, start in ((empty, cfg["empty_start"]), (big, cfg["big_start"])):
        lines.append(
            f"| {p['zone']} | {start:,} | **{fmt_rate(p['rate'])}** | {p['p50']:.2f} | {p['p90']:.2f} | {p['p99']:.2f} "
            f"| {p['max']:.1f} | {p['changes']:,} | {p['errors']} | {p['server_cpu']:.2f} | {p['client_cpu']:.2f} "
            f"| {p['client_cpu_max_proc']:.0%} |"
        )
    lines += [
        "",
        f"Pre-fill: {fill_info['records']:,} records in {fill_info['records'] // fill_info['batch']} batches of "
        f"{fill_info['batch']:,} changes ({fill_info['parallel']} at a time): {fill_info['seconds']:.1f} s, "
        f"{fill_rate(fill_info)} records/s.",
        "",
        "## Targets",
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| >= 2,000 changes/s with {cfg['clients']} clients (empty zone) | {fmt_rate(empty['rate'])}/s "
        f"| {'met' if t1 else 'NOT met'} |",
        f"| 100k-record zone >= 0.8 x empty-zone rate | {ratio:.2f} x | {'met' if t2 else 'NOT met'} |",
        "",
        "## Checks",
        "",
        f"- shoal exit code after SIGTERM: {rc}",
    ]
    busiest = max(empty["client_cpu_max_proc"], big["client_cpu_max_proc"])
    lines.append(
        f"- busiest client process used {busiest:.0%} of a core "
        + ("(below 80%: the Python client was not the bottleneck)" if busiest < 0.8
           else "(**at or near a full core: the client may be the limit; rerun with more --procs**)")
    )
    if m["nproc"] and empty["server_cpu"] + empty["client_cpu"] > 0.85 * m["nproc"]:
        lines.append(
            f"- server + clients used {empty['server_cpu'] + empty['client_cpu']:.2f} of {m['nproc']} cores in the "
            "empty-zone run: the machine, not one process, was near its limit"
        )
    for p in phases:
        for s in p["error_samples"]:
            lines.append(f"- error sample ({p['zone']}): `{s}`")
    lines += [f"- DNS spot check: {c}" for c in checks] or []
    if not checks:
        lines.append("- DNS spot check: every sampled name written in both runs is answered")
    return "\n".join(lines) + "\n"


def fill_rate(f):
    return fmt_rate(f["records"] / f["seconds"]) if f["seconds"] else "?"


# --------------------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=8, help="concurrent HTTP connections (default 8)")
    ap.add_argument("--procs", type=int, default=4, help="client processes the connections are spread over (default 4)")
    ap.add_argument("--duration", type=float, default=10.0, help="measured seconds per run (default 10)")
    ap.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds before each run (default 2)")
    ap.add_argument("--fill", type=int, default=100_000, help="records to pre-fill the second zone with")
    ap.add_argument("--fill-batch", type=int, default=1000, help="changes per pre-fill batch (at most 1,000)")
    ap.add_argument("--workers", type=int, default=1, help="shoal --workers (default 1)")
    ap.add_argument("--scratch-path", default=None, help="swift build --scratch-path (default .build)")
    ap.add_argument("--bin", default=None, help="use this shoal binary; skips the build")
    ap.add_argument("--no-build", action="store_true", help="do not run swift build (use the existing release binary)")
    ap.add_argument("--data-parent", default=None, help="folder for the temporary --data (default: the system temp folder)")
    ap.add_argument("--out", default=None, help="results file (default bench/results/api-YYYYMMDD.md)")
    a = ap.parse_args()
    if a.procs < 1 or a.clients < 1 or a.procs > a.clients:
        ap.error("need 1 <= --procs <= --clients")

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
        binary = Path(bindir) / "shoal"
    if not binary.is_file():
        raise SystemExit(f"no shoal binary at {binary}")

    work = Path(tempfile.mkdtemp(prefix="shoal-api-bench-", dir=a.data_parent))
    data, zones = work / "data", work / "zones"
    zones.mkdir()
    print(f"== shoal serve --workers {a.workers}, --data {data}", flush=True)
    server = Server(binary, data, zones, work / "shoal.log", a.workers)
    rc = None
    try:
        for z in ("empty.bench", "big.bench"):
            st, body = server.call("POST", "/v1/zones", {"name": z})
            if st != 201:
                raise SystemExit(f"create zone {z}: {st} {body}")

        print(f"== empty zone: {a.clients} clients in {a.procs} processes, {a.duration:.0f} s", flush=True)
        empty = run_phase(server, "empty.bench", "e", a.clients, a.procs, a.duration, a.warmup)
        print(f"   {empty['rate']:,.0f} changes/s, p50 {empty['p50']:.2f} ms, p99 {empty['p99']:.2f} ms, "
              f"errors {empty['errors']}, server CPU {empty['server_cpu']:.2f}, client CPU {empty['client_cpu']:.2f}",
              flush=True)

        print(f"== pre-filling big.bench with {a.fill:,} records", flush=True)
        secs = fill(server, "big.bench", a.fill, min(a.fill_batch, 1000), 4)
        st, zinfo = server.call("GET", "/v1/zones/big.bench")
        big_start = zinfo["recordCount"] if st == 200 else a.fill
        print(f"   {secs:.1f} s ({a.fill / secs:,.0f} records/s); zone holds {big_start:,} records", flush=True)

        print(f"== 100k zone: {a.clients} clients in {a.procs} processes, {a.duration:.0f} s", flush=True)
        big = run_phase(server, "big.bench", "b", a.clients, a.procs, a.duration, a.warmup)
        print(f"   {big['rate']:,.0f} changes/s, p50 {big['p50']:.2f} ms, p99 {big['p99']:.2f} ms, "
              f"errors {big['errors']}, server CPU {big['server_cpu']:.2f}, client CPU {big['client_cpu']:.2f}",
              flush=True)

        checks = dns_check(server, [
            ("ep0-0-1.empty.bench", "10.0.0.1"), ("bp0-0-2.big.bench", "10.0.0.2"),
            ("fill0.big.bench", "10.0.0.0"), (f"fill{a.fill - 1}.big.bench",
                                              f"10.{((a.fill - 1) >> 16) & 255}.{((a.fill - 1) >> 8) & 255}.{(a.fill - 1) & 255}"),
        ])
    finally:
        rc = server.stop()
    m = machine(work, binary)
    cfg = {"argv": sys.argv[1:], "clients": a.clients, "duration": a.duration, "warmup": a.warmup,
           "workers": a.workers, "empty_start": 2, "big_start": big_start}
    text = report(m, cfg, [empty, big], {"records": a.fill, "batch": min(a.fill_batch, 1000), "parallel": 4,
                                          "seconds": secs}, checks, rc)
    out = Path(a.out) if a.out else REPO / "bench" / "results" / f"api-{datetime.now(timezone.utc):%Y%m%d}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(text)
    print(f"== written to {out}")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if rc == 0 and not checks else 1


if __name__ == "__main__":
    sys.exit(main())
