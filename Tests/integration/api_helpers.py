"""Helpers for the registration-API tests (test_api_*.py): starting `shoal serve`
with --http/--data, a small JSON-over-HTTP client on http.client, what dig
answers, and read-only looks at DIR/shoal.sqlite.

Everything has a timeout; every loop is bounded.
"""

from __future__ import annotations

import http.client
import json
import re
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import dns.name
import dns.rdatatype

from helpers import START_TIMEOUT, STOP_TIMEOUT, LISTEN_RE, ShoalProcess, dig, run, shoal_bin

HTTP_TIMEOUT = 15.0  # seconds for one API call (a publish waits for every DNS worker)
HTTP_RE = re.compile(r"http listening on (\[[0-9a-fA-F:.]+\]|[0-9.]+):(\d+)")
CHANGE_ID_RE = re.compile(r"^C[A-Z0-9]{13}$")
ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)$")

STATIC_ZONE = "static.internal"
STATIC_ZONE_TEXT = """\
$ORIGIN static.internal.
$TTL 300
@       IN SOA ns1 hostmaster 2024010101 3600 600 1209600 60
@       IN NS  ns1
ns1     IN A   10.9.0.1
www     IN A   10.9.0.10
www     IN A   10.9.0.11
"""
STATIC_ZONE_RECORDS = 5


