"""Route 53 routing policies through boto3 against the real binary, and what DNS answers:
weighted record sets (one set per answer, in proportion to weight; weight 0 only when nothing
else can be answered), multivalue (up to 8 records from the sets), alias to a record in the
same zone, TTL 0, how ListResourceRecordSets shows them, and refused batches that change
nothing.

The proportion checks use bounds of at least 5 standard deviations of a binomial count, so a
correct server fails them with probability below 1e-6.
"""

from __future__ import annotations

import json
import math

import dns.message
import dns.query
import dns.rdatatype

from aws_helpers import (
    alias,
    all_rrsets,
    ask,
    aws_cli,
    ask_many,
    change,
    create_zone,
    expect_error,
    multivalue,
    nothing_changes,
    records,
    sets_at,
    simple,
    values,
    weighted,
)
from api_helpers import answers

N = 600  # queries per distribution check


def within_5_sigma(count: int, n: int, p: float) -> bool:
    sigma = math.sqrt(n * p * (1 - p))
    return abs(count - n * p) <= max(5 * sigma, 1)


def which_set(reply, sets: dict[str, tuple[list[str], int]], rtype: str = "A") -> str:
    """The one set whose records and TTL make up the whole answer."""
    got = reply.rdatas(rtype)
    for ident, (vals, ttl) in sets.items():
        if got == sorted(vals):
            assert reply.ttls(rtype) == {ttl}, f"set {ident} answered with TTL {reply.ttls(rtype)}, want {ttl}: {reply}"
            return ident
    raise AssertionError(f"answer {got} is not exactly one set of {sets}")


# --------------------------------------------------------------------------- weighted


def test_weighted_one_set_per_answer_in_proportion(server, r53):
    zid = create_zone(r53, "w.pol.test")
    sets = {
        "blue": (["10.1.1.1", "10.1.1.2"], 30),
        "green": (["10.1.2.1"], 40),
        "off": (["10.1.3.1"], 50),
    }
    weights = {"blue": 1, "green": 3, "off": 0}
    change(r53, zid, *[("CREATE", weighted("www.w.pol.test.", "A", i, weights[i], v, ttl)) for i, (v, ttl) in sets.items()])

    counts = {i: 0 for i in sets}
    for reply in ask_many(server, "www.w.pol.test", "A", N):
        assert reply.rcode == "NOERROR" and reply.aa, reply
        assert reply.owners() == {"www.w.pol.test."}, reply
        counts[which_set(reply, sets)] += 1
    assert counts["off"] == 0, f"a weight-0 set was answered while others have weight: {counts}"
    assert within_5_sigma(counts["blue"], N, 0.25) and within_5_sigma(counts["green"], N, 0.75), counts

    # dig sees one set too.
    assert answers(server, "www.w.pol.test") in (["10.1.1.1", "10.1.1.2"], ["10.1.2.1"])

    # UPSERT changes one set only: green goes to weight 1, so blue and green are even.
    change(r53, zid, ("UPSERT", weighted("www.w.pol.test.", "A", "green", 1, ["10.1.2.9"], 40)))
    sets["green"] = (["10.1.2.9"], 40)
    counts = {i: 0 for i in sets}
    for reply in ask_many(server, "www.w.pol.test", "A", N):
        counts[which_set(reply, sets)] += 1
    assert counts["off"] == 0 and within_5_sigma(counts["blue"], N, 0.5), counts

    # Without positive weights left, the weight-0 set is answered.
    change(r53, zid, ("DELETE", weighted("www.w.pol.test.", "A", "blue", 1, sets["blue"][0], 30)),
           ("DELETE", weighted("www.w.pol.test.", "A", "green", 1, ["10.1.2.9"], 40)))
    for reply in ask_many(server, "www.w.pol.test", "A", 20):
        assert reply.rdatas("A") == ["10.1.3.1"] and reply.ttls() == {50}, reply
    change(r53, zid, ("DELETE", weighted("www.w.pol.test.", "A", "off", 0, ["10.1.3.1"], 50)))
    assert ask(server, "www.w.pol.test").rcode == "NXDOMAIN"


