"""Registration API, HTTP surface: unknown routes (404 NotFound), wrong methods
(405 MethodNotAllowed), the 1 MiB body limit (413 PayloadTooLarge), and the
error shape on each.
"""

from __future__ import annotations

import json

import pytest

from api_helpers import assert_error, create, http_raw, nothing_changes

ZONE = "http.internal"
MIB = 1 << 20


@pytest.fixture(scope="module")
def server(api_module_servers):
    s = api_module_servers.start()
    s.api.create_zone(ZONE)
    s.api.change_ok(ZONE, [create("www", "A", ["10.30.0.1"])])
    s.api.register_ok(ZONE, "web", "i1", {"address": "10.30.0.2", "port": 80})
    return s


@pytest.fixture
def api(server):
    return server.api


@pytest.mark.parametrize(
    "method,path",
    [
        ("GET", "/"),
        ("GET", "/v1"),
        ("GET", "/v2/zones"),
        ("GET", "/v1/nothing"),
        ("GET", f"/v1/zones/{ZONE}/nothing"),
        ("GET", f"/v1/zones/{ZONE}/services/web/nothing"),
        ("GET", f"/v1/zones/{ZONE}/services/web/instances/i1/extra"),
        ("PUT", f"/v1/zones/{ZONE}/services/web/instances/i1/health/extra"),
        ("POST", "/v1/zonez"),
        ("GET", "/v1/changes/CAAAAAAAAAAAAA/extra"),
    ],
)
def test_unknown_route_is_404_not_found(server, api, method, path):
    with nothing_changes(server, zones=[ZONE]):
        assert_error(api.request(method, path), 404, "NotFound")


@pytest.mark.parametrize(
    "method,path",
    [
        ("PUT", "/v1/zones"),
        ("DELETE", "/v1/zones"),
        ("PATCH", "/v1/zones"),
        ("POST", f"/v1/zones/{ZONE}"),
        ("PUT", f"/v1/zones/{ZONE}"),
        ("GET", f"/v1/zones/{ZONE}/changes"),
        ("DELETE", f"/v1/zones/{ZONE}/changes"),
        ("POST", f"/v1/zones/{ZONE}/records"),
        ("DELETE", f"/v1/zones/{ZONE}/records"),
        ("POST", f"/v1/zones/{ZONE}/services/web/instances"),
        ("POST", f"/v1/zones/{ZONE}/services/web/instances/i1"),
        ("GET", f"/v1/zones/{ZONE}/services/web/instances/i1/heartbeat"),
        ("DELETE", f"/v1/zones/{ZONE}/services/web/instances/i1/heartbeat"),
        ("PUT", f"/v1/zones/{ZONE}/services"),
        ("POST", f"/v1/zones/{ZONE}/services/web"),
        ("GET", f"/v1/zones/{ZONE}/services/web/instances/i1/health"),
        ("POST", "/v1/changes"),
        ("DELETE", "/v1/changes/CAAAAAAAAAAAAA"),
        ("POST", "/healthz"),
    ],
)
def test_wrong_method_is_405(server, api, method, path):
    queries = [(f"www.{ZONE}", "A"), (f"web.{ZONE}", "A"), (ZONE, "SOA")]
    with nothing_changes(server, zones=[ZONE], queries=queries):
        body = json.dumps({"changes": [create("x", "A", ["10.0.0.1"])]}).encode()
        r = api.request(method, path, raw=body if method in ("POST", "PUT", "PATCH") else None)
        assert_error(r, 405, "MethodNotAllowed")


def test_body_over_one_mib_is_413(server, api):
    body = {"changes": [create("big", "A", ["10.30.1.1"])], "comment": "x" * MIB}
    raw = json.dumps(body).encode()
    assert len(raw) > MIB
    queries = [(f"big.{ZONE}", "A"), (ZONE, "SOA")]
    with nothing_changes(server, zones=[ZONE], queries=queries):
        r = api.post(f"/v1/zones/{ZONE}/changes", raw=raw)
        assert_error(r, 413, "PayloadTooLarge")
        # Also for zones and instances.
        r = api.post("/v1/zones", raw=json.dumps({"name": "huge.internal", "comment": "y" * MIB}).encode())
        assert_error(r, 413, "PayloadTooLarge")
        r = api.put(f"/v1/zones/{ZONE}/services/web/instances/big",
                    raw=json.dumps({"address": "10.30.1.2", "attributes": {"k": "z" * MIB}}).encode())
        assert_error(r, 413, "PayloadTooLarge")
    # The server still takes normal requests afterwards.
    api.change_ok(ZONE, [create("after413", "A", ["10.30.1.3"])])


def test_body_just_under_one_mib_is_accepted(server, api):
    """Record data (TXT of 4 x 250-octet strings) up to the limit; whitespace fills the rest."""
    txt = " ".join(['"' + "q" * 250 + '"'] * 4)
    changes = []
    while True:
        changes.append(create(f"near{len(changes):03d}", "TXT", [txt]))
        if len(json.dumps({"changes": changes})) > MIB - 2000:
            break
    assert len(changes) <= 1000
    raw = json.dumps({"changes": changes}).encode()
    raw += b" " * (MIB - len(raw))
    assert len(raw) == MIB
    r = api.post(f"/v1/zones/{ZONE}/changes", raw=raw)
    assert r.status == 200, r
    last = f"near{len(changes) - 1:03d}.{ZONE}"
    res = server.dig(last, "TXT")
    assert res.status == "NOERROR" and len(res.rdatas("TXT")) == 1, res


def test_chunked_body_over_one_mib_is_413(server, api):
    """Without a Content-Length the limit still holds."""
    host, port = server.http
    payload = json.dumps({"changes": [create("chunky", "A", ["10.30.2.1"])], "comment": "x" * (MIB + 10)}).encode()
    chunks = b""
    step = 64 * 1024
    for i in range(0, len(payload), step):
        part = payload[i : i + step]
        chunks += b"%x\r\n" % len(part) + part + b"\r\n"
    chunks += b"0\r\n\r\n"
    req = (
        f"POST /v1/zones/{ZONE}/changes HTTP/1.1\r\nHost: {host}:{port}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    ).encode() + chunks
    with nothing_changes(server, zones=[ZONE], queries=[(f"chunky.{ZONE}", "A")]):
        reply = http_raw((host, port), req, timeout=10)
        assert reply.startswith(b"HTTP/1.1 413"), reply[:300]


def test_keep_alive_connection_serves_many_requests(server):
    import http.client

    host, port = server.http
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        for i in range(20):
            conn.request("GET", f"/v1/zones/{ZONE}")
            r = conn.getresponse()
            data = r.read()
            assert r.status == 200 and json.loads(data)["name"] == ZONE
        conn.request("GET", "/v1/nothing")
        r = conn.getresponse()
        assert r.status == 404 and json.loads(r.read())["code"] == "NotFound"
        conn.request("GET", "/healthz")
        r = conn.getresponse()
        assert r.status == 200 and json.loads(r.read()) == {"status": "ok"}
    finally:
        conn.close()