def write_static_zones(folder: Path) -> Path:
    """A --zones folder with one small file zone, static.internal."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{STATIC_ZONE}.zone").write_text(STATIC_ZONE_TEXT)
    return folder


# --------------------------------------------------------------------------- HTTP


@dataclass
class Response:
    method: str
    path: str
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError as e:
            raise AssertionError(f"{self} : body is not JSON ({e})") from None

    def __str__(self) -> str:  # shown in assertion messages
        body = self.text
        if len(body) > 1500:
            body = body[:1500] + f"... ({len(self.body)} bytes)"
        return f"{self.method} {self.path} -> {self.status} {body}"

    __repr__ = __str__


class Api:
    """JSON client for the control API. One TCP connection per call (tests), so a
    failed call never leaves a half-read connection behind for the next one."""

    def __init__(self, host: str, port: int, timeout: float = HTTP_TIMEOUT):
        self.host, self.port, self.timeout = host, port, timeout

    def request(
        self,
        method: str,
        path: str,
        body=None,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> Response:
        hdrs = {"Accept": "application/json"}
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
        if data is not None:
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout or self.timeout)
        try:
            try:
                conn.request(method, path, body=data, headers=hdrs)
            except (BrokenPipeError, ConnectionResetError):
                # The server may answer (413) and close before reading a large body.
                pass
            resp = conn.getresponse()
            payload = resp.read()
            return Response(method, path, resp.status, {k.lower(): v for k, v in resp.getheaders()}, payload)
        finally:
            conn.close()

    def get(self, path: str, **params) -> Response:
        params = {k: v for k, v in params.items() if v is not None}
        if params:
            path += "?" + urllib.parse.urlencode(params)
        return self.request("GET", path)

    def post(self, path: str, body=None, **kw) -> Response:
        return self.request("POST", path, body, **kw)

    def put(self, path: str, body=None, **kw) -> Response:
        return self.request("PUT", path, body, **kw)

    def delete(self, path: str, **kw) -> Response:
        return self.request("DELETE", path, **kw)

    # -- conveniences that assert success
    def create_zone(self, name: str, **spec) -> dict:
        r = self.post("/v1/zones", {"name": name, **spec})
        assert r.status == 201, r
        return r.json()

    def zone(self, name: str) -> dict:
        r = self.get(f"/v1/zones/{q(name)}")
        assert r.status == 200, r
        return r.json()

    def zones(self) -> list[dict]:
        r = self.get("/v1/zones")
        assert r.status == 200, r
        return r.json()["zones"]

    def changes(self, zone: str, changes: list[dict], comment: str | None = None) -> Response:
        body: dict = {"changes": changes}
        if comment is not None:
            body["comment"] = comment
        return self.post(f"/v1/zones/{q(zone)}/changes", body)

    def change_ok(self, zone: str, changes: list[dict], comment: str | None = None) -> dict:
        r = self.changes(zone, changes, comment)
        assert r.status == 200, r
        info = r.json()
        assert info["status"] == "INSYNC", r
        return info

    def register(self, zone: str, service: str, iid: str, reg: dict) -> Response:
        return self.put(instance_path(zone, service, iid), reg)

    def register_ok(self, zone: str, service: str, iid: str, reg: dict) -> dict:
        r = self.register(zone, service, iid, reg)
        assert r.status in (200, 201), r
        return r.json()

    def records(self, zone: str, **params) -> Response:
        return self.get(f"/v1/zones/{q(zone)}/records", **params)

    def all_records(self, zone: str, limit: int = 1000, max_pages: int = 1000, **params) -> list[dict]:
        """Every record set of the zone, following nextCursor (bounded)."""
        out: list[dict] = []
        cursor = None
        for _ in range(max_pages):
            r = self.records(zone, limit=limit, cursor=cursor, **params)
            assert r.status == 200, r
            page = r.json()
            out += page["recordSets"]
            cursor = page.get("nextCursor")
            if not cursor:
                return out
        raise AssertionError(f"records of {zone}: more than {max_pages} pages")

    def instances(self, zone: str, service: str) -> Response:
        return self.get(f"/v1/zones/{q(zone)}/services/{q(service)}/instances")


def q(segment: str) -> str:
    """Percent-encode one path segment."""
    return urllib.parse.quote(segment, safe="")


def instance_path(zone: str, service: str, iid: str) -> str:
    return f"/v1/zones/{q(zone)}/services/{q(service)}/instances/{q(iid)}"


_MISSING = object()


def assert_error(r: Response, status: int, code: str | tuple[str, ...], field=_MISSING, contains=None) -> dict:
    """The error shape: status, JSON {"code", "message", "field"?}; field=None means absent."""
    assert r.status == status, f"want {status}: {r}"
    ctype = r.headers.get("content-type", "")
    assert "application/json" in ctype, f"error content-type {ctype!r}: {r}"
    body = r.json()
    codes = (code,) if isinstance(code, str) else code
    assert body.get("code") in codes, f"want code {' or '.join(codes)}: {r}"
    assert isinstance(body.get("message"), str) and body["message"].strip(), f"no message: {r}"
    if field is None:
        assert "field" not in body or body["field"] is None, f"want no field: {r}"
    elif field is not _MISSING:
        assert body.get("field") == field, f"want field {field!r}: {r}"
    for text in [contains] if isinstance(contains, str) else (contains or []):
        assert text.lower() in body["message"].lower(), f"message should mention {text!r}: {r}"
    return body


def rr(action: str, name: str, rtype: str, records: list[str] | None = None, ttl: int | None = 60) -> dict:
    c: dict = {"action": action, "name": name, "type": rtype}
    if ttl is not None:
        c["ttl"] = ttl
    if records is not None:
        c["records"] = records
    return c


def create(name, rtype, records, ttl=60):
    return rr("CREATE", name, rtype, records, ttl)


def upsert(name, rtype, records, ttl=60):
    return rr("UPSERT", name, rtype, records, ttl)


def delete(name, rtype, records, ttl=None):
    return rr("DELETE", name, rtype, records, ttl)


def check_change_info(info: dict, zone: str, serial: int | None = None, comment=_MISSING) -> None:
    assert CHANGE_ID_RE.match(info.get("changeId", "")), info
    assert info["zone"] == zone, info
    assert info["status"] == "INSYNC", info
    assert ISO_RE.match(info.get("submittedAt", "")), info
    if serial is not None:
        assert info["serial"] == serial, info
    if comment is not _MISSING:
        assert info.get("comment") == comment, info


# --------------------------------------------------------------------------- server


class ApiShoal(ShoalProcess):
    """`shoal serve` with the API: waits for the DNS lines and `http listening on`."""

    def __init__(self, args: list[str], workdir: Path, data: Path, zones: Path, expect_listen: int = 1):
        self.data = data
        self.zones = zones
        self.http: tuple[str, int] | None = None
        super().__init__(args, workdir, expect_listen)

    awaited = "DNS `listening on` line(s) and `http listening on`"

    def _listening(self, log: str, expect: int) -> bool:
        found = LISTEN_RE.findall(log)
        http = HTTP_RE.search(log)
        if len(found) < expect or not http:
            return False
        for host, port in found[:expect]:
            self.addresses.append((host.strip("[]"), int(port)))
        self.http = (http.group(1).strip("[]"), int(http.group(2)))
        return True

    @property
    def api(self) -> Api:
        assert self.http, "no http address"
        return Api(*self.http)

    @property
    def db(self) -> Path:
        return self.data / "shoal.sqlite"

    def dig(self, *args: str):
        return dig(self.v4, *args)


def api_serve_args(data: Path, zones: Path, extra: list[str] | None = None, dns: list[str] | None = None) -> list[str]:
    args = [str(shoal_bin()), "serve"]
    for d in dns or ["127.0.0.1:0"]:
        args += ["--dns", d]
    args += ["--http", "127.0.0.1:0", "--data", str(data), "--zones", str(zones), "--workers", "2"]
    return args + (extra or [])


class ApiServers:
    """Starts API servers in one folder and stops them all at the end (SIGTERM, exit 0).
    Servers stopped or killed by the test itself are not checked again."""

    def __init__(self, root: Path):
        self.root = root
        self.started: list[ApiShoal] = []

    def start(
        self, data: Path | None = None, zones: Path | None = None, extra: list[str] | None = None, dns=None
    ) -> ApiShoal:
        n = len(self.started)
        workdir = self.root / f"server{n}"
        workdir.mkdir(parents=True, exist_ok=True)
        data = data or (self.root / "data")
        zones = zones or write_static_zones(self.root / "zones")
        args = api_serve_args(data, zones, extra, dns)
        server = ApiShoal(args, workdir, data, zones, expect_listen=len(dns or ["x"]))
        server.extra = extra
        self.started.append(server)
        return server

    def restart(self, server: ApiShoal, sig: int = signal.SIGTERM) -> ApiShoal:
        """Stop server (SIGTERM must give exit 0; SIGKILL is just a kill) and start
        another on the same --data and --zones."""
        stop_ok(server, sig)
        return self.start(server.data, server.zones, getattr(server, "extra", None))

    def close(self) -> list[str]:
        problems = []
        for server in self.started:
            if server.returncode is not None:
                continue
            if server.alive():
                rc = server.stop(signal.SIGTERM)
                if rc != 0:
                    problems.append(f"exit {rc} after SIGTERM:\n{server.log_tail()}")
            else:
                problems.append(f"shoal died during the test (exit {server.proc.returncode}):\n{server.log_tail()}")
                server.kill()
        return problems


def stop_ok(server: ApiShoal, sig: int = signal.SIGTERM) -> None:
    if sig == signal.SIGKILL:
        server.kill()
        server.returncode = server.proc.returncode
        return
    assert server.alive(), f"shoal died before it was stopped:\n{server.log_tail()}"
    rc = server.stop(sig, timeout=STOP_TIMEOUT)
    assert rc == 0, f"shoal exited with {rc} after signal {sig} (want 0):\n{server.log_tail()}"


def shoal_cli(*args: str, timeout: float = 30.0) -> subprocess.CompletedProcess:
    return run([str(shoal_bin()), *args], timeout=timeout)


def serve_expect_failure(args: list[str], workdir: Path, timeout: float = START_TIMEOUT) -> tuple[int, str]:
    """Run `shoal serve` that should refuse to start; returns (exit code, stderr+stdout).
    A server that starts anyway is killed and reported with code None."""
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, cwd=workdir)
    try:
        out, err = p.communicate(timeout=timeout)
        return p.returncode, (err + out).decode(errors="replace")
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate(timeout=5)
        return None, (err + out).decode(errors="replace")


# --------------------------------------------------------------------------- DNS


def answers(server, name: str, rtype: str = "A") -> list[str]:
    """Sorted rdata of `rtype` in dig's answer (after any CNAME chain)."""
    res = server.dig(name, rtype)
    assert res.returncode == 0 and res.status, res
    return sorted(res.rdatas(rtype))


