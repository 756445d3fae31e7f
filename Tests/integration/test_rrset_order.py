"""Behaviour 6: round robin of multi-record RRsets (--rrset-order rotate|random|fixed).

rr.test.internal has four A records in zone-file order 10.0.6.3, .1, .4, .2.
"""

from __future__ import annotations

import socket

import dns.message

from helpers import NET_TIMEOUT, dig, query

ZONE_ORDER = ["10.0.6.3", "10.0.6.1", "10.0.6.4", "10.0.6.2"]


def orders(addr, n, over_one_socket=True):
    """The A records of rr.test.internal, in answer order, for n successive queries."""
    family = socket.AF_INET6 if ":" in addr[0] else socket.AF_INET
    out = []
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.settimeout(NET_TIMEOUT)
    try:
        for _ in range(n):
            if not over_one_socket:
                s.close()
                s = socket.socket(family, socket.SOCK_DGRAM)
                s.settimeout(NET_TIMEOUT)
            q = query("rr.test.internal", "A")
            s.sendto(q.to_wire(), addr)
            reply = dns.message.from_wire(s.recvfrom(65535)[0])
            assert reply.id == q.id
            out.append([rd.address for rrset in reply.answer for rd in rrset])
    finally:
        s.close()
    for o in out:
        assert sorted(o) == sorted(ZONE_ORDER), f"answer is not the whole RRset: {o}"
    return out


def is_rotation(order):
    i = ZONE_ORDER.index(order[0])
    return order == ZONE_ORDER[i:] + ZONE_ORDER[:i]


def test_default_rotate_successive_queries_start_differently(v4):
    seen = orders(v4, 12)
    firsts = [o[0] for o in seen]
    assert all(is_rotation(o) for o in seen), f"rotate should keep the cyclic order: {seen}"
    assert set(firsts) == set(ZONE_ORDER), f"every record should lead in turn: {firsts}"
    repeats = sum(1 for a, b in zip(firsts, firsts[1:]) if a == b)
    assert repeats <= len(firsts) // 3, f"successive answers mostly start alike: {firsts}"


def test_rotate_across_clients_and_tcp(v4):
    # fresh sockets (possibly other workers) and dig over TCP still rotate
    seen = orders(v4, 12, over_one_socket=False)
    assert len({o[0] for o in seen}) >= 2, seen
    firsts = {tuple(dig(v4, "rr.test.internal", "A", "+tcp").rdatas("A"))[0] for _ in range(8)}
    assert len(firsts) >= 2, f"TCP answers always start with the same record: {firsts}"


def test_rotate_explicit_flag(shoal_factory):
    server = shoal_factory(extra=["--rrset-order", "rotate", "--workers", "1"],
                           dns=["127.0.0.1:0"])
    seen = orders(server.v4, 8)
    firsts = [o[0] for o in seen]
    assert all(is_rotation(o) for o in seen), seen
    assert all(a != b for a, b in zip(firsts, firsts[1:])), f"rotate must move every time: {firsts}"


def test_fixed_keeps_zone_file_order(shoal_factory):
    server = shoal_factory(extra=["--rrset-order", "fixed"], dns=["127.0.0.1:0"])
    for o in orders(server.v4, 6) + orders(server.v4, 4, over_one_socket=False):
        assert o == ZONE_ORDER, f"fixed must keep zone-file order {ZONE_ORDER}, got {o}"
    assert dig(server.v4, "rr.test.internal", "A", "+tcp").rdatas("A") == ZONE_ORDER


def test_random_permutes(shoal_factory):
    server = shoal_factory(extra=["--rrset-order", "random"], dns=["127.0.0.1:0"])
    seen = orders(server.v4, 30)
    # 30 draws all starting alike has probability 4 * (1/4)^30
    assert len({o[0] for o in seen}) >= 2, seen
    assert len({tuple(o) for o in seen}) >= 3, seen


def test_bad_rrset_order_is_rejected(tmp_path):
    import subprocess

    from helpers import TEST_ZONES, serve_args

    args = serve_args(TEST_ZONES, tmp_path, ["127.0.0.1:0"], ["--rrset-order", "sideways"])
    p = subprocess.run(args, capture_output=True, text=True, timeout=20, cwd=tmp_path)
    assert p.returncode != 0, f"--rrset-order sideways was accepted:\n{p.stderr}"
    assert "rrset-order" in (p.stderr + p.stdout).lower(), p.stderr
