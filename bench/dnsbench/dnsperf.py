"""One dnsperf run against one server, with the CPU it and the server used; its output parsed."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from .common import BenchError
from .procstat import machine_busy, tree_cpu
from .servers import Server

SUMMARY_RE = {
    "sent": re.compile(r"Queries sent:\s+(\d+)"),
    "completed": re.compile(r"Queries completed:\s+(\d+)"),
    "lost": re.compile(r"Queries lost:\s+(\d+)"),
    "interrupted": re.compile(r"Queries interrupted:\s+(\d+)"),
    "qps": re.compile(r"Queries per second:\s+([\d.]+)"),
    "run_time": re.compile(r"Run time \(s\):\s+([\d.]+)"),
    "avg_lat": re.compile(r"Average Latency \(s\):\s+([\d.]+)"),
    "lat_std": re.compile(r"Latency StdDev \(s\):\s+([\d.]+)"),
}
RCODES_RE = re.compile(r"Response codes:\s+(.*)")
VLINE_RE = re.compile(rb"^> (\S+) \S+ \S+ ([\d.]+)\s*$", re.M)


def parse_summary(text: str) -> dict:
    out: dict = {}
    for k, r in SUMMARY_RE.items():
        m = r.search(text)
        out[k] = float(m.group(1)) if m else 0.0
    m = RCODES_RE.search(text)
    out["rcodes"] = m.group(1).strip() if m else ""
    return out


def dnsperf(a, env, server: Server, seconds: float, rate: float | None = None, verbose_file: Path | None = None) -> dict:
    cmd = ([("taskset"), "-c", a.client_cpu] if a.pin else []) + [
        env["dnsperf"], "-s", "127.0.0.1", "-p", str(server.port), "-d", str(env["queries"]),
        "-l", f"{seconds:g}", "-c", str(a.clients), "-T", str(a.threads), "-q", str(a.outstanding),
        "-t", str(a.timeout)]
    if rate:
        cmd += ["-Q", str(int(rate))]
    if verbose_file is not None:
        cmd += ["-v"]
    server.refresh_tree()
    c0, t0 = server.cpu(), time.monotonic()
    limit = seconds + a.timeout + 60
    out_f = open(verbose_file, "w+b") if verbose_file is not None else tempfile.TemporaryFile()
    err_f = tempfile.TemporaryFile()
    samples = []  # (t, server cpu, dnsperf cpu, machine busy) every 0.25 s, for the steady-state rates
    try:
        p = subprocess.Popen(cmd, stdout=out_f, stderr=err_f, stdin=subprocess.DEVNULL)
        try:
            while p.poll() is None:
                if time.monotonic() - t0 > limit:
                    p.kill()
                    p.wait(timeout=10)
                    raise BenchError(f"dnsperf against {server.name} did not end within {limit:.0f} s")
                try:
                    samples.append((time.monotonic(), server.cpu(), tree_cpu([p.pid]), machine_busy()))
                except OSError:
                    pass
                time.sleep(0.25)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait(timeout=10)
        c1, t1 = server.cpu(), time.monotonic()
        out_f.flush()
        out_f.seek(0, os.SEEK_END)
        out_f.seek(max(0, out_f.tell() - 16384))
        stdout = out_f.read().decode(errors="replace")
        err_f.seek(0)
        stderr = err_f.read().decode(errors="replace")
    finally:
        out_f.close()
        err_f.close()
    if p.returncode != 0:
        raise BenchError(f"dnsperf against {server.name} exited {p.returncode}: {stderr[-2000:]}\n{stdout[-2000:]}")
    if server.proc.poll() is not None:
        raise BenchError(f"{server.name} exited during the run ({server.proc.returncode}); log:\n{server.log_text()[-3000:]}")
    s = parse_summary(stdout)
    # Rates over the steady part of the run: from 1 s after the start to the end of the sending.
    steady = [x for x in samples if t0 + 1.0 <= x[0] <= t0 + 0.5 + seconds]
    if len(steady) >= 2:
        (ta, sa, da, ma), (tb, sb, db, mb) = steady[0], steady[-1]
        dt = tb - ta
        s["server_cores"], s["client_cores"], s["machine_cores"] = (sb - sa) / dt, (db - da) / dt, (mb - ma) / dt
    else:
        s["server_cores"] = s["client_cores"] = s["machine_cores"] = float("nan")
    s["server_cpu_s"] = c1 - c0
    s["cpu_us_per_query"] = (c1 - c0) / s["completed"] * 1e6 if s["completed"] else float("nan")
    s["wall"] = t1 - t0
    return s


def latencies_from(verbose_file: Path) -> list[float]:
    """Per-query latencies (seconds) from dnsperf -v output ('> RCODE NAME TYPE LATENCY')."""
    data = verbose_file.read_bytes()
    return [float(m.group(2)) for m in VLINE_RE.finditer(data)]


def pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    return xs[min(len(xs) - 1, int(len(xs) * p))]


def median(xs):
    xs = [x for x in xs if x == x]
    return statistics.median(xs) if xs else float("nan")
