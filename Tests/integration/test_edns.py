"""Behaviour 5: EDNS(0) (RFC 6891) and truncation (RFC 1035 4.2.1, RFC 2181 9).

Sizes in test.internal: `medium` 12 A (~250 bytes), `many` 40 A (~700 bytes),
`big` 60 TXT (~3200 bytes).
"""

from __future__ import annotations

import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype
import pytest

from helpers import dig, flag_names, kdig, query, rcode_name, tcp, udp, udp_raw

MANY = "many.test.internal"
BIG = "big.test.internal"
MEDIUM = "medium.test.internal"


def answer_count(msg, rdtype):
    return sum(len(r) for r in msg.answer if r.rdtype == dns.rdatatype.from_text(rdtype))


def udp_sized(q, addr):
    """(parsed reply, reply size in bytes)"""
    wire = udp_raw(q.to_wire(), addr)
    assert wire is not None, f"no reply to {q.question[0]}"
    msg = dns.message.from_wire(wire, raise_on_truncation=False)
    assert msg.id == q.id
    return msg, len(wire)


def assert_cut_at_rrset_boundary(msg, rdtype, full):
    """A truncated reply holds whole RRsets only: all `full` records or none."""
    n = answer_count(msg, rdtype)
    assert n in (0, full), f"TC reply carries {n} of {full} records of one RRset:\n{msg}"


# ----------------------------------------------------------------- OPT presence


@pytest.mark.parametrize("name,rtype", [("www.test.internal", "A"), ("nope.test.internal", "A"),
                                        ("www.example.com", "A")])
def test_no_opt_in_reply_without_opt_in_query(v4, name, rtype):
    for send in (udp, tcp):
        res = send(query(name, rtype), v4)
        assert res.edns == -1 and res.opt is None, f"unexpected OPT over {send.__name__}:\n{res}"


@pytest.mark.parametrize("name,rtype,rcode", [("www.test.internal", "A", "NOERROR"),
                                              ("nope.test.internal", "A", "NXDOMAIN"),
                                              ("www.example.com", "A", "REFUSED")])
def test_opt_in_reply_when_query_has_one(v4, name, rtype, rcode):
    for send in (udp, tcp):
        res = send(query(name, rtype, edns=0), v4)
        assert rcode_name(res) == rcode, res
        assert res.edns == 0, f"reply over {send.__name__} lacks an EDNS(0) OPT:\n{res}"
        assert 512 <= res.payload <= 65535, res


def test_dig_shows_edns_in_reply(v4):
    res = dig(v4, "www.test.internal", "A", "+edns=0", "+bufsize=1232")
    assert res.status == "NOERROR" and res.edns_version == 0, res
    res = dig(v4, "www.test.internal", "A", "+noedns")
    assert res.status == "NOERROR" and res.edns_version is None, res


# ----------------------------------------------------------------- BADVERS


def test_edns_version_1_gets_badvers(v4):
    res = udp(query("www.test.internal", "A", edns=1), v4)
    assert res.rcode() == dns.rcode.BADVERS, f"want BADVERS (16), got {rcode_name(res)}:\n{res}"
    assert res.edns == 0, f"BADVERS reply must carry an OPT with version 0:\n{res}"
    assert res.answer == [], res


def test_badvers_via_dig_and_kdig(v4):
    res = dig(v4, "www.test.internal", "A", "+edns=1", "+noednsnegotiation")
    assert res.status == "BADVERS", res
    res = kdig(v4, "www.test.internal", "A", "+edns=1")
    assert res.status == "BADVERS", res


# ----------------------------------------------------------------- payload size


def test_no_edns_limit_is_512(v4):
    res, size = udp_sized(query(MANY, "A"), v4)
    assert "tc" in flag_names(res), f"~700-byte answer without EDNS must be truncated:\n{res}"
    assert size <= 512
    assert_cut_at_rrset_boundary(res, "A", 40)
    assert res.question[0].name.to_text() == MANY + "."


def test_edns_payload_honoured(v4):
    res, size = udp_sized(query(MANY, "A", edns=0, payload=1232), v4)
    assert "tc" not in flag_names(res), res
    assert answer_count(res, "A") == 40 and size <= 1232
    res, size = udp_sized(query(MANY, "A", edns=0, payload=600), v4)
    assert "tc" in flag_names(res), f"client asked for 600 bytes:\n{res}"
    assert size <= 600
    assert_cut_at_rrset_boundary(res, "A", 40)


