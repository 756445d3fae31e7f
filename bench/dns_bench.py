#!/usr/bin/env python3
"""DNS benchmark: Shoal beside NSD, Knot and a C UDP reflector, on one zone file.

    python3 bench/dns_bench.py                 # 10,000 services, 3 rounds of 10 s
    python3 bench/dns_bench.py --records-1m    # the same with ~1,000,000 records

It installs what is missing from Debian (nsd, knot, dnsperf), builds Shoal in
release mode and the reflector (bench/reflector.c), generates one zone file and
one dnsperf query file, starts the four servers on 127.0.0.1 ephemeral ports
(one process / one UDP worker each, rate limiting off) and measures:

- load time and RSS of each server with the zone (fresh starts);
- throughput: dnsperf against each server in alternation, ROUNDS x SECONDS,
  with server CPU per answered query from /proc/PID/stat;
- latency at a fixed offered rate (50% of Knot's measured max): mean and p99
  from dnsperf -v's per-query lines;
- Shoal's throughput while a paced client makes 1,000 API changes/s, against
  its idle throughput in the same run;
- where each server's CPU goes: one more dnsperf run with `perf record` on the
  server, split into kernel (by system call), its own code and libraries.

It writes bench/results/dns-YYYYMMDD-HHMM.md (UTC) and prints it. Standard
library only. See bench/README.md.
"""

# This file is the options and the order of the phases; the work is in dnsbench/, one module per concern.

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

