"""Fixtures: the real `shoal` binary serving Tests/integration/zones on
ephemeral loopback ports (IPv4 and IPv6), and a factory for servers with
other flags. Nothing is built here: the binary comes from $SHOAL_BIN, else
.build/debug/shoal (scripts/test.sh builds it and sets SHOAL_BIN).

SHOAL_TEST_EXTERNAL=127.0.0.1:PORT,[::1]:PORT points the query tests at a
server that is already running (for checking the tests against a reference
server); tests that need their own server process still start shoal.
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

import helpers
from helpers import ShoalProcess, start_shoal


class ExternalServer:
    def __init__(self, spec: str):
        self.addresses = []
        for item in spec.split(","):
            host, _, port = item.strip().rpartition(":")
            self.addresses.append((host.strip("[]"), int(port)))

    addr = ShoalProcess.addr
    v4 = ShoalProcess.v4
    v6 = ShoalProcess.v6

    def alive(self) -> bool:
        return True

    def log(self) -> str:
        return ""

    def log_tail(self, n: int = 40) -> str:
        return ""


@pytest.fixture(scope="session")
def shoal():
    """The shared server: Tests/integration/zones, v4 and v6, --workers 2."""
    external = os.environ.get("SHOAL_TEST_EXTERNAL")
    if external:
        yield ExternalServer(external)
        return
    workdir = Path(tempfile.mkdtemp(prefix="shoal-it-main-"))
    server = start_shoal(extra=["--workers", "2"], workdir=workdir)
    yield server
    assert server.alive(), f"shoal died during the tests:\n{server.log_tail()}"
    rc = server.stop(signal.SIGTERM)
    assert rc == 0, f"shoal exited with {rc} after SIGTERM (want 0):\n{server.log_tail()}"
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def example_shoal():
    """A server for the repository's example zones (zones/), as scripts/serve.sh runs it."""
    external = os.environ.get("SHOAL_TEST_EXTERNAL_EXAMPLES")
    if external:
        yield ExternalServer(external)
        return
    workdir = Path(tempfile.mkdtemp(prefix="shoal-it-examples-"))
    server = start_shoal(zones=helpers.REPO_ZONES, dns=["127.0.0.1:0", "[::1]:0"], workdir=workdir)
    yield server
    assert server.alive(), f"shoal died during the tests:\n{server.log_tail()}"
    rc = server.stop(signal.SIGTERM)
    assert rc == 0, f"shoal exited with {rc} after SIGTERM (want 0):\n{server.log_tail()}"
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def shoal_factory(tmp_path):
    """Start extra servers with other flags; each is stopped (SIGTERM, exit 0) after the test."""
    started: list[ShoalProcess] = []

    def factory(extra=None, zones=helpers.TEST_ZONES, dns=None) -> ShoalProcess:
        workdir = tmp_path / f"server{len(started)}"
        workdir.mkdir()
        server = start_shoal(zones=zones, extra=extra, dns=dns, workdir=workdir)
        started.append(server)
        return server

    yield factory
    problems = []
    for server in started:
        if server.alive():
            rc = server.stop(signal.SIGTERM)
            if rc != 0:
                problems.append(f"exit {rc} after SIGTERM:\n{server.log_tail()}")
        else:
            server.kill()
    assert not problems, "\n".join(problems)


@pytest.fixture
def v4(shoal):
    return shoal.v4


@pytest.fixture
def v6(shoal):
    return shoal.v6


@pytest.fixture(autouse=True)
def _server_still_up(request):
    """After each test that used the shared server, it must still be running."""
    yield
    for name in ("shoal", "example_shoal"):
        if name in request.fixturenames:
            server = request.getfixturevalue(name)
            assert server.alive(), f"shoal is no longer running:\n{server.log_tail()}"


# ----------------------------------------------------------- registration API


@pytest.fixture
def api_servers(tmp_path):
    """Start `shoal serve` with --http/--data (api_helpers.ApiServers); the data dir is
    tmp_path/data unless given; every server still running at the end must exit 0 on SIGTERM."""
    from api_helpers import ApiServers

    servers = ApiServers(tmp_path)
    yield servers
    problems = servers.close()
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def api_module_servers(tmp_path_factory):
    """The same per test module, for modules that share one server across tests."""
    from api_helpers import ApiServers

    servers = ApiServers(tmp_path_factory.mktemp("api"))
    yield servers
    problems = servers.close()
    assert not problems, "\n".join(problems)


_zone_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def server(api_module_servers):
    """One API server shared by a module's tests; a module that needs a seeded one defines its own."""
    return api_module_servers.start()


@pytest.fixture
def api(server):
    return server.api


@pytest.fixture
def zone(api):
    """A fresh managed zone per test (serial 1, SOA + NS only)."""
    name = f"z{next(_zone_numbers)}.internal"
    api.create_zone(name)
    return name


@pytest.fixture
def r53(server):
    """boto3's Route 53 client pointed at `server`."""
    from aws_helpers import r53_client

    return r53_client(server)


@pytest.fixture
def sd(server):
    """boto3's Cloud Map client pointed at `server` (no `data-` host prefix)."""
    from aws_helpers import sd_client

    return sd_client(server)
