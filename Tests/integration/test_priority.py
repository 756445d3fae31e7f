"""--api-nice: the DNS workers keep the process's nice value, every other thread (HTTP API,
store, lease sweeps, thread pools) runs that much nicer, read from /proc/PID/task."""

from __future__ import annotations

import os
import time
from pathlib import Path

from api_helpers import upsert

WORKER_PREFIX = "shoal-dns-"


def threads(pid: int) -> list[tuple[str, int]]:
    """(name, nice) of each thread of pid."""
    out = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            name = Path(f"/proc/{pid}/task/{tid}/comm").read_text().strip()
            stat = Path(f"/proc/{pid}/task/{tid}/stat").read_text()
        except FileNotFoundError:  # the thread ended meanwhile
            continue
        nice = int(stat.rsplit(")", 1)[1].split()[16])  # field 19 of stat
        out.append((name, nice))
    return out


def settled(pid: int, others_nice: int) -> list[tuple[str, int]]:
    """The threads once every non-worker is at others_nice, or after 5 s: a thread started since
    the last pass (they run every second) may not be lowered yet."""
    deadline = time.monotonic() + 5
    while True:
        seen = threads(pid)
        if all(nice == others_nice for name, nice in seen if not name.startswith(WORKER_PREFIX)):
            return seen
        if time.monotonic() > deadline:
            return seen
        time.sleep(0.2)


def busy_api(server, count: int = 50) -> None:
    """Enough API work that the thread pools start what threads they start."""
    api = server.api
    api.create_zone("prio.internal")
    for i in range(count):
        api.change_ok("prio.internal", [upsert(f"n{i}", "A", [f"10.0.0.{i % 250 + 1}"])])


def test_control_plane_threads_are_nicer_than_the_dns_workers(api_servers):
    server = api_servers.start(extra=["--workers", "2"])
    busy_api(server)
    base = os.getpriority(os.PRIO_PROCESS, 0)
    lowered = min(19, base + 19)  # the default --api-nice, capped as nice values are
    seen = settled(server.proc.pid, lowered)
    workers = [nice for name, nice in seen if name.startswith(WORKER_PREFIX)]
    others = [(name, nice) for name, nice in seen if not name.startswith(WORKER_PREFIX)]
    assert workers == [base, base], f"both DNS workers keep nice {base}: {seen}"
    assert len(others) >= 3, f"the API, store and pool threads are there: {seen}"
    assert all(nice == lowered for _, nice in others), f"every other thread at nice {lowered}: {seen}"
    assert server.dig("n49.prio.internal", "A").rdatas("A") == ["10.0.0.50"]


def test_api_nice_zero_makes_no_thread_nicer(api_servers):
    server = api_servers.start(extra=["--api-nice", "0", "--workers", "2"])
    busy_api(server, count=10)
    time.sleep(1.5)  # past the first periodic pass
    base = os.getpriority(os.PRIO_PROCESS, 0)
    seen = threads(server.proc.pid)
    assert sum(name.startswith(WORKER_PREFIX) for name, _ in seen) == 2, seen
    # The thread pool may give its own threads a lower value for their QoS; none is made nicer.
    assert all(nice <= base for _, nice in seen), f"no thread above nice {base}: {seen}"


def test_a_custom_value_is_used(api_servers):
    server = api_servers.start(extra=["--api-nice", "4"])
    busy_api(server, count=5)
    base = os.getpriority(os.PRIO_PROCESS, 0)
    seen = settled(server.proc.pid, min(19, base + 4))
    assert {nice for name, nice in seen if not name.startswith(WORKER_PREFIX)} == {min(19, base + 4)}, seen
