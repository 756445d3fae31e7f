"""Keeping other processes' CPU out of the figures: wait for a quiet machine, redo noisy runs."""

from __future__ import annotations

import os
import time

from .common import log
from .procstat import machine_busy, tree_cpu
from .servers import Server


def other_cores(servers: dict[str, Server], window: float) -> float:
    """Cores used over `window` s by everything but our servers and this script (builds, other tests)."""
    pids = [p for sv in servers.values() for p in sv.pids]
    c0, m0, o0, t0 = tree_cpu(pids), machine_busy(), sum(os.times()[:2]), time.monotonic()
    time.sleep(window)
    c1, m1, o1, t1 = tree_cpu(pids), machine_busy(), sum(os.times()[:2]), time.monotonic()
    return ((m1 - m0) - (c1 - c0) - (o1 - o0)) / (t1 - t0)


def wait_quiet(a, servers: dict[str, Server]) -> float:
    """Wait (at most --quiet-wait s) until other processes use under --quiet-cores; seconds waited."""
    t0 = time.monotonic()
    told = False
    while True:
        busy = other_cores(servers, 1.0)
        if busy < a.quiet_cores:
            return time.monotonic() - t0
        if time.monotonic() - t0 > a.quiet_wait:
            log(f"   !! still {busy:.2f} cores busy elsewhere after {a.quiet_wait:g} s: measuring anyway")
            return time.monotonic() - t0
        if not told:
            log(f"   .. {busy:.2f} cores busy elsewhere: waiting for the machine to be quiet")
            told = True
        time.sleep(2.0)


def measured(a, servers: dict[str, Server], label: str, fn) -> dict:
    """fn() is one dnsperf run; waits for a quiet machine first, and redoes a run during which other
    processes used more than --noisy-cores (at most --retries times)."""
    waited, tries = 0.0, 0
    while True:
        waited += wait_quiet(a, servers)
        s = fn()
        s["other_cores"] = s["machine_cores"] - s["server_cores"] - s["client_cores"] - s.get("extra_cores", 0.0)
        if s["other_cores"] <= a.noisy_cores or tries >= a.retries:
            s["retries"], s["waited_s"] = tries, waited
            s["noisy"] = s["other_cores"] > a.noisy_cores
            return s
        tries += 1
        log(f"   !! {label}: other processes used {s['other_cores']:.2f} cores during the run "
            f"({s['qps']:,.0f} qps): redoing it ({tries}/{a.retries})")
