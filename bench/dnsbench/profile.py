"""Where each server's CPU goes: one more dnsperf run with `perf record` on the server, and its analysis."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

from .common import BenchError, log, run, which
from .dnsperf import dnsperf
from .quiet import measured
from .servers import Server

PERF_FREQ = 999  # Hz; odd, so sampling does not beat with the kernel's timer tick
PERF_MARGIN = 1.0  # seconds of dnsperf left out of the recording at each end (ramp-up, drain)
SEP = "\x1f"  # perf report's field separator: no symbol name contains it
TOP_SYMBOLS = 15
SYMBOL_WIDTH = 90
MIN_LIBRARY_SHARE = 0.5  # % of samples; smaller libraries are added up in one row

# System call entry points (x86-64 and arm64 spellings) and the row their kernel time goes to.
SYSCALL_RE = re.compile(r"^\[k\] __(?:x64|arm64)_sys_(\w+)$")
SYSCALL_ROWS = {
    "sendmmsg": "sendmmsg", "recvmmsg": "recvmmsg",
    "sendmsg": "sendmsg/sendto", "sendto": "sendmsg/sendto",
    "recvmsg": "recvmsg/recvfrom", "recvfrom": "recvmsg/recvfrom",
    "epoll_wait": "epoll_wait", "epoll_pwait": "epoll_wait", "epoll_pwait2": "epoll_wait",
}


def phase_profile(a, env, servers: dict[str, Server], workdir: Path) -> dict:
    """Per server: the profile run's dnsperf figures and the analysed perf recording, or why there is none."""
    perf = which("perf")
    if not perf:
        return {"error": "perf not found (Debian package linux-perf): no profile"}
    out_dir = workdir / "profile"
    out_dir.mkdir(exist_ok=True)
    res: dict = {"perf": perf, "version": perf_version(perf), "servers": {}}
    for kind, server in servers.items():
        data = out_dir / f"{kind}.perf.data"
        s = measured(a, servers, f"{kind} profile", lambda: record(a, env, server, perf, data))
        if s["perf_error"]:
            res["error"] = f"perf could not record {kind}: {s['perf_error']}"
            log(f"   !! {res['error']}: no profile")
            break  # the same would happen to the others (permissions, perf_event_paranoid)
        try:
            s["profile"] = analyse(perf, data, s["own_dso"])
        except (BenchError, subprocess.TimeoutExpired) as e:
            s["profile"] = None
            res.setdefault("problems", []).append(f"perf report failed on {kind}'s recording: {str(e)[:300]}")
        s["round"] = 1  # for the report's table of every run
        res["servers"][kind] = s
        log(f"   {kind:9} {s['qps']:>10,.0f} qps  {s['cpu_us_per_query']:6.2f} us/query"
            + (f"  {s['profile']['samples']:,} samples: {summary_line(s)}" if s["profile"] else ""))
        time.sleep(a.pause)
    return res


def perf_version(perf: str) -> str:
    p = run([perf, "--version"], 30, check=False)
    return p.stdout.strip() or "perf ?"