def test_all_weights_zero_is_uniform(server, r53):
    zid = create_zone(r53, "zero.pol.test")
    change(r53, zid, *[("CREATE", weighted("www.zero.pol.test.", "A", f"s{i}", 0, [f"10.2.0.{i}"])) for i in range(1, 4)])
    sets = {f"s{i}": ([f"10.2.0.{i}"], 60) for i in range(1, 4)}
    counts = {i: 0 for i in sets}
    for reply in ask_many(server, "www.zero.pol.test", "A", N):
        counts[which_set(reply, sets)] += 1
    assert all(within_5_sigma(c, N, 1 / 3) for c in counts.values()), counts


def test_weighted_srv_and_cname(server, r53):
    zid = create_zone(r53, "wsrv.pol.test")
    change(
        r53, zid,
        ("CREATE", simple("web.wsrv.pol.test.", "A", ["10.3.0.1"])),
        ("CREATE", weighted("_h._tcp.wsrv.pol.test.", "SRV", "a", 1, ["1 1 80 a.wsrv.pol.test."], ttl=0)),
        ("CREATE", weighted("_h._tcp.wsrv.pol.test.", "SRV", "b", 1, ["1 1 81 b.wsrv.pol.test."], ttl=0)),
        ("CREATE", weighted("c.wsrv.pol.test.", "CNAME", "local", 1, ["web.wsrv.pol.test."], ttl=20)),
        ("CREATE", weighted("c.wsrv.pol.test.", "CNAME", "remote", 1, ["far.example.org."], ttl=20)),
    )
    seen = set()
    for reply in ask_many(server, "_h._tcp.wsrv.pol.test", "SRV", 60):
        assert len(reply.rdatas("SRV")) == 1 and reply.ttls() == {0}, reply
        seen |= set(reply.rdatas("SRV"))
    assert seen == {"1 1 80 a.wsrv.pol.test.", "1 1 81 b.wsrv.pol.test."}
    # A weighted CNAME: one target is chosen, then the chain goes on from it.
    targets = set()
    for reply in ask_many(server, "c.wsrv.pol.test", "A", 60):
        cnames = reply.rdatas("CNAME")
        assert len(cnames) == 1, reply
        targets.add(cnames[0])
        if cnames[0] == "web.wsrv.pol.test.":
            assert reply.rdatas("A") == ["10.3.0.1"], reply
        else:
            assert reply.rdatas("A") == [], reply
    assert targets == {"web.wsrv.pol.test.", "far.example.org."}


def test_additional_addresses_are_selected_too(server, r53):
    zid = create_zone(r53, "add.pol.test")
    change(r53, zid,
           ("CREATE", simple("add.pol.test.", "MX", ["10 mail.add.pol.test."])),
           ("CREATE", simple("_smtp._tcp.add.pol.test.", "SRV", ["1 1 25 mail.add.pol.test."])),
           ("CREATE", weighted("mail.add.pol.test.", "A", "east", 1, ["10.3.1.1", "10.3.1.2"], ttl=31)),
           ("CREATE", weighted("mail.add.pol.test.", "A", "west", 1, ["10.3.2.1"], ttl=32)),
           *[("CREATE", multivalue("mail.add.pol.test.", "AAAA", f"v{i}", [f"fd00::3:{i}"])) for i in range(10)])
    sets = {"east": (["10.3.1.1", "10.3.1.2"], 31), "west": (["10.3.2.1"], 32)}
    seen = set()
    for name, rtype in (("add.pol.test", "MX"), ("_smtp._tcp.add.pol.test", "SRV")):
        for reply in ask_many(server, name, rtype, 40):
            assert len(reply.answer) == 1, reply
            a = sorted(r for r in reply.additional if r[2] == "A")
            aaaa = [r for r in reply.additional if r[2] == "AAAA"]
            assert a, f"no addresses for the {rtype} target in additional: {reply}"
            got = [r[3] for r in a]
            match = [i for i, (v, ttl) in sets.items() if got == sorted(v) and {r[1] for r in a} == {ttl}]
            assert match, f"additional A {a} is not exactly one weighted set"
            seen.add(match[0])
            assert len(aaaa) <= 8 and len({r[3] for r in aaaa}) == len(aaaa), reply
            assert {r[3] for r in aaaa} <= {f"fd00::3:{i}" for i in range(10)}, reply
    assert seen == {"east", "west"}


