"""What every part of the DNS benchmark shares: paths, names, errors, logging, subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent  # bench/dnsbench/ -> the repository
ZONE = "bench.internal"
API_ZONE = "api.bench"
DEFAULT_SCRATCH = "/tmp/shoal-bench-build"
SERVER_ORDER = ["reflector", "nsd", "knot", "shoal"]
SERVER_NAMES = {"reflector": "C reflector (floor)", "nsd": "NSD", "knot": "Knot", "shoal": "Shoal"}


class BenchError(Exception):
    pass


def shoal_bench_flags() -> list[str]:
    """Flags added to Shoal's command line from the environment (SHOAL_BENCH_FLAGS)."""
    return os.environ.get("SHOAL_BENCH_FLAGS", "").split()


def log(msg: str) -> None:
    print(msg, flush=True)


def run(cmd, timeout, check=True, **kw) -> subprocess.CompletedProcess:
    """subprocess.run with a timeout always, text output captured unless told otherwise."""
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    p = subprocess.run(cmd, timeout=timeout, **kw)
    if check and p.returncode != 0:
        out = (p.stdout or "")[-2000:] + (p.stderr or "")[-2000:] if kw.get("text") else ""
        raise BenchError(f"{' '.join(map(str, cmd))} exited {p.returncode}\n{out}")
    return p


def which(prog: str) -> str | None:
    return shutil.which(prog) or shutil.which(prog, path="/usr/sbin:/sbin:/usr/local/sbin")
