"""The store's edge: a full disk gives 507 StorageFull for the batch that does
not fit and applies nothing of it, the server keeps answering, and every
acknowledged change is still there after a restart. A --data that cannot be
used stops the start with exit 1.

The full disk is a 3 MiB tmpfs (needs root to mount; skipped with the reason
otherwise).
"""

from __future__ import annotations

import os
import signal

import pytest

from api_helpers import (
    STATIC_ZONE,
    answers,
    api_serve_args,
    assert_error,
    integrity_check,
    serve_expect_failure,
    status,
    write_static_zones,
)
from helpers import run

ZONE = "full.internal"
TXT = '"' + "x" * 250 + '"'


@pytest.fixture
def small_fs(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mnt = tmp_path / "small"
    mnt.mkdir()
    r = run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)])
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
    yield mnt
    run(["umount", "-l", str(mnt)])


def test_full_disk_is_507_and_applies_nothing(api_servers, small_fs):
    server = api_servers.start(data=small_fs / "data")
    api = server.api
    api.create_zone(ZONE)
    acked: list[str] = []
    failed = None
    for b in range(60):  # 3 MiB holds fewer than 60 x 500 sets of 250 octets
        names = [f"b{b}n{i}" for i in range(500)]
        r = api.changes(ZONE, [{"action": "CREATE", "name": n, "type": "TXT", "ttl": 60, "records": [TXT]} for n in names])
        if r.status == 200:
            acked += names
            continue
        failed = (r, names)
        break
    assert failed, "the 3 MiB store never filled up"
    r, names = failed
    assert_error(r, 507, "StorageFull")
    assert acked, "the first batch already failed"

    # Nothing of the failed batch; everything acknowledged; the server still serves.
    assert status(server, f"{names[0]}.{ZONE}", "TXT") == "NXDOMAIN"
    assert status(server, f"{names[-1]}.{ZONE}", "TXT") == "NXDOMAIN"
    assert answers(server, f"{acked[-1]}.{ZONE}", "TXT") == [TXT]
    assert len(api.all_records(ZONE)) == len(acked) + 2
    assert api.get("/healthz").status == 200
    assert answers(server, f"www.{STATIC_ZONE}") == ["10.9.0.10", "10.9.0.11"]

    # A restart on the same (still full) disk brings back every acknowledged change.
    server = api_servers.restart(server, signal.SIGTERM)
    assert answers(server, f"{acked[0]}.{ZONE}", "TXT") == [TXT]
    assert answers(server, f"{acked[-1]}.{ZONE}", "TXT") == [TXT]
    assert status(server, f"{names[0]}.{ZONE}", "TXT") == "NXDOMAIN"
    assert len(server.api.all_records(ZONE)) == len(acked) + 2
    server.stop(signal.SIGTERM)
    assert server.returncode == 0, server.log_tail()
    assert integrity_check(server.db) == ["ok"]


def test_data_path_that_is_a_file_is_exit_1(tmp_path):
    data = tmp_path / "data"
    data.write_text("not a folder\n")
    zones = write_static_zones(tmp_path / "zones")
    work = tmp_path / "work"
    work.mkdir()
    rc, out = serve_expect_failure(api_serve_args(data, zones), work)
    assert rc == 1, f"want exit 1, got {rc}:\n{out}"
    assert str(data) in out, out
    assert "Fatal error" not in out and "Stack dump" not in out, out
