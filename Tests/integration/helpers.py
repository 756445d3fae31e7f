"""Helpers for Shoal's integration tests: starting the real `shoal` binary,
talking to it with dnspython (raw packets) and with the real clients `dig` and
`kdig`, and parsing what those clients print.

Every network call here has a timeout; nothing waits unbounded.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import dns.edns
import dns.flags
import dns.message
import dns.name
import dns.opcode
import dns.query
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
TEST_ZONES = HERE / "zones"
REPO_ZONES = REPO / "zones"

START_TIMEOUT = 20.0  # seconds for shoal to log its listening lines
STOP_TIMEOUT = 10.0  # seconds for shoal to exit after SIGTERM/SIGINT
NET_TIMEOUT = 2.0  # seconds for any single DNS exchange

INSTALL_HINT = "run `bash scripts/install-deps.sh` (as root) to install it"

# `listening on 127.0.0.1:54321 (udp, tcp)` / `listening on [::1]:54321 (udp, tcp)`,
# possibly behind a timestamp/level prefix.
LISTEN_RE = re.compile(r"listening on (\[[0-9a-fA-F:.%a-z]+\]|[0-9.]+):(\d+) \(udp, tcp\)")


def require_tool(name: str) -> str:
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin:/usr/bin")
    if not path:
        pytest.fail(f"`{name}` is not installed; {INSTALL_HINT}", pytrace=False)
    return path


def shoal_bin() -> Path:
    env = os.environ.get("SHOAL_BIN")
    path = Path(env) if env else REPO / ".build" / "debug" / "shoal"
    if not path.is_absolute():
        path = (REPO / path).resolve()
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(
            f"shoal binary not found at {path}: build it with `swift build` "
            "(or set SHOAL_BIN); scripts/test.sh does both",
            pytrace=False,
        )
    return path


def free_port(kind: int = socket.SOCK_DGRAM, host: str = "127.0.0.1") -> int:
    """A port that is free for both UDP and TCP on host right now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for _ in range(50):
        with socket.socket(family, socket.SOCK_DGRAM) as u:
            u.bind((host, 0))
            port = u.getsockname()[1]
            with socket.socket(family, socket.SOCK_STREAM) as t:
                try:
                    t.bind((host, port))
                except OSError:
                    continue
                return port
    raise RuntimeError("no free port found")


def zone_record_count(path: Path) -> int:
    """Records in a zone file as dnspython counts them (what shoal should report)."""
    import dns.zone

    origin = path.name[: -len(".zone")]
    z = dns.zone.from_file(str(path), origin, relativize=False)
    return sum(len(rds) for node in z.nodes.values() for rds in node.rdatasets)


def run(cmd: list[str], timeout: float = 20.0, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)


# --------------------------------------------------------------------------- server