def answer_records(server, name: str, rtype: str = "A") -> list[tuple[str, int, str, str]]:
    """One query over UDP with dnspython: the answer records of `rtype`, (owner, ttl, type, rdata)."""
    from helpers import query, rcode_name, rrset_texts, udp

    msg = udp(query(name, rtype), server.v4)
    assert rcode_name(msg) == "NOERROR", msg
    return rrset_texts(msg.answer, rtype)


def sample_answers(server, name: str, rtype: str = "A", n: int = 40) -> list[list[str]]:
    """The rdata of `n` answers, each sorted (40: a uniform choice of 3 misses one with p ~ 1e-7)."""
    return [sorted(r[3] for r in answer_records(server, name, rtype)) for _ in range(n)]


def status(server, name: str, rtype: str = "A") -> str:
    res = server.dig(name, rtype)
    assert res.returncode == 0 and res.status, res
    return res.status


def soa_serial(server, zone: str) -> int:
    res = server.dig(zone, "SOA")
    assert res.status == "NOERROR" and len(res.rdatas("SOA")) == 1, res
    return int(res.rdatas("SOA")[0].split()[2])


def dns_view(server, queries: list[tuple[str, str]], outputs: dict | None = None) -> dict:
    """What dig answers for each (name, type): status, aa, and the sorted sections.
    `outputs`, when given, receives dig's whole output per query."""
    view = {}
    for name, rtype in queries:
        res = server.dig(name, rtype)
        assert res.returncode == 0 and res.status, res
        if outputs is not None:
            outputs[(name, rtype)] = res.output
        view[(name, rtype)] = (
            res.status,
            "aa" in res.flags,
            sorted(res.answer),
            sorted(res.authority),
        )
    return view


