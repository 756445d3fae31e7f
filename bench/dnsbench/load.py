"""Load time and memory: fresh starts of each server until it answers the zone's last name."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from .common import log
from .quiet import wait_quiet
from .servers import make_server


def phase_load(a, env, workdir: Path, kinds: list[str]) -> dict:
    """Fresh starts: seconds until the last name of the zone is answered, then RSS."""
    res: dict = {k: [] for k in kinds}
    timeout = a.load_timeout
    for r in range(a.load_rounds):
        for kind in kinds:
            s = make_server(kind, env, workdir / f"load{r}", a.server_cpu if a.pin else None)
            try:
                wait_quiet(a, {})
                s.start()
                secs = s.wait_ready(env["zone"]["last_name"], timeout)
                time.sleep(a.settle)
                mem = s.memory()
                mem["load_s"] = secs
                res[kind].append(mem)
                log(f"   [{r + 1}] {kind}: answers the last name after {secs:.3f} s, "
                    f"RSS {mem['rss_kib'] / 1024:.1f} MiB (peak {mem['hwm_kib'] / 1024:.1f}), "
                    f"{mem['processes']} process(es), PSS of all {mem['tree_pss_kib'] / 1024:.1f} MiB")
            finally:
                s.stop()
                shutil.rmtree(s.workdir, ignore_errors=True)
    return res
