"""The Markdown report and the console summary, from the results of all phases."""

from __future__ import annotations

from .common import API_ZONE, SERVER_NAMES, SERVER_ORDER, ZONE, shoal_bench_flags
from .dnsperf import median
from .profreport import profile_section
from .zonegen import QUERY_MIX


def f0(x):
    return "–" if x != x else f"{x:,.0f}"


def f2(x):
    return "–" if x != x else f"{x:.2f}"


def f3(x):
    return "–" if x != x else f"{x:.3f}"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**not met**")


def summarize(res: dict) -> dict:
    """Medians per server from the runs."""
    out = {}
    for kind in res["kinds"]:
        tp = res["throughput"].get(kind, [])
        lt = res["latency"].get(kind, [])
        out[kind] = {
            "qps": median([r["qps"] for r in tp]),
            "qps_min": min((r["qps"] for r in tp), default=float("nan")),
            "qps_max": max((r["qps"] for r in tp), default=float("nan")),
            "lost": sum(int(r["lost"]) for r in tp),
            "sent": sum(int(r["sent"]) for r in tp),
            "us": median([r["cpu_us_per_query"] for r in tp]),
            "mean_ms": median([r["mean_ms"] for r in lt]),
            "p99_ms": median([r["p99_ms"] for r in lt]),
            "lat_lost": sum(int(r["lost"]) for r in lt),
            "lat_sent": sum(int(r["sent"]) for r in lt),
            "lat_us": median([r["cpu_us_per_query"] for r in lt]),
        }
    return out


def ratio(x, y):
    return x / y if y and x == x and y == y else float("nan")