def test_any_over_tcp_selects_too(server, r53):
    zid = create_zone(r53, "any.pol.test")
    change(r53, zid,
           ("CREATE", weighted("x.any.pol.test.", "A", "one", 1, ["10.3.5.1", "10.3.5.2"])),
           ("CREATE", weighted("x.any.pol.test.", "A", "two", 1, ["10.3.6.1"])),
           *[("CREATE", multivalue("x.any.pol.test.", "TXT", f"t{i}", [f'"t{i}"'])) for i in range(10)])
    host, port = server.v4
    seen = set()
    for _ in range(30):
        q = dns.message.make_query("x.any.pol.test", "ANY")
        msg = dns.query.tcp(q, host, port=port, timeout=5, one_rr_per_rrset=True)
        a = sorted(rd.to_text() for rrset in msg.answer if rrset.rdtype == dns.rdatatype.A for rd in rrset)
        txt = [rd.to_text() for rrset in msg.answer if rrset.rdtype == dns.rdatatype.TXT for rd in rrset]
        assert a in (["10.3.5.1", "10.3.5.2"], ["10.3.6.1"]), msg
        assert len(txt) == 8 and len(set(txt)) == 8, msg
        seen.add(tuple(a))
    assert len(seen) == 2


# --------------------------------------------------------------------------- multivalue


def test_multivalue_up_to_eight_records(server, r53):
    zid = create_zone(r53, "mv.pol.test")
    ttls = {f"m{i:02d}": 10 + i for i in range(12)}
    change(r53, zid, *[("CREATE", multivalue("www.mv.pol.test.", "A", ident, [f"10.4.0.{i + 1}"], ttl))
                       for i, (ident, ttl) in enumerate(ttls.items())])
    ttl_of = {f"10.4.0.{i + 1}": ttl for i, ttl in enumerate(ttls.values())}
    seen, firsts = set(), set()
    for reply in ask_many(server, "www.mv.pol.test", "A", 200):
        got = reply.rdatas("A")
        assert len(got) == 8 and len(set(got)) == 8 and set(got) <= set(ttl_of), reply
        # TTL: the smallest among the records taken.
        assert reply.ttls() == {min(ttl_of[a] for a in got)}, reply
        seen |= set(got)
        firsts.add(reply.answer[0][3])
    assert seen == set(ttl_of)  # random choice among all twelve
    assert len(firsts) > 1  # and random order

    small = create_zone(r53, "mv3.pol.test")
    change(r53, small, *[("CREATE", multivalue("www.mv3.pol.test.", "A", f"x{i}", [f"10.4.1.{i}"], 30)) for i in range(1, 4)])
    for reply in ask_many(server, "www.mv3.pol.test", "A", 10):
        assert reply.rdatas("A") == ["10.4.1.1", "10.4.1.2", "10.4.1.3"] and reply.ttls() == {30}, reply
    change(r53, small, ("DELETE", multivalue("www.mv3.pol.test.", "A", "x2", ["10.4.1.2"], 30)))
    assert records(server, "www.mv3.pol.test") == ["10.4.1.1", "10.4.1.3"]


# --------------------------------------------------------------------------- alias


def test_alias_answers_the_targets_records(server, r53):
    zid = create_zone(r53, "al.pol.test")
    change(
        r53, zid,
        ("CREATE", simple("web.al.pol.test.", "A", ["10.5.0.1", "10.5.0.2"], ttl=77)),
        ("CREATE", alias("www.al.pol.test.", "A", zid, "web.al.pol.test.")),
        ("CREATE", alias("al.pol.test.", "A", zid, "web.al.pol.test")),  # at the apex
        ("CREATE", alias("hop.al.pol.test.", "A", zid, "www.al.pol.test.")),  # alias to alias
    )
    for name in ("www.al.pol.test", "al.pol.test", "hop.al.pol.test"):
        r = ask(server, name, "A")
        assert r.rcode == "NOERROR" and r.aa, r
        assert r.rdatas("A") == ["10.5.0.1", "10.5.0.2"] and r.owners() == {name + "."} and r.ttls() == {77}, r
        assert r.rdatas("CNAME") == [], r
    assert answers(server, "www.al.pol.test") == ["10.5.0.1", "10.5.0.2"]
    # An A alias says nothing about AAAA.
    r = ask(server, "www.al.pol.test", "AAAA")
    assert r.rcode == "NOERROR" and r.answer == [], r
    # The alias follows its target.
    change(r53, zid, ("UPSERT", simple("web.al.pol.test.", "A", ["10.5.0.3"], ttl=5)))
    assert records(server, "www.al.pol.test") == ["10.5.0.3"]
    assert ask(server, "www.al.pol.test").ttls() == {5}

    listed = {(s["Name"], s["Type"]): s for s in all_rrsets(r53, zid)}
    www = listed[("www.al.pol.test.", "A")]
    assert www["AliasTarget"] == {"HostedZoneId": zid.split("/")[-1], "DNSName": "web.al.pol.test.", "EvaluateTargetHealth": False}, www
    assert "TTL" not in www and "ResourceRecords" not in www, www
    assert listed[("al.pol.test.", "A")]["AliasTarget"]["DNSName"] == "web.al.pol.test."

    change(r53, zid, ("DELETE", alias("hop.al.pol.test.", "A", zid, "www.al.pol.test.")))
    assert ask(server, "hop.al.pol.test").rcode == "NXDOMAIN"


