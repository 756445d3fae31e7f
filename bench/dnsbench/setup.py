"""Getting ready: Debian packages, the Shoal release build and the C reflector."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from .common import REPO, BenchError, log, run, which

APT_PACKAGES = {"nsd": "nsd", "knot": "knotd", "dnsperf": "dnsperf"}  # package -> program it must provide
OPTIONAL_PACKAGES = {"linux-perf": "perf"}  # only the profile phase needs it, and the run goes on without it


def procs_named(names: set[str]) -> set[int]:
    """PIDs of processes whose comm is one of names (to tell which ones a package start made)."""
    found = set()
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if Path(f"/proc/{d}/comm").read_text().strip() in names:
                    found.add(int(d))
            except OSError:
                pass
    return found


def missing_of(packages: dict[str, str]) -> list[str]:
    missing = []
    for pkg, prog in packages.items():
        st = run(["dpkg-query", "-W", "-f=${Status}", pkg], 30, check=False)
        if "install ok installed" not in st.stdout or not which(prog):
            missing.append(pkg)
    return missing


def install_missing(optional: bool = True) -> list[str]:
    """apt-get install the Debian packages that are missing; no daemon is left running.
    With `optional`, also OPTIONAL_PACKAGES, whose failure to install is only logged."""
    missing = missing_of(APT_PACKAGES)
    extra = missing_of(OPTIONAL_PACKAGES) if optional else []
    if not missing and not extra:
        log("== Debian packages present: " + ", ".join([*APT_PACKAGES, *(OPTIONAL_PACKAGES if optional else [])]))
        return []
    if os.geteuid() != 0:
        if missing:
            raise BenchError(f"missing Debian packages {missing}: run as root, or install them first")
        log(f"   !! {', '.join(extra)} missing and not root: no profile")
        return []
    log(f"== apt-get install {' '.join(missing + extra)}")
    before = procs_named({"nsd", "knotd"})
    policy = Path("/usr/sbin/policy-rc.d")
    added = False
    if not policy.exists():  # keep maintainer scripts from starting the daemons
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
        added = True
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        run(["apt-get", "update", "-qq"], 600, env=env)
        if missing:
            run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], 900, env=env)
        # Apart, so that a release without linux-perf still gets the servers.
        if extra and run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *extra], 900, env=env,
                         check=False).returncode != 0:
            log(f"   !! apt-get install {' '.join(extra)} failed: no profile")
            extra = []
    finally:
        if added:
            policy.unlink(missing_ok=True)
    # A daemon the package started anyway (no policy layer honoured): stop it by its PID.
    for pid in procs_named({"nsd", "knotd"}) - before:
        log(f"   stopping pid {pid} that the package started")
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
    return missing + extra


def build_shoal(a) -> tuple[Path, str]:
    if a.bin:
        return Path(a.bin).resolve(), f"given with --bin ({a.bin})"
    scratch = a.scratch_path
    if not a.no_build:
        log(f"== swift build -c release --scratch-path {scratch}")
        p = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", scratch], cwd=REPO, timeout=3600)
        if p.returncode != 0:
            raise BenchError("swift build failed")
    bindir = run(["swift", "build", "-c", "release", "--scratch-path", scratch, "--show-bin-path"], 300,
                 cwd=REPO).stdout.strip()
    binary = Path(bindir) / "shoal"
    if not binary.is_file():
        raise BenchError(f"no shoal binary at {binary} (build first, or drop --no-build)")
    how = f"`swift build -c release --scratch-path {scratch}`" + (" (reused, --no-build)" if a.no_build else "")
    return binary.resolve(), how


def build_reflector(tmp: Path) -> Path:
    out = tmp / "reflector"
    run(["gcc", "-O2", "-Wall", "-o", str(out), str(REPO / "bench" / "reflector.c")], 120)
    return out