def report(a, res: dict) -> tuple[str, str]:
    m, v, z = res["machine"], res["versions"], res["zone"]
    S = summarize(res)
    names = SERVER_NAMES
    L = [f"# DNS benchmark — {res['date']}", "",
         "`python3 bench/dns_bench.py" + "".join(" " + x for x in res["argv"]) + "`", "",
         "## Machine", "", "| | |", "|---|---|",
         f"| CPU | {m['cpu']} |", f"| cores (nproc) | {m['nproc']} |", f"| memory | {m['memory']} |",
         f"| kernel | {m['kernel']} |", f"| NSD | {v['nsd']} |", f"| Knot | {v['knot']} |",
         f"| dnsperf | {v['dnsperf']} |", f"| Shoal commit | {m['commit']} ({m['commit_subject']}) |",
         f"| Shoal binary | {res['shoal_build']} |", f"| reflector | bench/reflector.c, {v['gcc']}, -O2, batch {a.reflector_batch} |",
         f"| load average before the run | {res['loadavg_before']} |", ""]
    L += ["## Settings", "",
          f"- Zone `{ZONE}`: {z['services']:,} services, {z['instances']:,} instances, **{z['records']:,} records** "
          f"({z['bytes'] / 1e6:.1f} MB file, seed {z['seed']}). Per service `svcN`: 1–4 A records, one SRV per instance "
          "at `svcN` (`1 1 PORT iJ.svcN.`) whose target `iJ.svcN` has its own A record, and `wwwN CNAME svcN`. "
          "The same file is loaded by NSD, Knot and Shoal.",
          f"- Queries: {a.query_count:,} in a shuffled file dnsperf loops over, the same for every server: "
          + ", ".join(f"{int(s * 100)}% {k}" for s, k in QUERY_MIX) + "; no EDNS.",
          f"- dnsperf: `-c {a.clients} -T {a.threads} -q {a.outstanding} -t {a.timeout} -l {a.seconds:g}` "
          f"(throughput), the servers taken in turn, {a.rounds} rounds, the order rotated each round; "
          f"latency runs add `-Q {int(res['latency_rate'])} -v` ({a.latency_rounds} round(s) of {a.latency_seconds:g} s; "
          f"{res['latency_rate_why']}).",
          "- Servers on 127.0.0.1, one UDP worker each: NSD `server-count: 1`, `rrl-ratelimit: 0`, "
          "`minimal-responses: yes` (without it NSD adds the zone's NS and its glue to every positive answer; "
          "with it NSD also leaves the SRV targets' addresses out, so its SRV answers are the smaller ones: see Checks), "
          "run with `-d` as root, no chroot; Knot `udp-workers: 1`, `tcp-workers: 1`, "
          "`background-workers: 1`, no RRL module, `journal-content: none`, `zonefile-sync: -1`; Shoal `serve --workers 1"
          + "".join(" " + flag for flag in shoal_bench_flags()) + "` (its other "
          "threads at `--api-nice`'s default, 19, unless given)"
          f"; the reflector one socket, `recvmmsg`/`sendmmsg` batches of up to {a.reflector_batch}.",
          ("- Pinned with taskset: every server on CPU " + a.server_cpu + ", dnsperf on CPU " + a.client_cpu + "."
           if a.pin else "- Nothing pinned (the kernel places server and dnsperf on the 2 cores)."),
          "- CPU per query: utime+stime of the server's processes (from /proc/PID/stat, all its threads and "
          "children) over the dnsperf run, divided by the queries dnsperf saw answered. Includes the kernel's "
          "UDP receive/send work done in the server's context.", ""]
    L += ["## Results", "",
          f"Throughput: median of {a.rounds} runs of {a.seconds:g} s (range in brackets). Latency: at a fixed "
          f"{int(res['latency_rate']):,} queries/s offered, from every query's latency in `dnsperf -v` "
          f"(median over {a.latency_rounds} round(s)).", "",
          "| server | qps | CPU µs/query | mean latency ms | p99 latency ms | lost (max rate) | lost (fixed rate) |",
          "|---|---:|---:|---:|---:|---:|---:|"]
    for kind in res["kinds"]:
        s = S[kind]
        L.append(f"| {names[kind]} | **{f0(s['qps'])}** ({f0(s['qps_min'])}–{f0(s['qps_max'])}) | {f2(s['us'])} | "
                 f"{f3(s['mean_ms'])} | {f3(s['p99_ms'])} | {s['lost']:,} of {s['sent']:,} | "
                 f"{s['lat_lost']:,} of {s['lat_sent']:,} |")
    L.append("")
    # memory and load
    ld = res["load"]
    L += [f"### Load time and memory, {z['records']:,} records", "",
          f"Fresh start to the first answer for the zone's last name (`{z['last_name']}`), polled every 5 ms; "
          f"memory {a.settle:g} s later. Median of {a.load_rounds} starts.", "",
          "| server | load time s | RSS MiB | peak RSS MiB | processes | PSS of all its processes MiB |",
          "|---|---:|---:|---:|---:|---:|"]
    LM = {}
    for kind in [k for k in ("nsd", "knot", "shoal") if k in ld]:
        rs = ld[kind]
        LM[kind] = {"load": median([x["load_s"] for x in rs]), "rss": median([x["rss_kib"] for x in rs]) / 1024,
                    "hwm": median([x["hwm_kib"] for x in rs]) / 1024, "pss": median([x["tree_pss_kib"] for x in rs]) / 1024,
                    "procs": rs[0]["processes"] if rs else 0}
        q = LM[kind]
        L.append(f"| {names[kind]} | {f3(q['load'])} | {f2(q['rss'])} | {f2(q['hwm'])} | {q['procs']} | {f2(q['pss'])} |")
    L += ["", "NSD forks its server and xfrd processes after loading, so its own RSS is one of several; "
          "the PSS column shares the pages they have in common fairly.", ""]
    # API
    api = res.get("api")
    if api:
        qi, ql = median([r["qps"] for r in api["idle"]]), median([r["qps"] for r in api["loaded"]])
        L += ["### Shoal under API load", "",
              f"A paced client ({a.api_procs} processes x {a.api_threads} keep-alive connections, bench/dnsbench/rawhttp.py) sends "
              f"{a.api_rate:,} single-change batches per second (`POST /v1/zones/{API_ZONE}/changes`, one UPSERT of an "
              "A record each, durable and published to DNS before the reply) while dnsperf runs as above; idle runs "
              "alternate with loaded ones. Medians.", "",
              "| Shoal | qps | CPU µs/query | API changes/s achieved | API p50 ms | API p99 ms | API errors | API client CPU (cores) | machine CPU (cores) |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
              f"| idle | {f0(qi)} | {f2(median([r['cpu_us_per_query'] for r in api['idle']]))} | – | – | – | – | – | "
              f"{f2(median([r['machine_cores'] for r in api['idle']]))} |",
              f"| under API load | {f0(ql)} | {f2(median([r['cpu_us_per_query'] for r in api['loaded']]))} | "
              f"{f0(median([r['api_rate'] for r in api['loaded']]))} | {f2(median([r['api_p50_ms'] for r in api['loaded']]))} | "
              f"{f2(median([r['api_p99_ms'] for r in api['loaded']]))} | {sum(r['api_errors'] for r in api['loaded'])} | "
              f"{f2(median([r['api_client_cores'] for r in api['loaded']]))} | "
              f"{f2(median([r['machine_cores'] for r in api['loaded']]))} |", ""]
    # targets
    sh, ns, kn, rf = (S.get(k) for k in ("shoal", "nsd", "knot", "reflector"))
    T = []

    def tgt(what, val, ok, rounds=None):
        per = ", ".join(f2(x) for x in rounds) if rounds else "–"
        T.append(f"| {what} | {f2(val) + ' x' if val == val else '–'} | {per} | {verdict(ok(val) if val == val else None)} |")

    def same_round(data, key, x, y):
        """x's figure over y's, round by round (runs of the same round are minutes apart at most)."""
        xs, ys = {r["round"]: r[key] for r in data.get(x, [])}, {r["round"]: r[key] for r in data.get(y, [])}
        return [ratio(xs[k], ys[k]) for k in sorted(xs) if k in ys]

    tp, lt = res["throughput"], res["latency"]
    if sh:
        if ns:
            tgt("Shoal qps / NSD qps >= 1.15", ratio(sh["qps"], ns["qps"]), lambda x: x >= 1.15,
                same_round(tp, "qps", "shoal", "nsd"))
        if kn:
            tgt("Shoal qps / Knot qps >= 1.3", ratio(sh["qps"], kn["qps"]), lambda x: x >= 1.3,
                same_round(tp, "qps", "shoal", "knot"))
        if rf:
            tgt("Shoal CPU per query / reflector's <= 1.3", ratio(sh["us"], rf["us"]), lambda x: x <= 1.3,
                same_round(tp, "cpu_us_per_query", "shoal", "reflector"))
        if ns:
            tgt("Shoal CPU per query / NSD's <= 0.7", ratio(sh["us"], ns["us"]), lambda x: x <= 0.7,
                same_round(tp, "cpu_us_per_query", "shoal", "nsd"))
        if kn and lt:
            tgt(f"Shoal p99 / Knot p99 at {int(res['latency_rate']):,} qps <= 1", ratio(sh["p99_ms"], kn["p99_ms"]),
                lambda x: x <= 1.0, same_round(lt, "p99_ms", "shoal", "knot"))
    big = z["records"] >= 1_000_000
    note = "" if big else f" ({z['records']:,} records here; the target is for 1,000,000: `--records-1m`)"
    if "shoal" in LM and "knot" in LM:
        tgt("Shoal RSS / Knot RSS <= 1" + note, ratio(LM["shoal"]["rss"], LM["knot"]["rss"]), lambda x: x <= 1.0)
        tgt("Shoal load time / Knot's <= 1" + note, ratio(LM["shoal"]["load"], LM["knot"]["load"]), lambda x: x <= 1.0)
    if api:
        tgt(f"Shoal qps under {a.api_rate:,} API changes/s / idle >= 0.9", ratio(ql, qi), lambda x: x >= 0.9,
            [ratio(l["qps"], i["qps"]) for i, l in zip(api["idle"], api["loaded"])])
    L += ["## Ratios against the targets of issue 5", "",
          "*measured* is the ratio of the medians above; *round by round* is the same ratio within each round "
          "(the runs of one round are close in time, so they share whatever the machine was doing).", "",
          "| target | measured | round by round | |", "|---|---:|---|---|"] + T + [""]
    L += profile_section(a, res)
    # every run
    L += ["## Every run", "",
          "Cores are averaged over the steady part of each run (from 1 s in to the end of sending), sampled from "
          "/proc every 0.25 s; *other* is the machine's busy time minus the server's, dnsperf's (and the API "
          "client's): other processes. A run during which other processes used more than "
          f"{a.noisy_cores:g} cores was redone (at most {a.retries} times; *redone* counts them); each run waited first "
          f"for other processes to use under {a.quiet_cores:g} cores (at most {a.quiet_wait:g} s).", "",
          "| phase | round | server | qps | completed | lost | CPU µs/query | server cores | dnsperf cores | other cores | redone | mean ms | p99 ms |",
          "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    groups = [("throughput", res["throughput"]), ("latency", res["latency"])]
    if api:
        groups += [("api idle", {"shoal": api["idle"]}), ("api load", {"shoal": api["loaded"]})]
    if res.get("profile", {}).get("servers"):
        groups.append(("profile", {k: [s] for k, s in res["profile"]["servers"].items()}))
    for phase, data in groups:
        rows = sorted(((r["round"], k, r) for k, rs in data.items() for r in rs), key=lambda t: (t[0], SERVER_ORDER.index(t[1])))
        for rnd, k, r in rows:
            L.append(f"| {phase} | {rnd} | {k} | {f0(r['qps'])} | {int(r['completed']):,} | {int(r['lost']):,} | "
                     f"{f2(r['cpu_us_per_query'])} | {f2(r['server_cores'])} | {f2(r['client_cores'])} | "
                     f"{f2(r['other_cores'])}{' **noisy**' if r.get('noisy') else ''} | {r.get('retries', 0)} | "
                     f"{f3(r.get('mean_ms', float('nan')))} | {f3(r.get('p99_ms', float('nan')))} |")
    L.append("")
    # checks
    L += ["## Checks", "", "The same questions to every server before the runs (rcode, section counts, AA, size):", "",
          "| question | " + " | ".join(names[k] for k in res["kinds"]) + " |",
          "|---|" + "---|" * len(res["kinds"])]
    L += ["| " + " | ".join(r) + " |" for r in res["probe_rows"]]
    L.append("")
    notes = list(res["notes"])
    notes += res["probe_problems"]
    busiest_client = max((r["client_cores"] for rs in res["throughput"].values() for r in rs), default=0)
    if busiest_client > 0.9:
        notes.append(f"dnsperf used up to {busiest_client:.2f} cores in a throughput run: where a server's qps is "
                     "near the reflector's, the load generator, not the server, may be the limit.")
    all_runs = [r for _, d in groups for rs in d.values() for r in rs]
    noisy = [r for r in all_runs if r.get("noisy")]
    if noisy:
        notes.append(f"**{len(noisy)} run(s) stayed noisy** (other processes above {a.noisy_cores:g} cores even after "
                     "the retries): their figures are low; rerun on an idle machine.")
    redone = sum(r.get("retries", 0) for r in all_runs)
    if redone:
        notes.append(f"{redone} run(s) were redone because other processes were busy during them.")
    waited = sum(r.get("waited_s", 0) for r in all_runs)
    if waited > 2 * len(all_runs):  # each run looks for 1 s at least
        notes.append(f"the runs waited {waited:.0f} s in all for the machine to be quiet.")
    slow = [f"{k} round {r['round']} ({r['qps']:,.0f})" for k, rs in res["latency"].items() for r in rs
            if r["qps"] < 0.95 * res["latency_rate"]]
    if slow:
        notes.append(f"at the fixed rate dnsperf reached less than 95% of the {int(res['latency_rate']):,} qps offered: "
                     + ", ".join(slow))
    if api:
        notes.append(api["check"])
    for rs in (api["loaded"] if api else []):
        for smp in rs["api_samples"]:
            notes.append(f"API error sample: `{smp}`")
    L += [f"- {n}" for n in notes] if notes else ["- nothing odd"]
    L.append("")
    # console table
    C = [f"{'server':20} {'qps':>10} {'us/query':>9} {'mean ms':>8} {'p99 ms':>8} {'lost':>8} {'lost@rate':>9}"]
    for kind in res["kinds"]:
        s = S[kind]
        C.append(f"{names[kind]:20} {f0(s['qps']):>10} {f2(s['us']):>9} {f3(s['mean_ms']):>8} {f3(s['p99_ms']):>8} "
                 f"{s['lost']:>8,} {s['lat_lost']:>9,}")
    return "\n".join(L) + "\n", "\n".join(C)