def test_alias_to_a_weighted_name(server, r53):
    zid = create_zone(r53, "alw.pol.test")
    sets = {"one": (["10.6.0.1"], 11), "two": (["10.6.0.2"], 22)}
    change(r53, zid, *[("CREATE", weighted("w.alw.pol.test.", "A", i, 1, v, ttl)) for i, (v, ttl) in sets.items()])
    change(r53, zid, ("CREATE", alias("api.alw.pol.test.", "A", zid, "w.alw.pol.test.")))
    counts = {"one": 0, "two": 0}
    for reply in ask_many(server, "api.alw.pol.test", "A", 200):
        assert reply.owners() == {"api.alw.pol.test."}, reply
        counts[which_set(reply, sets)] += 1
    assert within_5_sigma(counts["one"], 200, 0.5), counts
    # Weighted aliases: each choice an alias.
    change(r53, zid,
           ("CREATE", simple("a.alw.pol.test.", "A", ["10.6.1.1"], ttl=33)),
           ("CREATE", simple("b.alw.pol.test.", "A", ["10.6.1.2"], ttl=44)),
           ("CREATE", alias("ab.alw.pol.test.", "A", zid, "a.alw.pol.test.", SetIdentifier="a", Weight=1)),
           ("CREATE", alias("ab.alw.pol.test.", "A", zid, "b.alw.pol.test.", SetIdentifier="b", Weight=0)))
    for reply in ask_many(server, "ab.alw.pol.test", "A", 30):
        assert reply.rdatas("A") == ["10.6.1.1"] and reply.ttls() == {33} and reply.owners() == {"ab.alw.pol.test."}, reply
    listed = sets_at(r53, zid, "ab.alw.pol.test", "A")
    assert [(s["SetIdentifier"], s["Weight"], s["AliasTarget"]["DNSName"]) for s in listed] == [
        ("a", 1, "a.alw.pol.test."), ("b", 0, "b.alw.pol.test.")], listed


# --------------------------------------------------------------------------- TTL 0 and listings


def test_ttl_zero_is_answered_as_zero(server, r53):
    zid = create_zone(r53, "ttl0.pol.test")
    change(r53, zid,
           ("CREATE", simple("s.ttl0.pol.test.", "A", ["10.7.0.1"], ttl=0)),
           ("CREATE", weighted("w.ttl0.pol.test.", "A", "only", 5, ["10.7.0.2"], ttl=0)),
           ("CREATE", multivalue("m.ttl0.pol.test.", "TXT", "only", ['"zero"'], ttl=0)))
    for name, rtype in (("s.ttl0.pol.test", "A"), ("w.ttl0.pol.test", "A"), ("m.ttl0.pol.test", "TXT")):
        r = ask(server, name, rtype)
        assert r.rcode == "NOERROR" and len(r.answer) == 1 and r.ttls() == {0}, r
        assert server.dig(name, rtype).answer[0][1] == 0
    listed = {(s["Name"], s["Type"]): s for s in all_rrsets(r53, zid)}
    assert listed[("w.ttl0.pol.test.", "A")]["TTL"] == 0


