"""SigV4 on the AWS APIs (`shoal serve --aws-credentials FILE`): boto3 and the aws command
line with a key from the file work; a wrong secret, an unknown key or no signature at all is
refused with AWS's error in Route 53's XML and changes nothing; the native /v1 API needs no
signature; without the flag any signature is accepted as before.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import xml.etree.ElementTree as ET

import boto3
import botocore.exceptions
import pytest

from api_helpers import api_serve_args, answers, serve_expect_failure, status, write_static_zones

NS = "{https://route53.amazonaws.com/doc/2013-04-01/}"
CREDENTIALS = """\
[default]
aws_access_key_id = AKIASHOALDEFAULT
aws_secret_access_key = default/Secret+Key

[profile ci]
aws_access_key_id = AKIASHOALCI
aws_secret_access_key = ci-secret
region = eu-west-1
"""


def client(server, key="AKIASHOALDEFAULT", secret="default/Secret+Key", region="us-east-1"):
    host, port = server.http
    return boto3.client(
        "route53",
        endpoint_url=f"http://{host}:{port}",
        region_name=region,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
    )


def expect_error(code: str, http_status: int, fn, *args, **kw) -> dict:
    with pytest.raises(botocore.exceptions.ClientError) as info:
        fn(*args, **kw)
    err = info.value.response
    assert err["Error"]["Code"] == code, err
    assert err["ResponseMetadata"]["HTTPStatusCode"] == http_status, err
    return err["Error"]


def upsert_a(r53, zone_id: str, name: str, ip: str) -> dict:
    rs = {"Name": name, "Type": "A", "TTL": 60, "ResourceRecords": [{"Value": ip}]}
    return r53.change_resource_record_sets(
        HostedZoneId=zone_id, ChangeBatch={"Changes": [{"Action": "UPSERT", "ResourceRecordSet": rs}]}
    )


@pytest.fixture
def creds_file(tmp_path):
    path = tmp_path / "credentials"
    path.write_text(CREDENTIALS)
    return path


@pytest.fixture
def server(api_servers, creds_file):
    return api_servers.start(extra=["--aws-credentials", str(creds_file)])


def test_signed_requests_work_with_every_profile(server):
    r53 = client(server)
    zid = r53.create_hosted_zone(Name="auth.test", CallerReference="auth-1")["HostedZone"]["Id"]
    upsert_a(r53, zid, "www.auth.test", "10.9.0.1")
    assert answers(server, "www.auth.test") == ["10.9.0.1"]
    # The second profile's key, signed for another region: the scope's region is the client's.
    ci = client(server, "AKIASHOALCI", "ci-secret", region="eu-west-1")
    assert zid in [z["Id"] for z in ci.list_hosted_zones()["HostedZones"]]
    sets = ci.list_resource_record_sets(HostedZoneId=zid, StartRecordName="www.auth.test", MaxItems="1")
    assert sets["ResourceRecordSets"][0]["Name"] == "www.auth.test."
    change = upsert_a(ci, zid, "www.auth.test", "10.9.0.2")["ChangeInfo"]
    assert ci.get_change(Id=change["Id"])["ChangeInfo"]["Status"] == "INSYNC"
    assert answers(server, "www.auth.test") == ["10.9.0.2"]
    assert ci.list_hosted_zones_by_name(DNSName="auth.test")["HostedZones"][0]["Id"] == zid


def test_wrong_secret_is_signature_does_not_match_and_changes_nothing(server):
    zid = client(server).create_hosted_zone(Name="wrong.test", CallerReference="w-1")["HostedZone"]["Id"]
    bad = client(server, secret="not-the-secret")
    err = expect_error("SignatureDoesNotMatch", 403, upsert_a, bad, zid, "www.wrong.test", "10.9.1.1")
    assert err["Message"].startswith("The request signature we calculated does not match"), err
    assert status(server, "www.wrong.test") == "NXDOMAIN"
    expect_error("SignatureDoesNotMatch", 403, bad.create_hosted_zone, Name="other.test", CallerReference="w-2")
    expect_error("SignatureDoesNotMatch", 403, bad.list_hosted_zones)
    names = [z["Name"] for z in client(server).list_hosted_zones()["HostedZones"]]
    assert "wrong.test." in names and "other.test." not in names, names


def test_unknown_key_is_invalid_client_token_id(server):
    err = expect_error("InvalidClientTokenId", 403, client(server, key="AKIAUNKNOWN").list_hosted_zones)
    assert err["Message"] == "The security token included in the request is invalid."


def raw(server, method: str, path: str, headers: dict | None = None, body: bytes | None = None):
    conn = http.client.HTTPConnection(*server.http, timeout=10)
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, data


def error_code(data: bytes) -> str:
    root = ET.fromstring(data)
    assert root.tag == f"{NS}ErrorResponse", data
    return root.find(f"{NS}Error/{NS}Code").text


def test_unsigned_requests_are_refused_in_xml(server):
    code, data = raw(server, "GET", "/2013-04-01/hostedzone")
    assert code == 403 and error_code(data) == "MissingAuthenticationToken", data
    body = b'<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>raw.test</Name><CallerReference>r</CallerReference></CreateHostedZoneRequest>'
    code, data = raw(server, "POST", "/2013-04-01/hostedzone", {"Content-Type": "text/xml"}, body)
    assert code == 403 and error_code(data) == "MissingAuthenticationToken", data
    code, data = raw(server, "GET", "/2013-04-01/hostedzone", {"Authorization": "AWS4-HMAC-SHA256 garbage"})
    assert code == 403 and error_code(data) == "IncompleteSignature", data
    assert "raw.test." not in [z["Name"] for z in client(server).list_hosted_zones()["HostedZones"]]


def test_a_replayed_signature_with_another_body_is_refused(server):
    """The body's hash is signed: the same headers over other bytes do not pass."""
    r53 = client(server)
    sent = {}
    r53.meta.events.register("before-send.route53.*", lambda request, **_: sent.update(req=request))
    r53.create_hosted_zone(Name="replay.test", CallerReference="rp-1")
    req = sent["req"]
    other = req.body.replace(b"replay.test", b"evil00.test")
    headers = {k: v for k, v in req.headers.items()}
    code, data = raw(server, "POST", "/2013-04-01/hostedzone", headers, other)
    assert code == 403 and error_code(data) == "SignatureDoesNotMatch", data