def test_payload_below_512_is_treated_as_512(v4):
    # RFC 6891 6.2.5: values below 512 are treated as 512.
    res, size = udp_sized(query(MEDIUM, "A", edns=0, payload=100), v4)
    assert "tc" not in flag_names(res), res
    assert answer_count(res, "A") == 12


def test_truncation_keeps_whole_rrsets(v4):
    # tomany CNAME many: the CNAME fits in 512 bytes, the 40 A records do not
    res, size = udp_sized(query("tomany.test.internal", "A"), v4)
    assert "tc" in flag_names(res) and size <= 512, res
    assert_cut_at_rrset_boundary(res, "A", 40)
    assert answer_count(res, "CNAME") in (0, 1), res
    if answer_count(res, "A"):
        assert answer_count(res, "CNAME") == 1, f"A records without the CNAME before them:\n{res}"
    full = tcp(query("tomany.test.internal", "A"), v4)
    assert answer_count(full, "CNAME") == 1 and answer_count(full, "A") == 40, full
    res, _ = udp_sized(query("tomany.test.internal", "A", edns=0, payload=1232), v4)
    assert "tc" not in flag_names(res) and answer_count(res, "A") == 40, res


def test_payload_capped_at_server_maximum(v4):
    res, size = udp_sized(query(BIG, "TXT", edns=0, payload=4096), v4)
    assert size <= 1232, f"reply of {size} bytes exceeds Shoal's default maximum 1232"
    assert "tc" in flag_names(res), res
    assert_cut_at_rrset_boundary(res, "TXT", 60)
    assert res.edns == 0


def test_truncated_reply_still_authoritative_with_question(v4):
    res, _ = udp_sized(query(BIG, "TXT", edns=0, payload=1232), v4)
    flags = flag_names(res)
    assert {"qr", "aa", "tc"} <= flags, res
    assert rcode_name(res) == "NOERROR"
    assert res.question[0].name.to_text() == BIG + "."


def test_same_query_over_tcp_gets_everything(v4):
    res = tcp(query(BIG, "TXT", edns=0, payload=1232), v4)
    assert "tc" not in flag_names(res), res
    assert answer_count(res, "TXT") == 60
    res = tcp(query(MANY, "A"), v4)
    assert "tc" not in flag_names(res) and answer_count(res, "A") == 40


def test_dig_retries_over_tcp_after_tc(v4):
    res = dig(v4, BIG, "TXT", "+bufsize=1232")
    assert res.truncated_retry, f"dig should have seen TC and retried over TCP:\n{res}"
    assert res.status == "NOERROR" and len(res.rdatas("TXT")) == 60, res
    assert "tc" not in res.flags


def test_dig_sees_tc_flag(v4):
    res = dig(v4, MANY, "A", "+noedns", "+ignore")
    assert "tc" in res.flags, res
    assert len(res.rdatas("A")) in (0, 40), res


def test_kdig_large_answer_over_tcp(v4):
    res = kdig(v4, BIG, "TXT", "+tcp")
    assert res.status == "NOERROR" and len(res.rdatas("TXT")) == 60, res


def test_max_udp_payload_flag(shoal_factory):
    server = shoal_factory(extra=["--max-udp-payload", "4096"], dns=["127.0.0.1:0"])
    res, size = udp_sized(query(BIG, "TXT", edns=0, payload=4096), server.v4)
    assert "tc" not in flag_names(res), f"--max-udp-payload 4096 should fit ~3200 bytes:\n{res}"
    assert answer_count(res, "TXT") == 60 and size <= 4096
    # the client's smaller size still wins
    res, size = udp_sized(query(BIG, "TXT", edns=0, payload=1232), server.v4)
    assert "tc" in flag_names(res) and size <= 1232
    # and no EDNS is still 512
    res, size = udp_sized(query(MANY, "A"), server.v4)
    assert "tc" in flag_names(res) and size <= 512


def test_small_max_udp_payload_flag(shoal_factory):
    server = shoal_factory(extra=["--max-udp-payload", "512"], dns=["127.0.0.1:0"])
    res, size = udp_sized(query(MANY, "A", edns=0, payload=4096), server.v4)
    assert "tc" in flag_names(res) and size <= 512, res
    res, size = udp_sized(query(MEDIUM, "A", edns=0, payload=4096), server.v4)
    assert "tc" not in flag_names(res) and answer_count(res, "A") == 12
