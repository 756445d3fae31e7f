"""`shoal import FILE --data DIR`: a zone file becomes a managed zone (records
and SOA as in the file); the server then answers it from --data alone. Also
the data-dir rules of `shoal serve`: created if missing, a corrupt store or a
managed zone that is also a file zone stops the start with exit 1.
"""

from __future__ import annotations

import re
import signal

import pytest

from api_helpers import (
    STATIC_ZONE,
    answers,
    api_serve_args,
    create,
    db_snapshot,
    assert_db_same,
    serve_expect_failure,
    shoal_cli,
    soa_serial,
    status,
    stop_ok,
    write_static_zones,
)
from helpers import zone_record_count

IMP = "imp.internal"
IMP_TEXT = """\
$ORIGIN imp.internal.
$TTL 3600
@        IN SOA ns1 hostmaster 2024050501 7200 900 1209600 120
@        IN NS  ns1
@        IN NS  ns2.example.net.
@        IN MX  10 mail
@        IN TXT "v=spf1 -all"
ns1      IN A   10.70.0.1
mail     IN A   10.70.0.2
www  300 IN A   10.70.0.10
www  300 IN A   10.70.0.11
www      IN AAAA 2001:db8::70
alias    IN CNAME www
_http._tcp IN SRV 0 5 80 www
*.wild   IN A   10.70.0.99
"""