# Run as a script (`python3 bench/dns_bench.py`), so bench/ is on sys.path and dnsbench imports as a package.
from dnsbench.apiload import phase_api
from dnsbench.common import DEFAULT_SCRATCH, REPO, SERVER_ORDER, ZONE, BenchError, log, run, which
from dnsbench.dnsperf import median
from dnsbench.load import phase_load
from dnsbench.phases import phase_latency, phase_throughput, probe
from dnsbench.profile import phase_profile
from dnsbench.report import report
from dnsbench.servers import Server, make_server
from dnsbench.setup import build_reflector, build_shoal, install_missing
from dnsbench.sysinfo import machine_info, versions
from dnsbench.zonegen import generate_queries, generate_zone


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = ap.add_argument_group("what")
    g.add_argument("--records-1m", action="store_true", help="generate ~1,000,000 records instead of --services services")
    g.add_argument("--services", type=int, default=10_000, help="services in the zone (default 10,000)")
    g.add_argument("--seed", type=int, default=5, help="zone and query file seed (default 5)")
    g.add_argument("--query-count", type=int, default=200_000, help="queries in the dnsperf file (default 200,000)")
    g.add_argument("--servers", default=",".join(SERVER_ORDER), help="which to run (default reflector,nsd,knot,shoal)")
    g.add_argument("--skip", default="", help="phases to skip: load,latency,api,profile (comma-separated)")
    g.add_argument("--profile", action=argparse.BooleanOptionalAction, default=True,
                   help="record where each server's CPU goes with perf (default on; --no-profile = --skip profile)")
    g = ap.add_argument_group("how long")
    g.add_argument("--rounds", type=int, default=3, help="throughput rounds (and API idle/load pairs) (default 3)")
    g.add_argument("--seconds", type=float, default=10.0, help="seconds per dnsperf run (default 10)")
    g.add_argument("--profile-seconds", type=float, default=6.0,
                   help="seconds of the profiled dnsperf run; perf records all but its first and last second (default 6)")
    g.add_argument("--latency-rounds", type=int, default=None, help="latency rounds (default: --rounds)")
    g.add_argument("--latency-seconds", type=float, default=None, help="seconds per latency run (default: --seconds)")
    g.add_argument("--latency-qps", type=float, default=None, help="fixed offered rate (default 50%% of Knot's max qps)")
    g.add_argument("--load-rounds", type=int, default=3, help="fresh starts for load time and RSS (default 3)")
    g.add_argument("--load-timeout", type=float, default=None, help="seconds a server may take to load (default 120, 900 with --records-1m)")
    g.add_argument("--settle", type=float, default=1.0, help="seconds after load before RSS is read (default 1)")
    g.add_argument("--pause", type=float, default=0.5, help="seconds between runs (default 0.5)")
    g.add_argument("--max-minutes", type=float, default=None, help="abort the whole run after this (default 90, 150 with --records-1m)")
    g.add_argument("--max-load", type=float, default=0.5,
                   help="before measuring, wait (at most --quiet-wait s) for the 1-minute load average to fall below this (default 0.5)")
    g.add_argument("--quiet-cores", type=float, default=0.1,
                   help="before each run, wait until other processes use less than this many cores (default 0.1)")
    g.add_argument("--quiet-wait", type=float, default=300, help="but wait at most this many seconds per run (default 300)")
    g.add_argument("--noisy-cores", type=float, default=0.25,
                   help="redo a run during which other processes used more than this many cores (default 0.25)")
    g.add_argument("--retries", type=int, default=2, help="redo a noisy run at most this many times (default 2)")
    g = ap.add_argument_group("dnsperf")
    g.add_argument("--clients", type=int, default=16, help="dnsperf -c: client sockets (default 16)")
    g.add_argument("--threads", type=int, default=2, help="dnsperf -T: threads (default 2)")
    g.add_argument("--outstanding", type=int, default=200, help="dnsperf -q: queries in flight (default 200)")
    g.add_argument("--timeout", type=int, default=2, help="dnsperf -t: seconds before a query counts as lost (default 2)")
    g.add_argument("--pin", action="store_true", help="taskset servers to --server-cpu and dnsperf to --client-cpu")
    g.add_argument("--server-cpu", default="0")
    g.add_argument("--client-cpu", default="1")
    g.add_argument("--reflector-batch", type=int, default=64, help="reflector recvmmsg batch (default 64)")
    g = ap.add_argument_group("API load")
    g.add_argument("--api-rate", type=int, default=1000, help="API changes per second (default 1,000)")
    g.add_argument("--api-procs", type=int, default=2, help="API client processes (default 2)")
    g.add_argument("--api-threads", type=int, default=4, help="connections per API client process (default 4)")
    g.add_argument("--api-warmup", type=float, default=1.0, help="seconds of API load before dnsperf starts (default 1)")
    g = ap.add_argument_group("build and install")
    g.add_argument("--no-install", action="store_true", help="do not apt-get install missing packages")
    g.add_argument("--scratch-path", default=DEFAULT_SCRATCH, help=f"swift build --scratch-path (default {DEFAULT_SCRATCH})")
    g.add_argument("--no-build", action="store_true", help="reuse the last release build in --scratch-path")
    g.add_argument("--bin", default=None, help="use this shoal binary (no build)")
    g.add_argument("--setup-only", action="store_true", help="install and build, then stop")
    g.add_argument("--keep", action="store_true", help="keep the temporary folder (zone, configs, logs)")
    g.add_argument("--out", default=None, help="report file (default bench/results/dns-YYYYMMDD-HHMM.md, UTC)")
    a = ap.parse_args()
    a.latency_rounds = a.latency_rounds or a.rounds
    a.latency_seconds = a.latency_seconds or a.seconds
    a.load_timeout = a.load_timeout or (900 if a.records_1m else 120)
    a.max_minutes = a.max_minutes or (150 if a.records_1m else 90)
    kinds = [k for k in SERVER_ORDER if k in a.servers.split(",")]
    skip = set(filter(None, a.skip.split(",")))
    a.profile = a.profile and "profile" not in skip
    if not kinds or a.rounds < 1 or a.seconds <= 0:
        ap.error("need at least one server, --rounds >= 1 and --seconds > 0")
    if a.profile and a.profile_seconds < 3:
        ap.error("--profile-seconds must be 3 or more (1 s at each end is left out of the recording)")

    # Everything is bounded: an alarm ends the run; SIGTERM/SIGINT unwind through the finally blocks.
    def on_alarm(_sig, _frm):
        raise TimeoutError(f"the run took longer than --max-minutes {a.max_minutes:g}")

    def on_term(_sig, _frm):
        raise KeyboardInterrupt

    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)  # also when started in the background, where SIGINT is ignored
    signal.alarm(int(a.max_minutes * 60))

    os.chdir(REPO)
    started = datetime.now(timezone.utc)
    res: dict = {"argv": sys.argv[1:], "notes": [], "kinds": kinds, "date": started.strftime("%Y-%m-%d %H:%M UTC")}
    if not a.no_install:
        got = install_missing(optional=a.profile)
        if got:
            res["notes"].append(f"installed from Debian for this run: {', '.join(got)}")
    env: dict = {"nsd": which("nsd"), "knotd": which("knotd"), "dnsperf": which("dnsperf"),
                 "reflector_batch": a.reflector_batch}
    for prog in ("nsd", "knotd", "dnsperf"):
        if not env[prog]:
            raise BenchError(f"{prog} not found (drop --no-install, or apt-get install it)")
    shoal, res["shoal_build"] = build_shoal(a)
    env["shoal"] = shoal
    res["shoal_build"] = f"`{shoal}`, built by {res['shoal_build']}"
    tmp = Path(tempfile.mkdtemp(prefix="shoal-dns-bench-"))
    servers: dict[str, Server] = {}
    try:
        env["reflector"] = build_reflector(tmp)
        log(f"== shoal: {shoal}\n== reflector: {env['reflector']}")
        if a.setup_only:
            return 0
        zones = tmp / "zones"
        zones.mkdir()
        t0 = time.monotonic()
        z = generate_zone(zones / f"{ZONE}.zone", None if a.records_1m else a.services,
                          1_000_000 if a.records_1m else None, a.seed)
        env["zone"], env["zonefile"] = z, z["path"]
        env["queries"] = tmp / "queries.txt"
        generate_queries(env["queries"], z, a.query_count, a.seed)
        res["zone"] = {k: v for k, v in z.items() if k not in ("sizes", "path")}
        log(f"== zone: {z['services']:,} services, {z['records']:,} records, {z['bytes'] / 1e6:.1f} MB "
            f"({time.monotonic() - t0:.1f} s); {a.query_count:,} queries")
        check = run([str(shoal), "check", str(z["path"])], 600, check=False)
        if check.returncode != 0:
            raise BenchError(f"shoal check rejects the generated zone:\n{check.stdout[-2000:]}{check.stderr[-2000:]}")
        t_wait = time.monotonic()
        if os.getloadavg()[0] >= a.max_load:
            log(f"== waiting (at most {a.quiet_wait:g} s) for the 1-minute load average "
                f"({os.getloadavg()[0]:.2f}) to fall below {a.max_load:g}")
            while os.getloadavg()[0] >= a.max_load and time.monotonic() - t_wait < a.quiet_wait:
                time.sleep(5)
        res["loadavg_before"] = " / ".join(f"{x:.2f}" for x in os.getloadavg())
        if os.getloadavg()[0] >= a.max_load:
            res["notes"].append(f"the 1-minute load average was {os.getloadavg()[0]:.2f} when the measuring started "
                                f"(>= {a.max_load:g}: something else was running)")
            log(f"!! load average {os.getloadavg()[0]:.2f}: the machine is not quiet")

        if "load" not in skip:
            lk = [k for k in ("nsd", "knot", "shoal") if k in kinds]
            log(f"== load time and memory ({', '.join(lk)}; {a.load_rounds} fresh starts each)")
            res["load"] = phase_load(a, env, tmp, lk)
        else:
            res["load"] = {}

        log("== starting " + ", ".join(kinds))
        for kind in kinds:
            s = make_server(kind, env, tmp / "run", a.server_cpu if a.pin else None)
            servers[kind] = s
            s.start()
            s.wait_ready(z["last_name"], a.load_timeout, need_answer=(kind != "reflector"))
            log(f"   {kind}: pid {s.pid}, port {s.port}" + (f", http {s.http_port}" if s.http_port else "")
                + f", {len(s.pids)} process(es)")
        res["probe_rows"], res["probe_problems"] = probe(servers, env)
        for row in res["probe_rows"]:
            log("   " + " | ".join(row))

        log(f"== throughput: {a.rounds} rounds x {a.seconds:g} s, dnsperf -c {a.clients} -T {a.threads} -q {a.outstanding}")
        res["throughput"] = phase_throughput(a, env, servers)
        if a.profile:
            log(f"== where the CPU goes: perf record on each server during one more {a.profile_seconds:g} s run")
            res["profile"] = phase_profile(a, env, servers, tmp)
            res["notes"] += [x for x in [res["profile"].get("error")] if x] + res["profile"].get("problems", [])

        if a.latency_qps:
            rate, why = a.latency_qps, "given with --latency-qps"
        elif "knot" in servers:
            rate, why = 0.5 * median([r["qps"] for r in res["throughput"]["knot"]]), "50% of Knot's median max qps"
        else:
            rate = 0.5 * min(median([r["qps"] for r in rs]) for rs in res["throughput"].values())
            why = "50% of the slowest server's median max qps (Knot not run)"
        res["latency_rate"], res["latency_rate_why"] = rate, why
        if "latency" not in skip:
            log(f"== latency at {rate:,.0f} qps: {a.latency_rounds} rounds x {a.latency_seconds:g} s")
            res["latency"] = phase_latency(a, env, servers, rate, tmp)
        else:
            res["latency"] = {}
        if "api" not in skip and "shoal" in servers:
            log(f"== Shoal under {a.api_rate:,} API changes/s: {a.rounds} idle/loaded pairs x {a.seconds:g} s")
            res["api"] = phase_api(a, env, servers)
        for kind, s in servers.items():
            rc = s.stop()
            if kind == "shoal" and rc != 0:
                res["notes"].append(f"shoal exited {rc} after SIGTERM (expected 0)")
        res["machine"], res["versions"] = machine_info(), versions(env)
        text, console = report(a, res)
        out = Path(a.out) if a.out else REPO / "bench" / "results" / f"dns-{started:%Y%m%d-%H%M}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text)
        print(text)
        print(console)
        log(f"== written to {out}")
        return 0
    finally:
        signal.alarm(0)
        for s in servers.values():
            try:
                s.stop()
            except Exception as e:  # keep stopping the others
                print(f"stopping {s.name}: {e}", file=sys.stderr)
        if a.keep:
            log(f"== kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (BenchError, TimeoutError) as e:
        print(f"dns_bench: {e}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("dns_bench: interrupted; servers stopped, temporary files removed", file=sys.stderr)
        sys.exit(130)
