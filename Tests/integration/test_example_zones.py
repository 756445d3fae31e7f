"""The example zones in zones/ answer the way the README's tour says."""

from __future__ import annotations

from helpers import dig, kdig

SD = "servicediscovery.internal"


def test_web_service_cname_to_load_balancer(example_shoal):
    res = dig(example_shoal.v4, "web.ecs.internal")
    assert res.status == "NOERROR" and "aa" in res.flags, res
    assert res.answer == [("web.ecs.internal.", 60, "CNAME",
                           "internal-web-1234567890.us-east-1.elb.amazonaws.com.")], res


def test_api_chain_resolves_inside_the_zone(example_shoal):
    res = dig(example_shoal.v4, "api.ecs.internal", "A")
    assert res.status == "NOERROR" and "aa" in res.flags, res
    assert [(r[0], r[2], r[3]) for r in res.answer if r[2] == "CNAME"] == [
        ("api.ecs.internal.", "CNAME", "api-v2.ecs.internal."),
        ("api-v2.ecs.internal.", "CNAME", "api-v2-tasks.ecs.internal."),
    ], res
    assert sorted(res.rdatas("A")) == ["10.0.2.41", "10.0.2.42", "10.0.2.43"], res


def test_cloud_map_srv_with_task_addresses(example_shoal):
    res = dig(example_shoal.v4, f"web.{SD}", "SRV")
    assert res.status == "NOERROR" and "aa" in res.flags, res
    srv = sorted(res.rdatas("SRV"))
    assert len(srv) == 3 and all(s.startswith("1 1 327") for s in srv), res
    targets = {s.split()[3] for s in srv}
    extra = {r[0]: r[3] for r in res.additional if r[2] == "A"}
    assert set(extra) == targets, f"every SRV target's A should be in additional:\n{res}"
    assert sorted(extra.values()) == ["10.0.1.12", "10.0.2.87", "10.0.3.45"], res


def test_rfc2782_style_srv(example_shoal):
    res = kdig(example_shoal.v4, f"_grpc._tcp.orders.{SD}", "SRV")
    assert res.status == "NOERROR" and len(res.rdatas("SRV")) == 3, res


def test_multivalue_a_and_dual_stack(example_shoal):
    res = dig(example_shoal.v4, f"orders.{SD}", "A")
    assert len(res.rdatas("A")) == 4, res
    res = dig(example_shoal.v6, f"worker.{SD}", "AAAA", "+tcp")
    assert res.rdatas("AAAA") == ["2600:1f18:4a3:6f00::20"], res


def test_mx_and_txt(example_shoal):
    res = dig(example_shoal.v4, SD, "MX")
    assert sorted(res.rdatas("MX")) == [f"10 smtp.{SD}.", f"20 smtp-backup.{SD}."], res
    assert {r[0] for r in res.additional if r[2] == "A"} == {f"smtp.{SD}.", f"smtp-backup.{SD}."}, res
    res = dig(example_shoal.v4, SD, "TXT")
    assert '"v=spf1 ip4:10.0.0.0/16 -all"' in res.rdatas("TXT"), res


def test_negative_answers(example_shoal):
    res = dig(example_shoal.v4, "gone.ecs.internal", "A")
    assert res.status == "NXDOMAIN" and "aa" in res.flags, res
    assert [(r[0], r[1], r[2]) for r in res.authority] == [("ecs.internal.", 60, "SOA")], res
    res = dig(example_shoal.v4, f"gone.{SD}", "A")
    assert res.status == "NXDOMAIN", res
    assert [(r[0], r[1], r[2]) for r in res.authority] == [(f"{SD}.", 30, "SOA")], res
    assert dig(example_shoal.v4, "example.com", "A").status == "REFUSED"