class ShoalProcess:
    """A running `shoal serve`, started with port 0 and found via its log."""

    def __init__(self, args: list[str], workdir: Path, expect_listen: int):
        self.args = args
        self.workdir = workdir
        self.stderr_path = workdir / "shoal.stderr"
        self.stdout_path = workdir / "shoal.stdout"
        self._err = open(self.stderr_path, "wb")
        self._out = open(self.stdout_path, "wb")
        self.proc = subprocess.Popen(
            args, stdout=self._out, stderr=self._err, stdin=subprocess.DEVNULL, cwd=workdir
        )
        self.addresses: list[tuple[str, int]] = []
        self.returncode: int | None = None
        self._wait_listening(expect_listen)

    # -- log
    def log(self) -> str:
        try:
            return self.stderr_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, n: int = 40) -> str:
        return "\n".join(self.log().splitlines()[-n:])

    # What _wait_listening waits for, in its failure message.
    awaited = "`listening on ... (udp, tcp)` line(s)"

    def _listening(self, log: str, expect: int) -> bool:
        """True once `log` shows all this process must listen on; records the addresses then."""
        found = LISTEN_RE.findall(log)
        if len(found) < expect:
            return False
        for host, port in found:
            self.addresses.append((host.strip("[]"), int(port)))
        return True

    def _wait_listening(self, expect: int) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._listening(self.log(), expect):
                return
            if self.proc.poll() is not None:
                self._close_files()
                pytest.fail(
                    f"shoal exited with {self.proc.returncode} before listening\n"
                    f"command: {' '.join(self.args)}\nstderr:\n{self.log_tail()}",
                    pytrace=False,
                )
            time.sleep(0.02)
        self.kill()
        pytest.fail(
            f"shoal did not log {expect} {self.awaited} within "
            f"{START_TIMEOUT:.0f} s\ncommand: {' '.join(self.args)}\nstderr:\n{self.log_tail()}",
            pytrace=False,
        )

    # -- addresses
    def addr(self, family: str = "4") -> tuple[str, int]:
        for host, port in self.addresses:
            if (family == "6") == (":" in host):
                return host, port
        raise AssertionError(f"shoal has no IPv{family} listener: {self.addresses}")

    @property
    def v4(self) -> tuple[str, int]:
        return self.addr("4")

    @property
    def v6(self) -> tuple[str, int]:
        return self.addr("6")

    # -- lifecycle
    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = STOP_TIMEOUT) -> int:
        """Send sig (to our own child, by PID) and wait; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                raise AssertionError(
                    f"shoal did not exit within {timeout:.0f} s of signal {sig}\n{self.log_tail()}"
                )
        self._close_files()
        self.returncode = self.proc.returncode
        return self.returncode

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        self._close_files()

    def _close_files(self) -> None:
        for f in (self._err, self._out):
            if not f.closed:
                f.close()


def serve_args(
    zones: Path,
    data: Path,
    dns: list[str] | None = None,
    extra: list[str] | None = None,
) -> list[str]:
    args = [str(shoal_bin()), "serve"]
    for d in dns or ["127.0.0.1:0", "[::1]:0"]:
        args += ["--dns", d]
    args += ["--http", "127.0.0.1:0", "--data", str(data), "--zones", str(zones)]
    args += extra or []
    return args


def start_shoal(
    zones: Path = TEST_ZONES,
    extra: list[str] | None = None,
    dns: list[str] | None = None,
    workdir: Path | None = None,
) -> ShoalProcess:
    workdir = Path(workdir or tempfile.mkdtemp(prefix="shoal-it-"))
    data = workdir / "data"
    data.mkdir(exist_ok=True)
    dns = dns or ["127.0.0.1:0", "[::1]:0"]
    args = serve_args(zones, data, dns, extra)
    return ShoalProcess(args, workdir, expect_listen=len(dns))


# --------------------------------------------------------------------------- packets


def query(
    name: str,
    rdtype: str | int = "A",
    rdclass: str | int = "IN",
    edns: int | None = None,
    payload: int = 1232,
    rd: bool = False,
    want_id: int | None = None,
) -> dns.message.QueryMessage:
    """A query; edns=None sends no OPT record, edns=0 sends EDNS version 0."""
    if edns is None:
        q = dns.message.make_query(name, rdtype, rdclass, use_edns=False)
    else:
        q = dns.message.make_query(name, rdtype, rdclass, use_edns=edns, payload=payload)
    if not rd:
        q.flags &= ~dns.flags.RD
    if want_id is not None:
        q.id = want_id
    return q


def udp(q: dns.message.Message | bytes, addr: tuple[str, int], timeout: float = NET_TIMEOUT):
    """Send over UDP; return the parsed reply (TC replies are parsed, not raised)."""
    wire = q if isinstance(q, bytes) else q.to_wire()
    reply = udp_raw(wire, addr, timeout)
    if reply is None:
        raise AssertionError(f"no UDP reply from {addr} within {timeout} s")
    msg = dns.message.from_wire(reply, raise_on_truncation=False)
    if not isinstance(q, bytes):
        assert msg.id == q.id, f"reply id {msg.id} does not match query id {q.id}"
    return msg


def udp_raw(wire: bytes, addr: tuple[str, int], timeout: float = NET_TIMEOUT) -> bytes | None:
    """Send raw bytes over UDP; return the raw reply or None on timeout."""
    family = socket.AF_INET6 if ":" in addr[0] else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.sendto(wire, addr)
        try:
            data, _ = s.recvfrom(65535)
            return data
        except socket.timeout:
            return None


def tcp(q: dns.message.Message, addr: tuple[str, int], timeout: float = NET_TIMEOUT):
    return dns.query.tcp(q, addr[0], port=addr[1], timeout=timeout)


def tcp_connect(addr: tuple[str, int], timeout: float = NET_TIMEOUT) -> socket.socket:
    family = socket.AF_INET6 if ":" in addr[0] else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(addr)
    return s


def recv_exact(s: socket.socket, n: int) -> bytes:
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise ConnectionError(f"connection closed after {len(buf)} of {n} bytes")
        buf += chunk
    return buf


def tcp_read_message(s: socket.socket) -> dns.message.Message:
    (length,) = struct.unpack("!H", recv_exact(s, 2))
    return dns.message.from_wire(recv_exact(s, length))


def framed(q: dns.message.Message | bytes) -> bytes:
    wire = q if isinstance(q, bytes) else q.to_wire()
    return struct.pack("!H", len(wire)) + wire


def rrset_texts(section, rdtype: str | None = None) -> list[tuple[str, int, str, str]]:
    """(owner, ttl, type, rdata) for every record in a message section."""
    out = []
    for rrset in section:
        t = dns.rdatatype.to_text(rrset.rdtype)
        if rdtype and t != rdtype:
            continue
        for rd in rrset:
            out.append((rrset.name.to_text().lower(), rrset.ttl, t, rd.to_text()))
    return out


def rcode_name(msg: dns.message.Message) -> str:
    return dns.rcode.to_text(msg.rcode())


def flag_names(msg: dns.message.Message) -> set[str]:
    return set(dns.flags.to_text(msg.flags).lower().split())


# --------------------------------------------------------------------------- dig / kdig


@dataclass
class ClientResult:
    """What dig or kdig printed, parsed."""

    tool: str
    argv: list[str]
    returncode: int
    output: str
    status: str | None = None
    opcode: str | None = None
    flags: set[str] = field(default_factory=set)
    answer: list[tuple[str, int, str, str]] = field(default_factory=list)
    authority: list[tuple[str, int, str, str]] = field(default_factory=list)
    additional: list[tuple[str, int, str, str]] = field(default_factory=list)
    edns_version: int | None = None
    edns_udp: int | None = None
    truncated_retry: bool = False

    def rdatas(self, rdtype: str, section: str = "answer") -> list[str]:
        return [r[3] for r in getattr(self, section) if r[2] == rdtype]

    def types(self, section: str = "answer") -> set[str]:
        return {r[2] for r in getattr(self, section)}

    def __str__(self) -> str:  # shown in assertion messages
        return f"$ {' '.join(self.argv)}\n{self.output}"


_HEADER_RE = re.compile(r"opcode: (\w+)[,;] status: (\w+)[,;] id: (\d+)")
_FLAGS_RE = re.compile(r";; [Ff]lags: ([a-z ]*);")
_DIG_EDNS_RE = re.compile(r"; EDNS: version: (\d+), flags:[^;]*; udp: (\d+)")
_KDIG_EDNS_RE = re.compile(r";; Version: (\d+); flags:[^;]*; UDP size: (\d+) B")
_SECTIONS = {"ANSWER": "answer", "AUTHORITY": "authority", "ADDITIONAL": "additional"}


def parse_client_output(tool: str, argv: list[str], rc: int, out: str) -> ClientResult:
    res = ClientResult(tool=tool, argv=argv, returncode=rc, output=out)
    # When dig retries over TCP after TC, the last answer printed is the one that counts.
    if "Truncated, retrying in TCP mode" in out:
        res.truncated_retry = True
    headers = list(_HEADER_RE.finditer(out))
    if headers:
        last = headers[-1]
        res.opcode, res.status = last.group(1), last.group(2)
        out_tail = out[last.start():]
    else:
        out_tail = out
    m = _FLAGS_RE.search(out_tail)
    if m:
        res.flags = set(m.group(1).split())
    m = _DIG_EDNS_RE.search(out_tail) or _KDIG_EDNS_RE.search(out_tail)
    if m:
        res.edns_version, res.edns_udp = int(m.group(1)), int(m.group(2))
    section = None
    for line in out_tail.splitlines():
        s = line.strip()
        hm = re.match(r";; (ANSWER|AUTHORITY|ADDITIONAL) SECTION:", s)
        if hm:
            section = _SECTIONS[hm.group(1)]
            continue
        if not s or s.startswith(";"):
            if not s:
                section = None
            continue
        if section:
            parts = s.split(None, 4)
            if len(parts) == 5 and parts[1].isdigit():
                owner, ttl, _cls, rtype, rdata = parts
                getattr(res, section).append((owner.lower(), int(ttl), rtype, rdata))
            elif len(parts) == 4 and parts[1].isdigit():  # empty rdata
                owner, ttl, _cls, rtype = parts
                getattr(res, section).append((owner.lower(), int(ttl), rtype, ""))
    return res


def dig(addr: tuple[str, int], *args: str, timeout: float = 15.0) -> ClientResult:
    """Run the real `dig` against addr. args: name, type, +options..."""
    tool = require_tool("dig")
    argv = [tool, f"@{addr[0]}", "-p", str(addr[1]), "+time=2", "+tries=1", "+nottlunits", *args]
    p = run(argv, timeout=timeout)
    return parse_client_output("dig", argv, p.returncode, p.stdout + p.stderr)


def kdig(addr: tuple[str, int], *args: str, timeout: float = 15.0) -> ClientResult:
    """Run the real `kdig` (Knot) against addr."""
    tool = require_tool("kdig")
    argv = [tool, f"@{addr[0]}", "-p", str(addr[1]), "+time=2", "+retry=0", *args]
    p = run(argv, timeout=timeout)
    return parse_client_output("kdig", argv, p.returncode, p.stdout + p.stderr)
