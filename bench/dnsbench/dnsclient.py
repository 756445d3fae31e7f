"""A tiny UDP DNS client: readiness polls and the answer probes, without dnspython."""

from __future__ import annotations

import random
import socket
import struct
import subprocess
import time

from .common import BenchError

QTYPE = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "AAAA": 28, "SRV": 33}
RCODE = {0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED"}


def encode_name(name: str) -> bytes:
    return b"".join(bytes([len(l)]) + l.encode() for l in name.rstrip(".").split(".") if l) + b"\0"


def make_query(name: str, qtype: str, qid: int) -> bytes:
    return struct.pack(">HHHHHH", qid, 0, 1, 0, 0, 0) + encode_name(name) + struct.pack(">HH", QTYPE[qtype], 1)


def parse_header(data: bytes) -> dict:
    qid, flags, qd, an, ns, ar = struct.unpack(">HHHHHH", data[:12])
    return {"id": qid, "qr": flags >> 15, "aa": (flags >> 10) & 1, "tc": (flags >> 9) & 1,
            "rcode": RCODE.get(flags & 15, str(flags & 15)), "an": an, "ns": ns, "ar": ar, "size": len(data)}


def dns_ask(port: int, name: str, qtype: str, timeout: float = 1.0) -> dict | None:
    qid = random.randrange(65536)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.sendto(make_query(name, qtype, qid), ("127.0.0.1", port))
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                data, _ = s.recvfrom(65535)
            except (socket.timeout, ConnectionRefusedError):
                return None
            if len(data) >= 12 and struct.unpack(">H", data[:2])[0] == qid:
                return parse_header(data)
    return None


def wait_answer(port: int, name: str, deadline: float, proc: subprocess.Popen | None = None,
                need_answer: bool = True) -> float | None:
    """Poll (every ~5 ms) until `name` A is answered NOERROR with an answer; the time it was, or None."""
    qid = 0
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(0.005)
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                return None
            qid = (qid + 1) & 0xFFFF
            try:
                s.sendto(make_query(name, "A", qid), ("127.0.0.1", port))
            except OSError:
                time.sleep(0.005)
                continue
            t_end = time.monotonic() + 0.005
            while time.monotonic() < t_end:
                try:
                    data, _ = s.recvfrom(65535)
                except (socket.timeout, ConnectionRefusedError, OSError):
                    break
                if len(data) >= 12:
                    h = parse_header(data)
                    if h["id"] == qid and (not need_answer or (h["rcode"] == "NOERROR" and h["an"] > 0)):
                        return time.monotonic()
    return None


def free_port() -> int:
    """A port free for both UDP and TCP on 127.0.0.1 (the server binds it right after)."""
    for _ in range(100):
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            t.bind(("127.0.0.1", 0))
            port = t.getsockname()[1]
            u.bind(("127.0.0.1", port))
            return port
        except OSError:
            continue
        finally:
            t.close()
            u.close()
    raise BenchError("no free port")