def canonical_key(rs: dict) -> tuple:
    """DNS canonical name order (RFC 4034 6.1), then type number."""
    return (dns.name.from_text(rs["name"]), dns.rdatatype.from_text(rs["type"]))


class _CanonName:
    def __init__(self, name: dns.name.Name):
        self.name = name

    def __lt__(self, other):
        return self.name.fullcompare(other.name)[1] < 0

    def __eq__(self, other):
        return self.name.fullcompare(other.name)[1] == 0


def canonical_sort_key(rs: dict):
    return (_CanonName(dns.name.from_text(rs["name"])), dns.rdatatype.from_text(rs["type"]))


# --------------------------------------------------------------------------- SQLite


def db_connect_ro(db: Path) -> sqlite3.Connection:
    assert db.is_file(), f"{db} does not exist"
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)


def db_snapshot(db: Path) -> dict[str, list]:
    """Schema and every row of every table, read-only (works beside a running server: WAL)."""
    con = db_connect_ro(db)
    try:
        snap: dict[str, list] = {}
        tables = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
        snap["__schema__"] = tables
        for (name, _sql) in tables:
            rows = con.execute(f'SELECT * FROM "{name}"').fetchall()
            snap[name] = sorted(rows, key=repr)
        return snap
    finally:
        con.close()


def db_diff(a: dict, b: dict) -> str:
    lines = []
    for table in sorted(set(a) | set(b)):
        ra, rb = a.get(table, []), b.get(table, [])
        if ra != rb:
            sa, sb = set(map(repr, ra)), set(map(repr, rb))
            lines.append(
                f"table {table}: {len(ra)} -> {len(rb)} rows; removed {sorted(sa - sb)[:5]}; added {sorted(sb - sa)[:5]}"
            )
    return "\n".join(lines)


def assert_db_same(before: dict, after: dict, what: str = "") -> None:
    diff = db_diff(before, after)
    assert not diff, f"SQLite changed {what}:\n{diff}"


def integrity_check(db: Path) -> list:
    con = db_connect_ro(db)
    try:
        return [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
    finally:
        con.close()


@contextmanager
def nothing_changes(server, zones=(), queries=(), stop: bool = False):
    """Asserts that the block changes nothing a user can see: the zones list, the record
    listing of `zones`, what dig answers for `queries` ((name, type) pairs), and every row
    in SQLite. stop=True stops the server (SIGTERM, exit 0) before the final SQLite read."""
    api = server.api
    before_db = db_snapshot(server.db)
    before_zones = api.zones()
    before_recs = {z: api.all_records(z) for z in zones}
    before_dns = dns_view(server, list(queries))
    yield
    after_output: dict = {}
    after_dns = dns_view(server, list(queries), after_output)
    for key in before_dns:
        if after_dns[key] != before_dns[key]:
            # dig's whole reply, and whether asking again gives it too, say what went wrong.
            again = server.dig(*key)
            raise AssertionError(
                f"dig {key} changed: {before_dns[key]} -> {after_dns[key]}\n"
                f"dig printed:\n{after_output[key]}\nasked again:\n{again.output}"
            )
    assert api.zones() == before_zones, "the zones list changed"
    for z in zones:
        after = api.all_records(z)
        assert after == before_recs[z], f"the records listing of {z} changed: {before_recs[z]} -> {after}"
    if stop:
        stop_ok(server)
    assert_db_same(before_db, db_snapshot(server.db), "after a failed request" + (" (server stopped)" if stop else ""))


# --------------------------------------------------------------------------- misc


def wait_until(pred, timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what}: not true within {timeout} s")
        time.sleep(interval)


def http_raw(addr: tuple[str, int], data: bytes, timeout: float = 5.0) -> bytes:
    """Send raw bytes on a fresh TCP connection and read until close or timeout."""
    with socket.create_connection(addr, timeout=timeout) as s:
        s.sendall(data)
        buf = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            buf += chunk
            if b"\r\n\r\n" in buf and _complete(buf):
                break
        return buf


def _complete(buf: bytes) -> bool:
    head, _, body = buf.partition(b"\r\n\r\n")
    m = re.search(rb"content-length:\s*(\d+)", head, re.I)
    return bool(m) and len(body) >= int(m.group(1))
