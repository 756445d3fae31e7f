"""`shoal check FILE`: one OK line and exit 0 for a good zone; `FILE:LINE:COLUMN:
error: message` lines and exit 1 for a broken one.
"""

from __future__ import annotations

import re
from pathlib import Path

import dns.zone
import pytest

from helpers import REPO, REPO_ZONES, TEST_ZONES, run, shoal_bin

ALL_ZONE_FILES = sorted(REPO_ZONES.glob("*.zone")) + sorted(TEST_ZONES.glob("*.zone"))


def check(path: str | Path, cwd: Path = REPO):
    return run([str(shoal_bin()), "check", str(path)], timeout=20, cwd=cwd)


def expected_summary(path: Path) -> tuple[str, int, int]:
    origin = path.name[: -len(".zone")]
    z = dns.zone.from_file(str(path), origin, relativize=False)
    count = sum(len(rds) for node in z.nodes.values() for rds in node.rdatasets)
    return origin, z.get_soa().serial, count


def test_every_shipped_zone_file_is_listed():
    names = {p.name for p in ALL_ZONE_FILES}
    assert {"ecs.internal.zone", "servicediscovery.internal.zone", "test.internal.zone"} <= names


@pytest.mark.parametrize("path", ALL_ZONE_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_check_accepts_shipped_zones(path):
    rel = path.relative_to(REPO)
    p = check(rel)
    assert p.returncode == 0, f"exit {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}"
    origin, serial, count = expected_summary(path)
    lines = p.stdout.splitlines()
    assert lines == [f"{rel}: zone {origin}, serial {serial}, {count} records, OK"], p.stdout


# Each broken zone: (file text, the line(s) an error may point at, a word the message should hold)
HEAD = (
    "$ORIGIN broken.internal.\n"  # 1
    "$TTL 300\n"  # 2
    "@ IN SOA ns1 hostmaster 2026112101 3600 600 86400 60\n"  # 3
    "@ IN NS ns1\n"  # 4
    "ns1 IN A 10.0.0.1\n"  # 5
)

BROKEN = {
    "cname beside other data": (HEAD + "www A 10.0.0.2\nwww CNAME ns1\n", {6, 7}, "cname"),
    "cname beside other data (cname first)": (HEAD + "www CNAME ns1\nwww TXT \"x\"\n", {6, 7}, "cname"),
    "record outside the zone": (HEAD + "www.example.com. A 10.0.0.2\n", {6}, ""),
    "missing SOA": ("$ORIGIN broken.internal.\n$TTL 300\n@ NS ns1\nns1 A 10.0.0.1\n", None, "soa"),
    "second SOA": (HEAD + "@ SOA ns2 hostmaster 2 3600 600 86400 60\n", {6}, "soa"),
    "SOA not at the apex": (HEAD.replace("@ IN SOA", "sub IN SOA").replace("@ IN NS", "sub IN NS")
                            + "", None, "soa"),
    "bad IPv4 address": (HEAD + "www A 10.0.0.256\n", {6}, ""),
    "bad IPv6 address": (HEAD + "www AAAA fd00:::1\n", {6}, ""),
    "TTL out of range": (HEAD + "www 4294967296 A 10.0.0.2\n", {6}, "ttl"),
    "unknown type": (HEAD + "www BOGUS 1\n", {6}, ""),
    "unterminated quote": (HEAD + "www TXT \"open\n", {6, 7}, ""),
    "unbalanced parenthesis": (HEAD + "www MX ( 10 mail\n", {6, 7}, ""),
    "bad generic rdata length": (HEAD + "www TYPE65534 \\# 4 abcdef\n", {6}, ""),
    "label over 63": (HEAD + "a" * 64 + " A 10.0.0.2\n", {6}, ""),
    "missing $INCLUDE file": (HEAD + "$INCLUDE no-such-file.inc\n", {6}, ""),
}

ERROR_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): error: (?P<msg>.+)$")


