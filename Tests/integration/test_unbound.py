"""A real resolver in front: Unbound on loopback with stub zones pointing at
Shoal, as a VPC resolver's forwarding rule would. `dig` asks Unbound (with
recursion desired) and gets Shoal's answers.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from helpers import dig, free_port, require_tool, run

STUB_ZONES = ["ecs.internal", "servicediscovery.internal"]


def unbound_conf(workdir: Path, port: int, shoal_port: int) -> str:
    stubs = "".join(
        f'stub-zone:\n    name: "{z}."\n    stub-addr: 127.0.0.1@{shoal_port}\n' for z in STUB_ZONES
    )
    insecure = "".join(f'    domain-insecure: "{z}."\n' for z in STUB_ZONES)
    return f"""server:
    interface: 127.0.0.1
    port: {port}
    do-ip6: no
    do-daemonize: no
    chroot: ""
    username: ""
    directory: "{workdir}"
    pidfile: "{workdir}/unbound.pid"
    logfile: ""
    use-syslog: no
    verbosity: 1
    num-threads: 1
    access-control: 127.0.0.0/8 allow
    do-not-query-localhost: no
    module-config: "iterator"
    qname-minimisation: yes
    local-zone: "internal." nodefault
{insecure}
remote-control:
    control-enable: no

{stubs}"""


@pytest.fixture(scope="module")
def unbound(example_shoal, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("unbound")
    binary = require_tool("unbound")
    checkconf = require_tool("unbound-checkconf")
    port = free_port()
    conf = tmp_path / "unbound.conf"
    conf.write_text(unbound_conf(tmp_path, port, example_shoal.v4[1]))
    p = run([checkconf, str(conf)], timeout=20)
    assert p.returncode == 0, f"unbound-checkconf rejected the config:\n{p.stdout}{p.stderr}"
    log = open(tmp_path / "unbound.log", "wb")
    proc = subprocess.Popen([binary, "-d", "-c", str(conf)], stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, cwd=tmp_path)
    addr = ("127.0.0.1", port)
    try:
        deadline = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"unbound exited with {proc.returncode}:\n"
                                     + (tmp_path / "unbound.log").read_text(errors="replace"))
            res = dig(addr, "ecs.internal", "SOA", "+time=1")
            if res.status is not None:
                break
            if time.monotonic() > deadline:
                raise AssertionError("unbound did not answer within 20 s:\n"
                                     + (tmp_path / "unbound.log").read_text(errors="replace"))
            time.sleep(0.2)
        yield addr
    finally:
        # stop the unbound we started, by its PID
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        log.close()


def test_a_through_unbound(unbound):
    res = dig(unbound, "api.ecs.internal", "A", "+rec")
    assert res.status == "NOERROR", res
    assert "ra" in res.flags and "aa" not in res.flags, f"the answer should come from the resolver:\n{res}"
    assert sorted(res.rdatas("A")) == ["10.0.2.41", "10.0.2.42", "10.0.2.43"], res
    assert res.rdatas("CNAME")[0] == "api-v2.ecs.internal.", res


def test_srv_through_unbound(unbound):
    res = dig(unbound, "web.servicediscovery.internal", "SRV", "+rec")
    assert res.status == "NOERROR" and "ra" in res.flags, res
    srv = res.rdatas("SRV")
    assert len(srv) == 3, res
    assert sorted(int(s.split()[2]) for s in srv) == [32768, 32769, 32771], res
    # and each task's own name resolves through the resolver too
    target = srv[0].split()[3]
    res = dig(unbound, target, "A", "+rec")
    assert res.status == "NOERROR" and len(res.rdatas("A")) == 1, res


def test_nxdomain_through_unbound(unbound):
    res = dig(unbound, "no-such-service.ecs.internal", "A", "+rec")
    assert res.status == "NXDOMAIN", res
    assert [(r[0], r[2]) for r in res.authority] == [("ecs.internal.", "SOA")], res
    assert 0 < res.authority[0][1] <= 60, res


def test_nodata_and_mx_through_unbound(unbound):
    res = dig(unbound, "prometheus.ecs.internal", "TXT", "+rec")
    assert res.status == "NOERROR" and res.answer == [], res
    res = dig(unbound, "servicediscovery.internal", "MX", "+rec")
    assert len(res.rdatas("MX")) == 2, res


def test_mixed_case_query_through_unbound(unbound):
    res = dig(unbound, "ORDERS.ServiceDiscovery.Internal", "A", "+rec")
    assert res.status == "NOERROR" and len(res.rdatas("A")) == 4, res