def test_list_shows_policies_sorted_by_identifier(server, r53):
    zid = create_zone(r53, "list.pol.test")
    change(r53, zid,
           ("CREATE", weighted("w.list.pol.test.", "A", "zulu", 9, ["10.8.0.3"], ttl=30)),
           ("CREATE", weighted("w.list.pol.test.", "A", "alpha", 0, ["10.8.0.1"], ttl=10)),
           ("CREATE", weighted("w.list.pol.test.", "A", "mike", 255, ["10.8.0.2"], ttl=20)),
           ("CREATE", multivalue("m.list.pol.test.", "A", "b", ["10.8.1.2"])),
           ("CREATE", multivalue("m.list.pol.test.", "A", "a", ["10.8.1.1"])),
           ("CREATE", simple("s.list.pol.test.", "A", ["10.8.2.1"])),
           ("CREATE", alias("x.list.pol.test.", "A", zid, "s.list.pol.test.")))
    sets = all_rrsets(r53, zid)
    w = [s for s in sets if s["Name"] == "w.list.pol.test."]
    assert [(s["SetIdentifier"], s["Weight"], s["TTL"], values(s)) for s in w] == [
        ("alpha", 0, 10, ["10.8.0.1"]), ("mike", 255, 20, ["10.8.0.2"]), ("zulu", 9, 30, ["10.8.0.3"])], w
    assert all("MultiValueAnswer" not in s for s in w), w
    m = [s for s in sets if s["Name"] == "m.list.pol.test."]
    assert [(s["SetIdentifier"], s["MultiValueAnswer"]) for s in m] == [("a", True), ("b", True)], m
    assert all("Weight" not in s for s in m), m
    s = next(s for s in sets if s["Name"] == "s.list.pol.test.")
    assert not {"SetIdentifier", "Weight", "MultiValueAnswer", "AliasTarget"} & set(s), s
    # Each identifier is a set of its own, for the count and for paging one at a time.
    assert r53.get_hosted_zone(Id=zid)["HostedZone"]["ResourceRecordSetCount"] == len(sets) == 2 + 3 + 2 + 1 + 1
    assert all_rrsets(r53, zid, page=1) == sets
    r = r53.list_resource_record_sets(HostedZoneId=zid, StartRecordName="w.list.pol.test", StartRecordType="A",
                                      StartRecordIdentifier="mike", MaxItems="1")
    assert [x["SetIdentifier"] for x in r["ResourceRecordSets"]] == ["mike"], r
    assert r["IsTruncated"] and r["NextRecordIdentifier"] == "zulu" and r["NextRecordName"] == "w.list.pol.test.", r


# --------------------------------------------------------------------------- refused batches


