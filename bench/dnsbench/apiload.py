"""Shoal's throughput while a paced HTTP client makes API changes, against its idle throughput."""

from __future__ import annotations

import http.client
import json
import multiprocessing as mp
import os
import threading
import time

from .common import API_ZONE, BenchError, log
from .dnsclient import dns_ask
from .dnsperf import dnsperf, pct
from .quiet import measured, wait_quiet
from .rawhttp import HTTPError, KeepAliveClient
from .servers import Server
from .zonegen import ip


def _api_thread(addr, zone, tag, rate, start_at, end_at, out, idx):
    client = KeepAliveClient(addr[0], addr[1])
    path = f"/v1/zones/{zone}/changes"
    ok = err = 0
    lat: list[float] = []
    samples: list[str] = []
    k = 0
    try:
        while True:
            t_sched = start_at + k / rate
            if t_sched >= end_at:
                break
            delay = t_sched - time.time()
            if delay > 0:
                time.sleep(delay)
            name = f"{tag}-{k % 100}"
            body = json.dumps({"changes": [{"action": "UPSERT", "name": name, "type": "A", "ttl": 60,
                                            "records": [ip(k)]}]}).encode()
            k += 1
            t0 = time.perf_counter()
            try:
                status, data = client.post(path, body)
            except (OSError, HTTPError) as e:
                err += 1
                if len(samples) < 3:
                    samples.append(repr(e))
                continue
            lat.append(time.perf_counter() - t0)
            if status == 200:
                ok += 1
            else:
                err += 1
                if len(samples) < 3:
                    samples.append(f"{status} {data[:200]!r}")
    finally:
        client.close()
    out[idx] = (ok, err, lat, samples)


def api_process(args):
    """One client process: `threads` keep-alive connections, each paced at `rate` changes/s."""
    addr, zone, proc_no, threads, rate, start_at, end_at = args
    out: dict = {}
    ts = [threading.Thread(target=_api_thread,
                           args=(addr, zone, f"p{proc_no}t{t}", rate, start_at, end_at, out, t))
          for t in range(threads)]
    c0 = os.times()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    c1 = os.times()
    return [out[t] for t in range(threads)], (c1.user - c0.user) + (c1.system - c0.system)


def http_call(addr, method, path, body=None, timeout=60):
    conn = http.client.HTTPConnection(addr[0], addr[1], timeout=timeout)
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None,
                     headers={"Content-Type": "application/json"})
        r = conn.getresponse()
        data = r.read()
        return r.status, (json.loads(data) if data else None)
    finally:
        conn.close()


def phase_api(a, env, servers: dict[str, Server]) -> dict:
    shoal = servers["shoal"]
    addr = ("127.0.0.1", shoal.http_port)
    st, body = http_call(addr, "POST", "/v1/zones", {"name": API_ZONE})
    if st != 201:
        raise BenchError(f"POST /v1/zones {API_ZONE}: {st} {body}")
    per_thread = a.api_rate / (a.api_procs * a.api_threads)
    ctx = mp.get_context("spawn")
    idle, loaded = [], []
    with ctx.Pool(a.api_procs) as pool:
        for r in range(a.rounds):
            for mode in (("idle", "api") if r % 2 == 0 else ("api", "idle")):
                if mode == "idle":
                    s = measured(a, servers, f"idle round {r + 1}", lambda: dnsperf(a, env, shoal, a.seconds))
                    s["round"] = r + 1
                    idle.append(s)
                    log(f"   [{r + 1}] idle      {s['qps']:>10,.0f} qps  {s['cpu_us_per_query']:.2f} us/query  "
                        f"machine {s['machine_cores']:.2f}")
                else:
                    waited = wait_quiet(a, servers)
                    start_at = time.time() + 1.5  # processes spawned and connected
                    end_at = start_at + a.api_warmup + a.seconds + 1.0
                    job = pool.map_async(api_process, [(addr, API_ZONE, i, a.api_threads, per_thread, start_at, end_at)
                                                       for i in range(a.api_procs)])
                    while time.time() < start_at + a.api_warmup:
                        time.sleep(0.01)
                    s = dnsperf(a, env, shoal, a.seconds)
                    outs = job.get(timeout=a.seconds + a.api_warmup + 120)
                    lat, ok, err, samples, ccpu = [], 0, 0, [], 0.0
                    for threads, cpu in outs:
                        ccpu += cpu
                        for o, e, l, sm in threads:
                            ok, err = ok + o, err + e
                            lat += l
                            samples += sm
                    lat.sort()
                    window = end_at - start_at
                    s.update({"round": r + 1, "api_changes": ok, "api_rate": ok / window, "api_errors": err,
                              "api_p50_ms": pct(lat, 0.5) * 1000, "api_p99_ms": pct(lat, 0.99) * 1000,
                              "api_client_cores": ccpu / window, "api_samples": samples[:3], "waited_s": waited,
                              "retries": 0})
                    s["other_cores"] = s["machine_cores"] - s["server_cores"] - s["client_cores"] - s["api_client_cores"]
                    s["noisy"] = s["other_cores"] > a.noisy_cores
                    loaded.append(s)
                    log(f"   [{r + 1}] API load  {s['qps']:>10,.0f} qps  {s['cpu_us_per_query']:.2f} us/query  "
                        f"machine {s['machine_cores']:.2f}; API {s['api_rate']:,.0f} changes/s, "
                        f"p50 {s['api_p50_ms']:.2f} ms p99 {s['api_p99_ms']:.2f} ms, errors {err}")
                time.sleep(a.pause)
    # A change the API made is answered by DNS.
    h = dns_ask(shoal.port, f"p0t0-0.{API_ZONE}", "A")
    check = "a name written through the API is answered" if h and h["rcode"] == "NOERROR" and h["an"] else \
        f"**a name written through the API is not answered: {h}**"
    return {"idle": idle, "loaded": loaded, "check": check}
