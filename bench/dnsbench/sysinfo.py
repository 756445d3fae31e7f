"""The machine, the commit and the program versions a report names."""

from __future__ import annotations

import os
import platform
import re
import subprocess

from .common import REPO, which


def versions(env) -> dict:
    def first_line(cmd, pattern=None):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return "?"
        text = p.stdout + p.stderr
        if pattern:
            m = re.search(pattern, text)
            return m.group(0) if m else "?"
        return text.strip().splitlines()[0] if text.strip() else "?"

    def deb(pkg):
        try:
            return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True,
                                  timeout=30).stdout.strip() or "?"
        except (OSError, subprocess.TimeoutExpired):
            return "?"

    nsd_v = first_line([env["nsd"], "-v"], r"NSD version [\d.]+")
    dnsperf_v = first_line([env["dnsperf"], "-h"], r"Version [\d.]+")
    return {
        "nsd": f"{nsd_v} (Debian {deb('nsd')})",
        "knot": f"{first_line([env['knotd'], '--version'])} (Debian {deb('knot')})",
        "dnsperf": f"dnsperf {dnsperf_v} (Debian {deb('dnsperf')})",
        "gcc": first_line(["gcc", "--version"]),
        "swift": first_line(["swift", "--version"]) if which("swift") else "?",
    }


def machine_info() -> dict:
    cpu, mem = "?", "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass

    def git(*args):
        try:
            return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "?"

    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "Sources", "Package.swift")
    return {"cpu": cpu, "nproc": os.cpu_count(), "memory": mem, "kernel": f"{platform.system()} {platform.release()}",
            "commit": git("rev-parse", "--short", "HEAD") + (" + uncommitted changes in Sources/" if dirty else ""),
            "commit_subject": git("log", "-1", "--format=%s")[:100], "python": platform.python_version()}