def test_refused_batches_change_nothing(server, r53):
    zid = create_zone(r53, "bad.pol.test")
    change(r53, zid,
           ("CREATE", weighted("w.bad.pol.test.", "A", "one", 1, ["10.9.0.1"], ttl=30)),
           ("CREATE", weighted("w.bad.pol.test.", "A", "two", 1, ["10.9.0.2"], ttl=30)),
           ("CREATE", simple("s.bad.pol.test.", "A", ["10.9.1.1"])),
           ("CREATE", multivalue("m.bad.pol.test.", "A", "one", ["10.9.2.1"])))
    new = ("CREATE", simple("new.bad.pol.test.", "A", ["10.9.9.9"]))
    queries = [("w.bad.pol.test", "A"), ("s.bad.pol.test", "A"), ("m.bad.pol.test", "A"),
               ("new.bad.pol.test", "A"), ("al.bad.pol.test", "A")]
    listing = {"rrsets": lambda: all_rrsets(r53, zid)}

    def refused(code: str, *changes, contains: tuple[str, ...] = ()) -> None:
        err = expect_error(code, change, r53, zid, new, *changes, http_status=400)
        for text in contains:
            assert text.lower() in err["Error"]["Message"].lower(), err

    with nothing_changes(server, "bad.pol.test", queries, listing):
        refused("InvalidChangeBatch", ("CREATE", weighted("w.bad.pol.test.", "A", "one", 5, ["10.9.0.9"])),
                contains=("[name='w.bad.pol.test.', type='A', set-identifier='one']", "already exists"))
        refused("InvalidChangeBatch", ("DELETE", weighted("w.bad.pol.test.", "A", "one", 2, ["10.9.0.1"], ttl=30)),
                contains=("set-identifier='one'", "do not match"))
        refused("InvalidChangeBatch", ("DELETE", weighted("w.bad.pol.test.", "A", "one", 1, ["10.9.0.1"], ttl=31)),
                contains=("do not match",))
        refused("InvalidChangeBatch", ("DELETE", weighted("w.bad.pol.test.", "A", "three", 1, ["10.9.0.1"], ttl=30)),
                contains=("set-identifier='three'", "not found"))
        refused("InvalidChangeBatch", ("CREATE", alias("al.bad.pol.test.", "A", zid, "missing.bad.pol.test.")),
                contains=("not found",))
        # An alias to a name that has only other types.
        refused("InvalidChangeBatch", ("CREATE", alias("al.bad.pol.test.", "AAAA", zid, "s.bad.pol.test.")),
                contains=("not found",))
        # A simple set and a weighted group at one name and type, either way round.
        refused("InvalidChangeBatch", ("CREATE", simple("w.bad.pol.test.", "A", ["10.9.0.9"])))
        refused("InvalidChangeBatch", ("CREATE", weighted("s.bad.pol.test.", "A", "x", 1, ["10.9.1.9"])))
        # One policy per group.
        refused("InvalidChangeBatch", ("CREATE", multivalue("w.bad.pol.test.", "A", "three", ["10.9.0.3"])))
        refused("InvalidChangeBatch", ("CREATE", weighted("m.bad.pol.test.", "A", "two", 1, ["10.9.2.2"])))
        refused("InvalidChangeBatch", ("UPSERT", multivalue("w.bad.pol.test.", "A", "one", ["10.9.0.1"])))
        # Deleting one set of two does not make room for a simple set.
        refused("InvalidChangeBatch", ("DELETE", weighted("w.bad.pol.test.", "A", "one", 1, ["10.9.0.1"], ttl=30)),
                ("CREATE", simple("w.bad.pol.test.", "A", ["10.9.0.9"])))
        # A CNAME group beside other data, either way round.
        refused("InvalidChangeBatch", ("CREATE", weighted("s.bad.pol.test.", "CNAME", "c", 1, ["x.example."])))
        refused("InvalidChangeBatch", ("CREATE", weighted("cn.bad.pol.test.", "CNAME", "c", 1, ["x.example."])),
                ("CREATE", simple("cn.bad.pol.test.", "TXT", ['"beside"'])))
        # Malformed sets: AWS's InvalidInput.
        refused("InvalidInput", ("CREATE", weighted("w.bad.pol.test.", "A", "big", 256, ["10.9.0.4"])))
        refused("InvalidInput", ("CREATE", dict(weighted("w.bad.pol.test.", "A", "both", 1, ["10.9.0.4"]), MultiValueAnswer=True)))
        refused("InvalidInput", ("CREATE", dict(simple("w.bad.pol.test.", "A", ["10.9.0.4"]), SetIdentifier="bare")))
        refused("InvalidInput", ("CREATE", dict(simple("w.bad.pol.test.", "A", ["10.9.0.4"]), Weight=1)))
        refused("InvalidInput", ("CREATE", dict(alias("al.bad.pol.test.", "A", zid, "s.bad.pol.test."), TTL=60)))


# --------------------------------------------------------------------------- aws command line