@pytest.fixture
def zone_file(tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    path = files / f"{IMP}.zone"
    path.write_text(IMP_TEXT)
    return path


def imported_line(out: str):
    return re.search(r"imported zone (\S+): (\d+) records, serial (\d+) into (\S.*)", out)


def test_import_then_serve_from_data_alone(api_servers, tmp_path, zone_file):
    data = tmp_path / "data"
    data.mkdir()
    p = shoal_cli("import", str(zone_file), "--data", str(data))
    out = p.stdout + p.stderr
    assert p.returncode == 0, out
    m = imported_line(p.stdout)
    assert m, f"want `imported zone NAME: N records, serial S into DIR` on stdout, got:\n{out}"
    n = zone_record_count(zone_file)
    assert m.group(1).rstrip(".") == IMP and int(m.group(2)) == n and int(m.group(3)) == 2024050501, out
    assert str(data) in m.group(4) or data.name in m.group(4), out

    server = api_servers.start(data=data)  # --zones holds only static.internal
    assert not (server.zones / f"{IMP}.zone").exists()
    soa = server.dig(IMP, "SOA")
    assert soa.answer == [(f"{IMP}.", 3600, "SOA", f"ns1.{IMP}. hostmaster.{IMP}. 2024050501 7200 900 1209600 120")], soa
    assert answers(server, f"www.{IMP}") == ["10.70.0.10", "10.70.0.11"]
    assert server.dig(f"www.{IMP}", "A").answer[0][1] == 300
    assert answers(server, f"www.{IMP}", "AAAA") == ["2001:db8::70"]
    assert answers(server, IMP, "NS") == [f"ns1.{IMP}.", "ns2.example.net."]
    assert answers(server, IMP, "MX") == [f"10 mail.{IMP}."]
    assert answers(server, f"_http._tcp.{IMP}", "SRV") == [f"0 5 80 www.{IMP}."]
    assert answers(server, f"anything.wild.{IMP}") == ["10.70.0.99"]
    alias = server.dig(f"alias.{IMP}", "A")
    assert alias.rdatas("CNAME") == [f"www.{IMP}."] and sorted(alias.rdatas("A")) == ["10.70.0.10", "10.70.0.11"]

    api = server.api
    z = api.zone(IMP)
    assert z["kind"] == "managed" and z["serial"] == 2024050501 and z["recordCount"] == n, z
    assert sorted(z["nameServers"]) == [f"ns1.{IMP}.", "ns2.example.net."], z
    assert {x["name"]: x["kind"] for x in api.zones()} == {IMP: "managed", STATIC_ZONE: "file"}
    assert sum(len(s["records"]) for s in api.all_records(IMP)) == n

    # It is managed: changes work and the serial goes on from the file's.
    info = api.change_ok(IMP, [create("new", "A", ["10.70.0.50"])])
    assert info["serial"] == 2024050502, info
    assert answers(server, f"new.{IMP}") == ["10.70.0.50"]
    assert soa_serial(server, IMP) == 2024050502


def test_import_twice_is_exit_1_and_changes_nothing(tmp_path, zone_file):
    data = tmp_path / "data"
    data.mkdir()
    assert shoal_cli("import", str(zone_file), "--data", str(data)).returncode == 0
    before = db_snapshot(data / "shoal.sqlite")
    p = shoal_cli("import", str(zone_file), "--data", str(data))
    out = p.stdout + p.stderr
    assert p.returncode == 1, out
    assert f"zone {IMP} already exists in" in out, out
    assert not imported_line(out), out
    assert_db_same(before, db_snapshot(data / "shoal.sqlite"), "by a refused import")


def test_import_of_a_zone_created_through_the_api_is_refused(api_servers, tmp_path, zone_file):
    server = api_servers.start()
    server.api.create_zone(IMP)
    stop_ok(server)
    p = shoal_cli("import", str(zone_file), "--data", str(server.data))
    assert p.returncode == 1 and f"zone {IMP} already exists in" in p.stdout + p.stderr, p


def test_import_of_a_broken_file_is_exit_1_with_diagnostics(tmp_path):
    bad = tmp_path / "bad.internal.zone"
    bad.write_text("$ORIGIN bad.internal.\n$TTL 60\n@ IN SOA ns1 hostmaster 1 2 3 4 5\nwww IN A 10.0.0.300\n")
    data = tmp_path / "data"
    data.mkdir()
    p = shoal_cli("import", str(bad), "--data", str(data))
    out = p.stdout + p.stderr
    assert p.returncode == 1, out
    assert re.search(rf"{re.escape(str(bad))}:4:\d+: error:", out) or re.search(r"bad\.internal\.zone:4:\d+: error:", out), out
    # Nothing was imported.
    db = data / "shoal.sqlite"
    if db.exists():
        rows = db_snapshot(db)
        assert not any("bad.internal" in repr(v) for k, v in rows.items() if k != "__schema__"), rows


def test_import_with_origin(api_servers, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(
        "$TTL 60\n@ IN SOA ns1 hostmaster 7 3600 600 1209600 60\n@ IN NS ns1\nns1 IN A 10.71.0.1\nweb IN A 10.71.0.2\n"
    )
    data = tmp_path / "data"
    data.mkdir()
    p = shoal_cli("import", str(path), "--data", str(data), "--origin", "other.internal")
    assert p.returncode == 0, p.stdout + p.stderr
    m = imported_line(p.stdout)
    assert m and m.group(1).rstrip(".") == "other.internal" and m.group(2) == "4" and m.group(3) == "7", p.stdout
    server = api_servers.start(data=data)
    assert answers(server, "web.other.internal") == ["10.71.0.2"]
    assert soa_serial(server, "other.internal") == 7


def test_a_managed_zone_that_is_also_a_file_zone_stops_the_start(tmp_path, zone_file):
    data = tmp_path / "data"
    data.mkdir()
    assert shoal_cli("import", str(zone_file), "--data", str(data)).returncode == 0
    zones = write_static_zones(tmp_path / "zones")
    (zones / f"{IMP}.zone").write_text(IMP_TEXT)
    work = tmp_path / "work"
    work.mkdir()
    rc, out = serve_expect_failure(api_serve_args(data, zones), work)
    assert rc == 1, f"want exit 1, got {rc}:\n{out}"
    assert IMP in out, out
    assert "listening on" not in out, out


def test_corrupt_store_is_exit_1_with_a_clear_error(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "shoal.sqlite").write_bytes(b"this is not a database" * 200)
    zones = write_static_zones(tmp_path / "zones")
    work = tmp_path / "work"
    work.mkdir()
    rc, out = serve_expect_failure(api_serve_args(data, zones), work)
    assert rc == 1, f"want exit 1, got {rc}:\n{out}"
    assert "shoal.sqlite" in out or str(data) in out, out
    assert "Fatal error" not in out and "Stack dump" not in out, out
    p = shoal_cli("import", str(zones / f"{STATIC_ZONE}.zone"), "--data", str(data))
    assert p.returncode == 1, p


def test_data_dir_is_created_if_missing(api_servers, tmp_path):
    data = tmp_path / "new" / "nested" / "data"
    server = api_servers.start(data=data)
    server.api.create_zone("made.internal")
    assert (data / "shoal.sqlite").is_file()
    assert status(server, "made.internal", "SOA") == "NOERROR"


def test_import_while_serving_is_seen_after_restart(api_servers, tmp_path, zone_file):
    """The running server does not see an import into its data dir until restart
    (or the import refuses to run beside it)."""
    server = api_servers.start()
    server.api.create_zone("live.internal")
    p = shoal_cli("import", str(zone_file), "--data", str(server.data))
    out = p.stdout + p.stderr
    if p.returncode == 1:
        assert "use" in out.lower() or "running" in out.lower() or "lock" in out.lower(), out
        return
    assert p.returncode == 0, out
    server = api_servers.restart(server, signal.SIGTERM)
    assert answers(server, f"www.{IMP}") == ["10.70.0.10", "10.70.0.11"]
    assert status(server, "live.internal", "SOA") == "NOERROR"


def test_serial_wraps_around_by_rfc_1982(api_servers, tmp_path):
    """An imported serial of 2^32 - 1 goes on to 0, then 1 (serial arithmetic), without a crash."""
    path = tmp_path / "wrap.internal.zone"
    path.write_text("$ORIGIN wrap.internal.\n$TTL 60\n@ IN SOA ns1 hostmaster 4294967295 3600 600 1209600 60\n@ IN NS ns1\n")
    data = tmp_path / "data"
    data.mkdir()
    p = shoal_cli("import", str(path), "--data", str(data))
    assert p.returncode == 0, p.stdout + p.stderr
    server = api_servers.start(data=data)
    assert soa_serial(server, "wrap.internal") == 4294967295
    info = server.api.change_ok("wrap.internal", [create("a", "A", ["10.72.0.1"])])
    assert info["serial"] == 0 and soa_serial(server, "wrap.internal") == 0, info
    info = server.api.change_ok("wrap.internal", [create("b", "A", ["10.72.0.2"])])
    assert info["serial"] == 1 and soa_serial(server, "wrap.internal") == 1, info
    assert answers(server, "a.wrap.internal") == ["10.72.0.1"]