@pytest.mark.parametrize("what", list(BROKEN))
def test_check_reports_file_line_column(tmp_path, what):
    text, lines, word = BROKEN[what]
    f = tmp_path / "broken.internal.zone"
    f.write_text(text)
    p = check(f, cwd=tmp_path)
    out = p.stdout + p.stderr
    assert p.returncode == 1, f"{what}: exit {p.returncode}, want 1:\n{out}"
    errors = [m for m in map(ERROR_LINE.match, out.splitlines()) if m]
    assert errors, f"{what}: no `FILE:LINE:COLUMN: error: message` line:\n{out}"
    for m in errors:
        assert m["file"] == str(f), f"{what}: error names {m['file']}, want {f}:\n{out}"
        assert int(m["line"]) >= 1 and int(m["col"]) >= 1, out
    if lines is not None:
        assert any(int(m["line"]) in lines for m in errors), \
            f"{what}: want an error at line {sorted(lines)}:\n{out}"
    if word:
        assert any(word in m["msg"].lower() for m in errors), f"{what}: message should say {word!r}:\n{out}"
    assert "OK" not in p.stdout.split(), out


def test_check_relative_path_is_printed_as_given(tmp_path):
    f = tmp_path / "broken.internal.zone"
    f.write_text(HEAD + "www A 10.0.0.256\n")
    p = check("broken.internal.zone", cwd=tmp_path)
    assert p.returncode == 1
    assert re.search(r"^broken\.internal\.zone:6:\d+: error: ", p.stdout + p.stderr, re.M), p


def test_check_nonexistent_file(tmp_path):
    p = check(tmp_path / "missing.internal.zone", cwd=tmp_path)
    assert p.returncode == 1, p
    assert "missing.internal.zone" in p.stdout + p.stderr


def test_check_include_and_origin_directives(tmp_path):
    (tmp_path / "hosts.inc").write_text("host1 A 10.0.0.11\nhost2 A 10.0.0.12\n")
    (tmp_path / "mail.inc").write_text("@ MX 10 mx\nmx A 10.0.0.25\n")
    (tmp_path / "inc.internal.zone").write_text(
        "$ORIGIN inc.internal.\n$TTL 300\n"
        "@ SOA ns1 hostmaster ( 7 ; serial\n 3600 600 86400 60 )\n"
        "@ NS ns1\nns1 A 10.0.0.1\n"
        "$INCLUDE hosts.inc\n"
        "$INCLUDE mail.inc sub.inc.internal.\n"
        "after A 10.0.0.99 ; the origin is back to inc.internal. here\n"
    )
    p = check("inc.internal.zone", cwd=tmp_path)
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.splitlines() == ["inc.internal.zone: zone inc.internal, serial 7, 8 records, OK"], p.stdout


def test_check_accepts_rfc1035_syntax_variety(tmp_path):
    (tmp_path / "syntax.internal.zone").write_text(
        "; comment line\n"
        "$ORIGIN syntax.internal.\n"
        "$TTL 3600\n"
        "@ IN SOA ns1.syntax.internal. hostmaster.syntax.internal. (\n"
        "   2026112101 ; serial\n   3600 600 86400\n   300 )\n"
        "  IN NS ns1 ; owner omitted: same as previous\n"
        "ns1 300 IN A 10.0.0.1\n"
        "ns1 IN 300 AAAA fd00::1\n"
        "txt TXT \"a b\" c \"d;e\"\n"
        "esc TXT \"\\065\\\"\"\n"
        "gen TYPE65280 \\# 0\n"
        "srv._tcp SRV 0 0 80 .\n"
        "caps IN a 10.0.0.7\n"
    )
    p = check("syntax.internal.zone", cwd=tmp_path)
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.splitlines() == [
        "syntax.internal.zone: zone syntax.internal, serial 2026112101, 9 records, OK"
    ], p.stdout
