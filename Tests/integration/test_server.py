"""Behaviour 7: the server process. UDP and TCP on one port, IPv4 and IPv6,
TCP per RFC 7766 (pipelining, idle timeout, connection cap), workers, clean
shutdown, start-up logging, and clear errors for a busy port or a bad zone.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import time

import dns.message
import pytest

from helpers import (
    NET_TIMEOUT,
    TEST_ZONES,
    dig,
    framed,
    kdig,
    query,
    rcode_name,
    serve_args,
    tcp,
    tcp_connect,
    tcp_read_message,
    udp,
    zone_record_count,
)


def answer_a(msg):
    return [rd.address for rrset in msg.answer for rd in rrset if rrset.rdtype == 1]


# ----------------------------------------------------------------- transports


def test_udp_and_tcp_on_the_same_port_v4(v4):
    u = dig(v4, "www.test.internal", "A", "+notcp")
    t = dig(v4, "www.test.internal", "A", "+tcp")
    for res in (u, t):
        assert res.status == "NOERROR" and res.rdatas("A") == ["10.0.0.10"], res
    assert "(UDP)" in u.output and "(TCP)" in t.output


def test_ipv6_udp_and_tcp(v6):
    assert v6[0] == "::1"
    u = dig(v6, "www.test.internal", "A", "+notcp")
    t = dig(v6, "_sip._tcp.test.internal", "SRV", "+tcp")
    assert u.status == "NOERROR" and u.rdatas("A") == ["10.0.0.10"], u
    assert t.status == "NOERROR" and len(t.rdatas("SRV")) == 3, t
    assert answer_a(udp(query("www.test.internal"), v6)) == ["10.0.0.10"]
    assert answer_a(tcp(query("www.test.internal"), v6)) == ["10.0.0.10"]


def test_ipv6_truncation_and_tcp_fallback(v6):
    res = dig(v6, "big.test.internal", "TXT", "+bufsize=1232")
    assert res.truncated_retry and len(res.rdatas("TXT")) == 60, res


def test_kdig_over_tcp_v4_and_v6(v4, v6):
    for addr in (v4, v6):
        res = kdig(addr, "alias.test.internal", "A", "+tcp")
        assert res.status == "NOERROR" and "aa" in res.flags, res
        assert res.rdatas("A") == ["10.0.0.10"] and len(res.rdatas("CNAME")) == 2, res


def test_burst_of_udp_queries_all_answered(v4):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(NET_TIMEOUT)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    ids = set()
    try:
        for i in range(200):
            q = query(f"h{i}.wild.test.internal", "A", want_id=i)
            s.sendto(q.to_wire(), v4)
        while len(ids) < 200:
            msg = dns.message.from_wire(s.recvfrom(65535)[0])
            assert answer_a(msg) == ["10.0.0.99"]
            assert msg.question[0].name.to_text() == f"h{msg.id}.wild.test.internal."
            ids.add(msg.id)
    except socket.timeout:
        pass
    finally:
        s.close()
    assert len(ids) == 200, f"only {len(ids)} of 200 burst queries answered"


# ----------------------------------------------------------------- TCP (RFC 7766)


def test_tcp_pipelined_queries_all_answered(v4):
    names = ["www.test.internal", "alias.test.internal", "nope.test.internal"]
    qs = [query(n, "A", want_id=100 + i) for i, n in enumerate(names)]
    with tcp_connect(v4) as s:
        s.sendall(b"".join(framed(q) for q in qs))  # one write
        replies = [tcp_read_message(s) for _ in qs]
    by_id = {r.id: r for r in replies}
    assert set(by_id) == {100, 101, 102}, f"replies for ids {sorted(by_id)}"
    assert answer_a(by_id[100]) == ["10.0.0.10"]
    assert answer_a(by_id[101]) == ["10.0.0.10"]
    assert rcode_name(by_id[102]) == "NXDOMAIN"


def test_tcp_pipelined_v6(v6):
    qs = [query("rr.test.internal", "A", want_id=i) for i in range(3)]
    with tcp_connect(v6) as s:
        s.sendall(b"".join(framed(q) for q in qs))
        replies = [tcp_read_message(s) for _ in qs]
    assert sorted(r.id for r in replies) == [0, 1, 2]
    assert all(len(answer_a(r)) == 4 for r in replies)


def test_tcp_message_split_across_writes(v4):
    q = query("www.test.internal", "A", want_id=7)
    data = framed(q)
    with tcp_connect(v4) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for i in range(len(data)):
            s.sendall(data[i:i + 1])
            time.sleep(0.005)
        reply = tcp_read_message(s)
    assert reply.id == 7 and answer_a(reply) == ["10.0.0.10"]


def test_tcp_connection_is_reused(v4):
    with tcp_connect(v4) as s:
        for i in range(5):
            s.sendall(framed(query("www.test.internal", "A", want_id=i)))
            reply = tcp_read_message(s)
            assert reply.id == i and answer_a(reply) == ["10.0.0.10"]
            time.sleep(0.2)


def test_default_idle_timeout_keeps_connection_open(v4):
    # default --tcp-idle-timeout is 10 s: an idle connection lives well past 2 s
    with tcp_connect(v4, timeout=2.5) as s:
        with pytest.raises(socket.timeout):
            s.recv(1)
        s.sendall(framed(query("www.test.internal", "A", want_id=9)))
        assert tcp_read_message(s).id == 9


def wait_closed(s: socket.socket, limit: float) -> float:
    """Seconds until the peer closes s (EOF or reset); fails after limit."""
    start = time.monotonic()
    s.settimeout(limit)
    try:
        data = s.recv(1)
        assert data == b"", f"unexpected data {data!r} on an idle connection"
    except ConnectionResetError:
        pass
    except socket.timeout:
        raise AssertionError(f"connection still open after {limit} s")
    return time.monotonic() - start


def test_idle_timeout_closes_connection(shoal_factory):
    server = shoal_factory(extra=["--tcp-idle-timeout", "1"], dns=["127.0.0.1:0"])
    with tcp_connect(server.v4) as s:
        waited = wait_closed(s, 5.0)
    assert 0.5 <= waited <= 3.5, f"idle connection closed after {waited:.2f} s, want ~1 s"
    # the timer counts from the last query, not from the connect
    with tcp_connect(server.v4) as s:
        time.sleep(0.6)
        s.sendall(framed(query("www.test.internal", "A", want_id=3)))
        assert tcp_read_message(s).id == 3
        waited = wait_closed(s, 5.0)
    assert 0.5 <= waited <= 3.5, f"closed {waited:.2f} s after the answer, want ~1 s"
    # and the server is still fine
    assert answer_a(tcp(query("www.test.internal"), server.v4)) == ["10.0.0.10"]


def test_connection_cap(shoal_factory):
    server = shoal_factory(extra=["--max-tcp-connections", "2", "--workers", "1"],
                           dns=["127.0.0.1:0"])
    addr = server.v4

    def ask(s, qid):
        s.sendall(framed(query("www.test.internal", "A", want_id=qid)))
        return tcp_read_message(s)

    c1, c2 = tcp_connect(addr), tcp_connect(addr)
    try:
        assert ask(c1, 1).id == 1 and ask(c2, 2).id == 2
        # a third connection is over the cap: not served (closed, reset or ignored)
        served = False
        try:
            c3 = tcp_connect(addr, timeout=1.5)
            try:
                served = ask(c3, 3).id == 3
            except (socket.timeout, ConnectionError, OSError):
                pass
            finally:
                c3.close()
        except (socket.timeout, ConnectionError, OSError):
            pass
        assert not served, "a third TCP connection was served despite --max-tcp-connections 2"
        # the two within the cap still work
        assert ask(c1, 4).id == 4 and ask(c2, 5).id == 5
    finally:
        c1.close()
    try:
        # after one closes, a new connection is served again (allow the server a moment)
        deadline = time.monotonic() + 5
        while True:
            try:
                with tcp_connect(addr) as c4:
                    assert ask(c4, 6).id == 6
                break
            except (socket.timeout, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise AssertionError("no TCP service after a capped connection closed")
                time.sleep(0.2)
    finally:
        c2.close()
    # UDP is not affected by the TCP cap
    assert answer_a(udp(query("www.test.internal"), addr)) == ["10.0.0.10"]


def test_tcp_garbage_does_not_hurt_others(v4):
    with tcp_connect(v4) as bad:
        bad.sendall(struct.pack("!H", 40) + os.urandom(40))
        with tcp_connect(v4) as good:
            good.sendall(framed(query("www.test.internal", "A", want_id=11)))
            assert tcp_read_message(good).id == 11
    with tcp_connect(v4) as half:
        half.sendall(struct.pack("!H", 300) + b"\x00" * 10)  # then hang up mid-message
    with tcp_connect(v4) as zero:
        zero.sendall(struct.pack("!H", 0))
    assert answer_a(tcp(query("www.test.internal"), v4)) == ["10.0.0.10"]


# ----------------------------------------------------------------- process


def test_startup_log_names_zones_counts_and_addresses(shoal):
    log = shoal.log()
    if not log:
        pytest.skip("external server: no log to read")
    for name in ("test.internal", "kid.test.internal", "neg.internal"):
        count = zone_record_count(TEST_ZONES / f"{name}.zone")
        pat = re.compile(r"zone " + re.escape(name) + r"\b\.?(?!\w)[^\n]*?\b" + str(count) + r"\b")
        assert pat.search(log), f"no log line for zone {name} with {count} records:\n{log}"
    hosts = {h for h, _ in shoal.addresses}
    assert hosts == {"127.0.0.1", "::1"}, shoal.addresses
    port4, port6 = shoal.v4[1], shoal.v6[1]
    assert f"listening on 127.0.0.1:{port4} (udp, tcp)" in log
    assert f"listening on [::1]:{port6} (udp, tcp)" in log


def test_workers_flag(shoal_factory):
    server = shoal_factory(extra=["--workers", "3"], dns=["127.0.0.1:0"])
    for i in range(30):  # fresh sockets spread over the workers
        assert answer_a(udp(query("www.test.internal"), server.v4)) == ["10.0.0.10"]
    for i in range(6):
        assert answer_a(tcp(query("www.test.internal"), server.v4)) == ["10.0.0.10"]


def test_sigint_exits_zero(shoal_factory):
    server = shoal_factory(dns=["127.0.0.1:0"])
    assert answer_a(udp(query("www.test.internal"), server.v4)) == ["10.0.0.10"]
    rc = server.stop(signal.SIGINT)
    assert rc == 0, f"exit code {rc} after SIGINT:\n{server.log_tail()}"


def test_sigterm_with_open_tcp_connection_exits_zero(shoal_factory):
    server = shoal_factory(dns=["127.0.0.1:0", "[::1]:0"])
    with tcp_connect(server.v4) as s:
        s.sendall(framed(query("www.test.internal", "A", want_id=1)))
        assert tcp_read_message(s).id == 1
        t0 = time.monotonic()
        rc = server.stop(signal.SIGTERM)
    assert rc == 0, f"exit code {rc}:\n{server.log_tail()}"
    assert time.monotonic() - t0 < 5, "shutdown waited for the idle client"


def run_serve_expect_failure(args, cwd, timeout=10):
    try:
        p = subprocess.run(args, capture_output=True, text=True, timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired as e:
        raise AssertionError(f"shoal kept running instead of failing: {' '.join(args)}") from e
    return p


def hold_udp_and_tcp_port():
    """Bind UDP and TCP on one loopback port, as another DNS server would."""
    for _ in range(50):
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            u.bind(("127.0.0.1", 0))
            t.bind(("127.0.0.1", u.getsockname()[1]))
            t.listen(1)
            return u, t
        except OSError:  # that TCP port is busy (e.g. TIME_WAIT): try another
            u.close()
            t.close()
    raise RuntimeError("could not hold a UDP+TCP port")


def test_port_in_use_is_a_clear_error(tmp_path):
    u, t = hold_udp_and_tcp_port()
    port = u.getsockname()[1]
    try:
        p = run_serve_expect_failure(serve_args(TEST_ZONES, tmp_path, [f"127.0.0.1:{port}"]),
                                     tmp_path)
    finally:
        u.close()
        t.close()
    out = p.stderr + p.stdout
    assert p.returncode == 1, f"exit {p.returncode}, want 1:\n{out}"
    assert str(port) in out and re.search(r"in use", out, re.I), f"unclear message:\n{out}"


def test_second_address_in_use_fails_the_whole_start(tmp_path):
    u, t = hold_udp_and_tcp_port()
    port = u.getsockname()[1]
    try:
        p = run_serve_expect_failure(
            serve_args(TEST_ZONES, tmp_path, ["[::1]:0", f"127.0.0.1:{port}"]), tmp_path)
    finally:
        u.close()
        t.close()
    out = p.stderr + p.stdout
    assert p.returncode == 1, f"exit {p.returncode}, want 1:\n{out}"
    assert str(port) in out, out


def test_port_in_use_by_another_shoal(shoal, tmp_path):
    if not shoal.log():
        pytest.skip("external server")
    port = shoal.v4[1]
    p = run_serve_expect_failure(serve_args(TEST_ZONES, tmp_path, [f"127.0.0.1:{port}"]), tmp_path)
    out = p.stderr + p.stdout
    assert p.returncode == 1, f"a second shoal bound the port of a running one (exit {p.returncode}):\n{out}"
    assert re.search(r"in use", out, re.I), out


def zone_dir_with(tmp_path, name, text=None):
    """A zones dir holding a good copy of neg.internal plus one extra file `name`."""
    zones = tmp_path / "zones"
    zones.mkdir()
    shutil.copy(TEST_ZONES / "neg.internal.zone", zones)
    if text is not None:
        (zones / name).write_text(text)
    return zones


def test_zone_with_syntax_error_fails_naming_file_and_line(tmp_path):
    zones = zone_dir_with(tmp_path, "bad.internal.zone",
                          "$ORIGIN bad.internal.\n$TTL 60\n"
                          "@ SOA ns1 hostmaster 1 3600 600 86400 60\n"
                          "@ NS ns1\nns1 A 10.0.0.1\n"
                          "www A 10.0.0.999\n")
    data = tmp_path / "data"
    p = run_serve_expect_failure(serve_args(zones, data, ["127.0.0.1:0"]), tmp_path)
    out = p.stderr + p.stdout
    assert p.returncode == 1, f"exit {p.returncode}, want 1:\n{out}"
    assert re.search(r"bad\.internal\.zone:6\b", out), f"error should name bad.internal.zone:6:\n{out}"


def test_zone_file_that_is_a_directory_fails(tmp_path):
    zones = zone_dir_with(tmp_path, "dir.internal.zone")
    (zones / "dir.internal.zone").mkdir()
    p = run_serve_expect_failure(serve_args(zones, tmp_path / "data", ["127.0.0.1:0"]), tmp_path)
    out = p.stderr + p.stdout
    assert p.returncode == 1, f"exit {p.returncode}, want 1:\n{out}"
    assert "dir.internal.zone" in out, out


def test_zone_file_that_is_a_broken_symlink_fails(tmp_path):
    zones = zone_dir_with(tmp_path, "gone.internal.zone")
    os.symlink(tmp_path / "does-not-exist.zone", zones / "gone.internal.zone")
    p = run_serve_expect_failure(serve_args(zones, tmp_path / "data", ["127.0.0.1:0"]), tmp_path)
    out = p.stderr + p.stdout
    assert p.returncode == 1, f"exit {p.returncode}, want 1:\n{out}"
    assert "gone.internal.zone" in out, out


def test_zone_owner_must_match_file_name(tmp_path):
    # wrong.internal.zone holds the SOA of neg.internal: the file name says which zone it is
    text = (TEST_ZONES / "neg.internal.zone").read_text()
    zones = zone_dir_with(tmp_path, "wrong.internal.zone", text)
    p = run_serve_expect_failure(serve_args(zones, tmp_path / "data", ["127.0.0.1:0"]), tmp_path)
    out = p.stderr + p.stdout
    assert p.returncode == 1 and "wrong.internal.zone" in out, f"exit {p.returncode}:\n{out}"


def test_missing_zones_directory_fails(tmp_path):
    p = run_serve_expect_failure(
        serve_args(tmp_path / "no-such-dir", tmp_path / "data", ["127.0.0.1:0"]), tmp_path)
    out = p.stderr + p.stdout
    assert p.returncode == 1 and "no-such-dir" in out, f"exit {p.returncode}:\n{out}"


# ----------------------------------------------------------------- more TCP and process cases


def test_many_pipelined_queries_in_one_write(v4):
    n = 200
    qs = [query(f"p{i}.wild.test.internal", "A", want_id=i) for i in range(n)]
    with tcp_connect(v4, timeout=5) as s:
        s.sendall(b"".join(framed(q) for q in qs))
        replies = [tcp_read_message(s) for _ in range(n)]
    assert sorted(r.id for r in replies) == list(range(n))
    for r in replies:
        assert r.question[0].name.to_text() == f"p{r.id}.wild.test.internal."
        assert answer_a(r) == ["10.0.0.99"]


def test_pipelined_large_answers(v4):
    # three ~3200-byte answers queued on one connection
    qs = [query("big.test.internal", "TXT", want_id=i) for i in range(3)]
    with tcp_connect(v4, timeout=5) as s:
        s.sendall(b"".join(framed(q) for q in qs))
        replies = [tcp_read_message(s) for _ in qs]
    assert sorted(r.id for r in replies) == [0, 1, 2]
    assert all(sum(len(rr) for rr in r.answer) == 60 for r in replies)


def test_queries_then_half_close_are_answered(v4):
    # a client may send its queries and shut down its sending side (RFC 7766 6.2.4)
    qs = [query("www.test.internal", "A", want_id=i) for i in range(3)]
    with tcp_connect(v4) as s:
        s.sendall(b"".join(framed(q) for q in qs))
        s.shutdown(socket.SHUT_WR)
        replies = [tcp_read_message(s) for _ in qs]
    assert sorted(r.id for r in replies) == [0, 1, 2]


def test_many_concurrent_tcp_connections(v4):
    conns = [tcp_connect(v4) for _ in range(50)]
    try:
        for i, c in enumerate(conns):
            c.sendall(framed(query("www.test.internal", "A", want_id=i)))
        for i, c in enumerate(conns):
            assert tcp_read_message(c).id == i
    finally:
        for c in conns:
            c.close()


def test_idle_timeout_also_closes_a_half_sent_message(shoal_factory):
    server = shoal_factory(extra=["--tcp-idle-timeout", "1"], dns=["127.0.0.1:0"])
    with tcp_connect(server.v4) as s:
        s.sendall(b"\x00\x30\x12")  # 48-byte message announced, 1 byte sent
        waited = wait_closed(s, 5.0)
    assert waited <= 3.5, f"a stalled half-message kept the connection {waited:.2f} s"


def test_connection_cap_counts_over_all_workers(shoal_factory):
    server = shoal_factory(extra=["--max-tcp-connections", "3", "--workers", "2"],
                           dns=["127.0.0.1:0"])
    held = []
    try:
        for i in range(3):
            c = tcp_connect(server.v4)
            held.append(c)
            c.sendall(framed(query("www.test.internal", "A", want_id=i)))
            assert tcp_read_message(c).id == i
        served = 0
        for i in range(4):  # more attempts, spread over both workers
            try:
                with tcp_connect(server.v4, timeout=1.0) as c:
                    c.sendall(framed(query("www.test.internal", "A", want_id=50 + i)))
                    if tcp_read_message(c).id == 50 + i:
                        served += 1
            except (socket.timeout, ConnectionError, OSError):
                pass
        assert served == 0, f"{served} connections over --max-tcp-connections 3 were served"
    finally:
        for c in held:
            c.close()


def test_empty_zones_directory_refuses_everything(shoal_factory, tmp_path):
    zones = tmp_path / "empty-zones"
    zones.mkdir()
    server = shoal_factory(zones=zones, dns=["127.0.0.1:0"])
    res = udp(query("www.test.internal", "A"), server.v4)
    assert rcode_name(res) == "REFUSED", res


def test_served_zone_with_include_and_other_files_ignored(shoal_factory, tmp_path):
    zones = tmp_path / "zones"
    zones.mkdir()
    (zones / "README.txt").write_text("not a zone file\n")
    (zones / "hosts.inc").write_text("app A 10.9.0.1\napp A 10.9.0.2\n")
    (zones / "inc.internal.zone").write_text(
        "$ORIGIN inc.internal.\n$TTL 120\n"
        "@ SOA ns1 hostmaster 5 3600 600 86400 60\n@ NS ns1\nns1 A 10.9.0.53\n"
        "$INCLUDE hosts.inc\n")
    server = shoal_factory(zones=zones, dns=["127.0.0.1:0"])
    res = dig(server.v4, "app.inc.internal", "A")
    assert sorted(res.rdatas("A")) == ["10.9.0.1", "10.9.0.2"], res
    assert "zone inc.internal" in server.log()
    assert "README" not in " ".join(l for l in server.log().splitlines() if "zone " in l)


@pytest.mark.parametrize("flag,value", [("--max-udp-payload", "100"), ("--workers", "0"),
                                        ("--tcp-idle-timeout", "-1"),
                                        ("--max-tcp-connections", "0"),
                                        ("--rrset-order", "sideways"), ("--dns", "not-an-address"),
                                        ("--api-nice", "20"), ("--api-nice", "-1")])
def test_bad_flag_values_are_rejected(tmp_path, flag, value):
    args = serve_args(TEST_ZONES, tmp_path, ["127.0.0.1:0"], [flag, value])
    p = run_serve_expect_failure(args, tmp_path)
    out = p.stderr + p.stdout
    assert p.returncode != 0, f"{flag} {value} was accepted"
    assert flag.lstrip("-") in out or value in out, f"the error should name {flag}:\n{out}"


def test_sigterm_under_load_exits_zero(shoal_factory):
    import threading

    server = shoal_factory(dns=["127.0.0.1:0"], extra=["--workers", "2"])
    stop = threading.Event()

    def blast():
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            wire = query("rr.test.internal", "A").to_wire()
            deadline = time.monotonic() + 10
            while not stop.is_set() and time.monotonic() < deadline:
                try:
                    s.sendto(wire, server.v4)
                except OSError:
                    pass

    t = threading.Thread(target=blast, daemon=True)
    t.start()
    time.sleep(0.5)
    try:
        rc = server.stop(signal.SIGTERM)
    finally:
        stop.set()
        t.join(timeout=5)
    assert rc == 0, f"exit code {rc} when stopped under load:\n{server.log_tail()}"


def test_log_level_flag(tmp_path):
    from helpers import free_port

    port = free_port()
    err = open(tmp_path / "stderr", "wb")
    proc = subprocess.Popen(
        serve_args(TEST_ZONES, tmp_path / "data", [f"127.0.0.1:{port}"], ["--log-level", "warning"]),
        stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                res = udp(query("www.test.internal"), ("127.0.0.1", port), timeout=0.5)
                break
            except AssertionError:
                assert proc.poll() is None, (tmp_path / "stderr").read_text()
                assert time.monotonic() < deadline, "no answer within 20 s"
        assert answer_a(res) == ["10.0.0.10"]
    finally:
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=10)
        err.close()
    log = (tmp_path / "stderr").read_text()
    assert rc == 0, log
    assert "listening on" not in log, f"--log-level warning still logs info lines:\n{log}"