def aws_cli(server, args: list[str], key: str, secret: str):
    host, port = server.http
    env = dict(os.environ, AWS_ACCESS_KEY_ID=key, AWS_SECRET_ACCESS_KEY=secret, AWS_DEFAULT_REGION="us-east-1")
    env.pop("AWS_PROFILE", None)
    return subprocess.run(
        ["aws", "route53", *args, "--endpoint-url", f"http://{host}:{port}", "--output", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_awscli_with_the_right_key(server):
    zid = client(server).create_hosted_zone(Name="cli.auth.test", CallerReference="c-1")["HostedZone"]["Id"]
    out = aws_cli(server, ["list-hosted-zones"], "AKIASHOALCI", "ci-secret")
    assert out.returncode == 0, out.stderr
    assert zid in [z["Id"] for z in json.loads(out.stdout)["HostedZones"]]
    out = aws_cli(server, ["list-hosted-zones"], "AKIASHOALCI", "wrong")
    assert out.returncode != 0 and "SignatureDoesNotMatch" in out.stderr, out.stderr


def test_native_api_needs_no_signature(server):
    api = server.api
    api.create_zone("native.auth.test")
    assert "native.auth.test" in [z["name"].rstrip(".") for z in api.zones()]


def test_without_the_flag_any_signature_is_accepted(api_servers):
    server = api_servers.start()
    r53 = client(server, key="whatever", secret="wrong")
    zid = r53.create_hosted_zone(Name="open.test", CallerReference="o-1")["HostedZone"]["Id"]
    upsert_a(r53, zid, "www.open.test", "10.9.2.1")
    assert answers(server, "www.open.test") == ["10.9.2.1"]


@pytest.mark.parametrize(
    "content, want",
    [
        (None, "cannot read"),
        ("", "no profile with aws_access_key_id"),
        ("[default]\naws_access_key_id = AKIA\n", "has no aws_secret_access_key"),
    ],
)
def test_bad_credentials_file_stops_the_start(tmp_path, content, want):
    path = tmp_path / "credentials"
    if content is not None:
        path.write_text(content)
    work = tmp_path / "work"
    work.mkdir()
    args = api_serve_args(tmp_path / "data", write_static_zones(tmp_path / "zones"), ["--aws-credentials", str(path)])
    rc, out = serve_expect_failure(args, work)
    assert rc == 1, f"want exit 1, got {rc}:\n{out}"
    assert "--aws-credentials" in out and want in out, out
    assert "listening on" not in out, out


def test_a_signature_dated_20_minutes_ago_is_request_expired(server):
    import datetime
    from unittest import mock

    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    host, port = server.http
    req = AWSRequest(method="GET", url=f"http://{host}:{port}/2013-04-01/hostedzone")
    then = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(minutes=20)
    with mock.patch("botocore.auth.get_current_datetime", return_value=then):
        SigV4Auth(Credentials("AKIASHOALCI", "ci-secret"), "route53", "us-east-1").add_auth(req)
    code, data = raw(server, "GET", "/2013-04-01/hostedzone", dict(req.headers.items()))
    assert code == 400 and error_code(data) == "RequestExpired", data
