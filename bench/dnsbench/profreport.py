"""The report's "Where the CPU goes" section, from the profile phase's results."""

from __future__ import annotations

from .common import SERVER_NAMES
from .dnsperf import median
from .profile import PERF_FREQ, TOP_SYMBOLS

SYMBOLS_FOR = ("shoal",)  # whose top symbols the report lists; the others' tables are enough to compare with


def us(share: float, cpu_us: float) -> str:
    return f"{share / 100 * cpu_us:.2f}" if cpu_us == cpu_us else "–"


def us_and_share(share: float, cpu_us: float) -> str:
    return f"{us(share, cpu_us)} ({share:.0f}%)"


def cell(text: str) -> str:
    """Text for a Markdown table cell in backticks: no pipe or backtick may end it early."""
    return "`" + text.replace("`", "'").replace("|", "\\|") + "`"


def shown_command(s: dict) -> str:
    """The perf command as run, with the paths and PIDs of this run replaced by what they stand for."""
    cmd = ["perf"] + list(s["perf_cmd"][1:])
    cmd[cmd.index("-o") + 1] = "SERVER.perf.data"
    cmd[cmd.index("-p") + 1] = "PID,PID…"
    return " ".join(cmd)


def profile_section(a, res: dict) -> list[str]:
    pr = res.get("profile")
    if pr is None:
        return []
    L = ["## Where the CPU goes", ""]
    done = {k: s for k, s in pr.get("servers", {}).items() if s.get("profile")}
    if not done:
        return L + [f"No profile: {pr.get('error') or 'perf report failed (see Notes)'}.", ""]
    first = next(iter(done.values()))
    L += [f"After the throughput runs, one more dnsperf run of {a.profile_seconds:g} s per server (the same flags) "
          f"with `{shown_command(first)}` on all the server's processes and threads ({pr['version']}): {PERF_FREQ} "
          f"samples per second of CPU over {first['perf_window_s']:g} s, from 1 s after dnsperf starts to 1 s before "
          "it ends. *share* is the part "
          "of the samples spent there (`perf report --no-children`, self); *µs/query* is that share of the CPU per "
          "query of the same run. The kernel's part is split by the system call it was spent under (the `--children` "
          "share of `__x64_sys_*`). On loopback, sending also delivers the datagram into the receiving socket "
          "(softirq, in the sender's context), so `sendmmsg`/`sendmsg` include handing each answer to dnsperf.", "",
          "µs of CPU per query (and share of the samples):", "",
          "| server | CPU µs/query | kernel | own code | libraries | samples | qps in this run |",
          "|---|---:|---:|---:|---:|---:|---:|"]
    for kind, s in done.items():
        by = {g: sum(sh for grp, _w, sh in s["profile"]["rows"] if grp == g) for g in ("kernel", "own code", "library")}
        cpu = s["cpu_us_per_query"]
        L.append(f"| {SERVER_NAMES[kind]} | {cpu:.2f} | {us_and_share(by['kernel'], cpu)} | "
                 f"{us_and_share(by['own code'], cpu)} | {us_and_share(by['library'], cpu)} | "
                 f"{s['profile']['samples']:,} | {s['qps']:,.0f} |")
    L.append("")
    for kind, s in done.items():
        L += server_table(kind, s, res["throughput"].get(kind, []))
        if kind in SYMBOLS_FOR:
            L += top_symbols(kind, s)
    if a.keep:
        L += ["The recordings are kept (`--keep`) as `profile/SERVER.perf.data` in the temporary folder; "
              "`perf report -i FILE` reads them.", ""]
    return L


def server_table(kind: str, s: dict, throughput_runs: list[dict]) -> list[str]:
    cpu = s["cpu_us_per_query"]
    tp = median([r["cpu_us_per_query"] for r in throughput_runs])
    L = [f"### {SERVER_NAMES[kind]}", "",
         f"{s['profile']['samples']:,} samples from {s['pids']} process(es); {cpu:.2f} µs of CPU per query in this run"
         + (f" ({tp:.2f} in the throughput runs)" if tp == tp else "") + ".", "",
         "| where | share | µs/query |", "|---|---:|---:|"]
    for group, what, share in s["profile"]["rows"]:
        L.append(f"| {group}: {what} | {share:.1f}% | {us(share, cpu)} |")
    L += [f"| **all** | 100% | **{cpu:.2f}** |", ""]
    return L


def top_symbols(kind: str, s: dict) -> list[str]:
    cpu = s["cpu_us_per_query"]
    L = [f"{SERVER_NAMES[kind]}'s top {TOP_SYMBOLS} functions by self share (Swift names demangled, simplified):", "",
         "| share | µs/query | in | function |", "|---:|---:|---|---|"]
    for share, dso, name in s["profile"]["top"]:
        L.append(f"| {share:.1f}% | {us(share, cpu)} | {dso} | {cell(name)} |")
    return L + [""]
