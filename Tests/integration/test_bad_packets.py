"""Bad packets get FORMERR or no reply, and the server keeps answering.

Each case sends the packet over UDP (and the interesting ones over TCP), then
checks that a normal query is still answered by the same server.
"""

from __future__ import annotations

import random
import socket
import struct

import dns.message
import dns.rcode
import pytest

from helpers import NET_TIMEOUT, framed, query, tcp_connect, udp, udp_raw

HEADER = struct.Struct("!HHHHHH")


def header(qid=0x1234, flags=0x0000, qd=1, an=0, ns=0, ar=0) -> bytes:
    return HEADER.pack(qid, flags, qd, an, ns, ar)


def still_answering(addr):
    res = udp(query("www.test.internal", "A"), addr)
    assert [rd.address for rrset in res.answer for rd in rrset] == ["10.0.0.10"], res
    with tcp_connect(addr) as s:
        s.sendall(framed(query("www.test.internal", "A", want_id=77)))
        (n,) = struct.unpack("!H", s.recv(2))
        assert n > 12


def assert_formerr_or_silence(reply: bytes | None, qid: int, what: str):
    if reply is None:
        return
    assert len(reply) >= 12, f"{what}: reply shorter than a header: {reply!r}"
    rid, flags = struct.unpack("!HH", reply[:4])
    assert flags & 0x8000, f"{what}: reply without QR"
    assert rid == qid, f"{what}: reply id {rid:#x} != {qid:#x}"
    assert flags & 0xF == dns.rcode.FORMERR, f"{what}: rcode {flags & 0xF}, want FORMERR (1) or no reply"


QNAME_WWW = b"\x03www\x04test\x08internal\x00"
TAIL_A_IN = b"\x00\x01\x00\x01"

CASES = {
    "empty packet": b"",
    "truncated header (5 bytes)": header()[:5],
    "header only, QDCOUNT=1": header(),
    "question cut inside the name": header() + QNAME_WWW[:7],
    "question without type/class": header() + QNAME_WWW,
    "question with half a type": header() + QNAME_WWW + b"\x00",
    "pointer to itself": header() + b"\xc0\x0c" + TAIL_A_IN,
    "pointer loop between two pointers": header() + b"\x01a\xc0\x0e\xc0\x0c" + TAIL_A_IN,
    "forward pointer past the end": header() + b"\xc0\xff" + TAIL_A_IN,
    "label length 64 (0x40, reserved type)": header() + b"\x40" + b"a" * 64 + b"\x00" + TAIL_A_IN,
    "label length 0x80 (reserved type)": header() + b"\x80" + b"a" * 10 + b"\x00" + TAIL_A_IN,
    "name over 255 octets": header()
    + b"".join(b"\x3f" + b"a" * 63 for _ in range(5)) + b"\x00" + TAIL_A_IN,
    "name of 256 octets exactly": header()
    + b"".join(b"\x3f" + b"a" * 63 for _ in range(3)) + b"\x3e" + b"b" * 62 + b"\x00" + TAIL_A_IN,
    "answer count claims records that are not there": header(an=3) + QNAME_WWW + TAIL_A_IN,
    "additional count claims an OPT that is not there": header(ar=1) + QNAME_WWW + TAIL_A_IN,
    "OPT record cut short": header(ar=1) + QNAME_WWW + TAIL_A_IN + b"\x00\x00\x29\x04",
    "two OPT records": header(ar=2) + QNAME_WWW + TAIL_A_IN
    + (b"\x00\x00\x29\x04\xd0\x00\x00\x00\x00\x00\x00") * 2,
}


def test_name_of_255_octets_is_fine(v4):
    # the longest legal name: 3 x 63-octet labels + 61 octets + root = 255
    name = b"".join(b"\x3f" + b"a" * 63 for _ in range(3)) + b"\x3d" + b"b" * 61 + b"\x00"
    assert len(name) == 255
    reply = udp_raw(header(qid=5) + name + TAIL_A_IN, v4)
    assert reply is not None
    assert struct.unpack("!H", reply[2:4])[0] & 0xF == dns.rcode.REFUSED  # outside every zone


@pytest.mark.parametrize("what", list(CASES))
def test_malformed_udp(v4, v6, what):
    packet = CASES[what]
    reply = udp_raw(packet, v4, timeout=0.5)
    assert_formerr_or_silence(reply, 0x1234, what)
    assert_formerr_or_silence(udp_raw(packet, v6, timeout=0.5), 0x1234, what + " (v6)")
    still_answering(v4)


@pytest.mark.parametrize("what", [k for k in CASES if k != "empty packet"])
def test_malformed_tcp(v4, what):
    packet = CASES[what]
    with tcp_connect(v4) as s:
        s.sendall(struct.pack("!H", len(packet)) + packet)
        s.settimeout(0.5)
        try:
            head = s.recv(2)
        except (socket.timeout, ConnectionResetError):
            head = b""
        if len(head) == 2:
            (n,) = struct.unpack("!H", head)
            s.settimeout(NET_TIMEOUT)
            body = b""
            while len(body) < n:
                chunk = s.recv(n - len(body))
                if not chunk:
                    break
                body += chunk
            assert_formerr_or_silence(body, 0x1234, what + " (tcp)")
    still_answering(v4)


def test_random_bytes(v4):
    """Seeded random packets: any reply is a well-formed error for that id; the server survives."""
    rng = random.Random(20261121)
    packets = [bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 600))) for _ in range(300)]
    # random bodies behind a plausible query header (QR=0, QUERY, QDCOUNT=1)
    for i in range(300):
        body = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 300)))
        packets.append(header(qid=i, flags=rng.choice([0, 0x0100])) + body)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    s.settimeout(1.0)
    sent_ids = {}
    try:
        for p in packets:
            s.sendto(p, v4)
            if len(p) >= 2:
                sent_ids.setdefault(struct.unpack("!H", p[:2])[0], []).append(p)
        while True:
            try:
                reply = s.recv(65535)
            except socket.timeout:
                break
            assert len(reply) >= 12, f"reply shorter than a header: {reply!r}"
            rid, flags = struct.unpack("!HH", reply[:4])
            assert rid in sent_ids, f"reply with an id nobody sent: {rid:#x}"
            assert flags & 0x8000, "reply without QR"
            # some packet with this id must have had QR clear (QR set is dropped)
            assert any(len(p) >= 3 and not p[2] & 0x80 for p in sent_ids[rid]), \
                f"answered a packet with QR set (id {rid:#x})"
            # garbage never yields data: an error, or at most a refusal/negative answer
            assert flags & 0xF in (dns.rcode.FORMERR, dns.rcode.NOTIMP, dns.rcode.REFUSED,
                                   dns.rcode.NXDOMAIN, dns.rcode.NOERROR, dns.rcode.BADVERS & 0xF)
    finally:
        s.close()
    still_answering(v4)


def test_random_bytes_over_tcp(v4):
    rng = random.Random(7)
    for i in range(20):
        blob = bytes(rng.getrandbits(8) for _ in range(rng.randrange(1, 200)))
        try:
            with tcp_connect(v4) as s:
                s.sendall(blob)
        except OSError:
            pass
    still_answering(v4)


def test_truncated_header_then_valid_query_same_socket(v4):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(NET_TIMEOUT)
    try:
        s.sendto(b"\x12\x34\x01", v4)
        q = query("www.test.internal", "A", want_id=0x4242)
        s.sendto(q.to_wire(), v4)
        while True:
            msg = dns.message.from_wire(s.recv(65535))
            if msg.id == 0x4242:
                break
        assert msg.answer, msg
    finally:
        s.close()