def record(a, env, server: Server, perf: str, data: Path) -> dict:
    """One dnsperf run of --profile-seconds, with perf recording all the server's processes in its middle part."""
    server.refresh_tree()
    window = max(a.profile_seconds - 2 * PERF_MARGIN, 1.0)
    # -D delays the recording and counts against the `sleep`, so it records from MARGIN s to MARGIN + window s.
    # -N -B: no build-id cache in ~/.debug and no build-id pass at the end; the binaries do not change meanwhile.
    cmd = [perf, "record", "-g", "-F", str(PERF_FREQ), "-N", "-B", "-D", str(int(PERF_MARGIN * 1000)),
           "-o", str(data), "-p", ",".join(map(str, server.pids)), "--", "sleep", f"{PERF_MARGIN + window:g}"]
    log_path = data.with_suffix(".log")
    with open(log_path, "wb") as perf_log:
        p = subprocess.Popen(cmd, stdout=perf_log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            s = dnsperf(a, env, server, a.profile_seconds)
            stop(p, grace=30)  # it should have ended a second ago
        finally:
            stop(p, grace=0)
    wrote = p.returncode == 0 and data.is_file() and data.stat().st_size > 0
    s["perf_error"] = None if wrote else perf_complaint(log_path.read_text(errors="replace"), p.returncode)
    s["perf_cmd"] = cmd
    s["perf_window_s"] = window
    s["own_dso"] = Path(os.readlink(f"/proc/{server.pid}/exe")).name  # taskset has exec'd the server by now
    s["pids"] = len(server.pids)
    return s


def stop(p: subprocess.Popen, grace: float) -> None:
    """Give perf `grace` s to end by itself, then end it (the process we started, by its PID): SIGINT first,
    so that it still writes its data."""
    try:
        p.wait(timeout=grace)
        return
    except subprocess.TimeoutExpired:
        pass
    p.send_signal(signal.SIGINT)
    try:
        p.wait(timeout=15)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait(timeout=10)


def perf_complaint(text: str, rc: int | None) -> str:
    """perf's own words on why it recorded nothing (the line after a bare 'Error:'), and the paranoia setting."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("Events ")]
    why = lines[-1] if lines else "no output"
    for i, ln in enumerate(lines):
        if ln.startswith("Error"):
            why = lines[i + 1] if ln.rstrip(":") == "Error" and i + 1 < len(lines) else ln
            break
    try:
        paranoid = Path("/proc/sys/kernel/perf_event_paranoid").read_text().strip()
    except OSError:
        paranoid = "?"
    return f"exit {rc}: {why[:200]} (kernel.perf_event_paranoid = {paranoid})"


def perf_rows(perf: str, data: Path, *args: str) -> list[list[str]]:
    """perf report's table rows, split at SEP and stripped."""
    p = run([perf, "report", "-i", str(data), "--stdio", "-g", "none", "-t", SEP, *args], 300)
    return [[f.strip() for f in ln.split(SEP)] for ln in p.stdout.splitlines() if SEP in ln and not ln.startswith("#")]


def percent(field: str) -> float:
    return float(field.rstrip("%"))


def analyse(perf: str, data: Path, own_dso: str) -> dict:
    """Shares of the samples (%): kernel by system call, the server's own code, each library; top symbols."""
    counted = perf_rows(perf, data, "--no-children", "-n", "--sort", "dso")
    if not counted:
        raise BenchError("perf recorded no samples")
    dsos = [(d, percent(o)) for o, _n, d in counted]
    kernel = sum(o for d, o in dsos if d.startswith("[kernel"))
    calls: dict[str, float] = {}
    for children, _self, sym in perf_rows(perf, data, "--children", "--sort", "sym"):
        m = SYSCALL_RE.match(sym)
        if m:
            calls[m.group(1)] = calls.get(m.group(1), 0.0) + percent(children)
    rows = kernel_rows(kernel, calls)
    rows.append(("own code", f"`{own_dso}`", sum(o for d, o in dsos if d == own_dso)))
    libs = sorted(((d, o) for d, o in dsos if d != own_dso and not d.startswith("[kernel")), key=lambda x: -x[1])
    rows += [("library", d, o) for d, o in libs if o >= MIN_LIBRARY_SHARE]
    small = [(d, o) for d, o in libs if o < MIN_LIBRARY_SHARE]
    if small:
        named = ", ".join(d for d, _o in small[:3]) + (f" and {len(small) - 3} more" if len(small) > 3 else "")
        rows.append(("library", f"under {MIN_LIBRARY_SHARE:g}% each: {named}", sum(o for _d, o in small)))
    top = [(percent(o), "kernel" if d.startswith("[kernel") else d, sym[4:])
           for o, d, sym in perf_rows(perf, data, "--no-children", "--sort", "dso,sym")[:TOP_SYMBOLS]]
    names = demangle([name for _o, _d, name in top])
    return {"rows": [r for r in rows if r[2] > 0], "samples": sum(int(n) for _o, n, _d in counted),
            "top": [(o, d, short(n)) for (o, d, _), n in zip(top, names)]}


def kernel_rows(kernel: float, calls: dict[str, float]) -> list[tuple[str, str, float]]:
    """The kernel's share split by the system call it was spent under; what no system call covers is the rest."""
    out: dict[str, float] = {}
    for call, share in calls.items():
        row = SYSCALL_ROWS.get(call, "other system calls")
        out[row] = out.get(row, 0.0) + share
    others = sorted((c for c in calls if c not in SYSCALL_ROWS), key=lambda c: -calls[c])[:3]
    rows = [("kernel", r, out[r]) for r in dict.fromkeys(SYSCALL_ROWS.values()) if r in out]
    if "other system calls" in out:
        rows.append(("kernel", f"other system calls ({', '.join(others)})", out["other system calls"]))
    rows.append(("kernel", "outside system calls (interrupts, faults, scheduling)", max(0.0, kernel - sum(out.values()))))
    return rows


def demangle(names: list[str]) -> list[str]:
    """Swift symbols in their simplified readable form, when a swift-demangle is at hand; others unchanged."""
    tool = which("swift-demangle") or shutil.which("swift-demangle", path="/opt/swift/usr/bin")
    cmd = [tool] if tool else (["swift", "demangle"] if which("swift") else None)
    if not cmd or not names:
        return names
    try:
        p = run(cmd + ["--simplified"], 30, check=False, input="\n".join(names) + "\n")
    except (OSError, subprocess.TimeoutExpired):
        return names
    out = p.stdout.splitlines()
    return out if p.returncode == 0 and len(out) == len(names) else names


def short(name: str) -> str:
    return name if len(name) <= SYMBOL_WIDTH else name[:SYMBOL_WIDTH - 1] + "…"


def summary_line(s: dict) -> str:
    """'kernel 1.20 + own code 0.40 + libraries 0.30 us/query' for the console and the report's overview."""
    us = s["cpu_us_per_query"]
    parts: dict[str, float] = {}
    for group, _what, share in s["profile"]["rows"]:
        key = "libraries" if group == "library" else group
        parts[key] = parts.get(key, 0.0) + share
    return " + ".join(f"{k} {v / 100 * us:.2f}" for k, v in parts.items()) + " us/query"