def test_awscli_weighted_and_alias(server, r53, tmp_path):
    zid = create_zone(r53, "cli.pol.test")
    batch = {"Comment": "canary", "Changes": [
        {"Action": "CREATE", "ResourceRecordSet": weighted("api.cli.pol.test.", "A", "stable", 9, ["10.10.0.1"], ttl=0)},
        {"Action": "CREATE", "ResourceRecordSet": weighted("api.cli.pol.test.", "A", "canary", 1, ["10.10.0.2"], ttl=0)},
        {"Action": "CREATE", "ResourceRecordSet": alias("cli.pol.test.", "A", zid, "api.cli.pol.test.")},
    ]}
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(batch))
    info = aws_cli(server, "route53", "change-resource-record-sets", "--hosted-zone-id", zid,
                   "--change-batch", f"file://{path}")["ChangeInfo"]
    assert aws_cli(server, "route53", "get-change", "--id", info["Id"])["ChangeInfo"]["Status"] == "INSYNC"
    counts = {"stable": 0, "canary": 0}
    sets = {"stable": (["10.10.0.1"], 0), "canary": (["10.10.0.2"], 0)}
    for name in ("api.cli.pol.test", "cli.pol.test"):
        for reply in ask_many(server, name, "A", N // 2):
            counts[which_set(reply, sets)] += 1
    assert within_5_sigma(counts["canary"], N, 0.1), counts
    assert server.dig("cli.pol.test", "A").answer[0][1] == 0

    listed = aws_cli(server, "route53", "list-resource-record-sets", "--hosted-zone-id", zid,
                     "--max-items", "2")  # the CLI pages by itself through NextRecord*
    got = [(s["Name"], s["Type"], s.get("SetIdentifier"), s.get("Weight")) for s in listed["ResourceRecordSets"]]
    assert got == [("cli.pol.test.", "A", None, None), ("cli.pol.test.", "NS", None, None)], got
    assert listed["ResourceRecordSets"][0]["AliasTarget"]["DNSName"] == "api.cli.pol.test."
    token = listed.get("NextToken")
    assert token, listed
    rest = aws_cli(server, "route53", "list-resource-record-sets", "--hosted-zone-id", zid, "--starting-token", token)
    got = [(s["Name"], s["Type"], s.get("SetIdentifier"), s.get("Weight")) for s in rest["ResourceRecordSets"]]
    assert got == [("cli.pol.test.", "SOA", None, None), ("api.cli.pol.test.", "A", "canary", 1),
                   ("api.cli.pol.test.", "A", "stable", 9)], got

    # A refused batch through the CLI: the error code on stderr, nothing changed.
    bad = {"Changes": [{"Action": "CREATE", "ResourceRecordSet": weighted("api.cli.pol.test.", "A", "stable", 1, ["10.10.0.9"])}]}
    path.write_text(json.dumps(bad))
    with nothing_changes(server, "cli.pol.test", [("api.cli.pol.test", "AAAA")], {"rrsets": lambda: all_rrsets(r53, zid)}, samples=1):
        p = aws_cli(server, "route53", "change-resource-record-sets", "--hosted-zone-id", zid,
                    "--change-batch", f"file://{path}", check=False)
        assert p.returncode != 0 and "InvalidChangeBatch" in p.stderr, p.stderr


def test_a_group_becomes_a_simple_set_in_one_batch(server, r53):
    zid = create_zone(r53, "swap.pol.test")
    change(r53, zid, ("CREATE", weighted("w.swap.pol.test.", "A", "only", 1, ["10.11.0.1"], ttl=30)))
    change(r53, zid, ("DELETE", weighted("w.swap.pol.test.", "A", "only", 1, ["10.11.0.1"], ttl=30)),
           ("CREATE", simple("w.swap.pol.test.", "A", ["10.11.0.2", "10.11.0.3"])))
    assert records(server, "w.swap.pol.test") == ["10.11.0.2", "10.11.0.3"]
    listed = sets_at(r53, zid, "w.swap.pol.test", "A")
    assert len(listed) == 1 and "SetIdentifier" not in listed[0], listed
    # And back: a CNAME group where the A set was.
    change(r53, zid, ("DELETE", simple("w.swap.pol.test.", "A", ["10.11.0.2", "10.11.0.3"])),
           ("CREATE", weighted("w.swap.pol.test.", "CNAME", "x", 1, ["x.example.org."])))
    assert records(server, "w.swap.pol.test", "CNAME") == ["x.example.org."]


def test_alias_whose_target_is_removed_answers_nodata(server, r53):
    zid = create_zone(r53, "gone.pol.test")
    change(r53, zid, ("CREATE", simple("t.gone.pol.test.", "A", ["10.12.0.1"])),
           ("CREATE", alias("a.gone.pol.test.", "A", zid, "t.gone.pol.test.")))
    assert records(server, "a.gone.pol.test") == ["10.12.0.1"]
    change(r53, zid, ("DELETE", simple("t.gone.pol.test.", "A", ["10.12.0.1"])))
    r = ask(server, "a.gone.pol.test", "A")
    assert r.rcode == "NOERROR" and r.answer == [], r
