"""Behaviour 4: answers (RFC 1034 4.3.2, RFC 2308, RFC 4592), seen through `dig`
(the real client) and, where the header itself is the point, raw dnspython.

Zone: Tests/integration/zones/test.internal.zone (SOA TTL 7200, MINIMUM 300)
and neg.internal.zone (SOA TTL 60, MINIMUM 900).
"""

from __future__ import annotations

import re
import struct

import dns.flags
import dns.message
import dns.opcode
import dns.rcode
import dns.rdatatype
import pytest

from helpers import dig, flag_names, query, rcode_name, rrset_texts, tcp, udp, udp_raw

Z = "test.internal."
SOA_OWNER = Z
NEG_TTL = 300  # min(SOA TTL 7200, MINIMUM 300)


@pytest.fixture
def d(v4):
    def run(*args):
        res = dig(v4, *args)
        assert res.status is not None, f"dig got no answer:\n{res}"
        return res

    return run


def assert_negative(res, status, neg_ttl=NEG_TTL, soa_owner=SOA_OWNER):
    assert res.status == status, res
    assert "aa" in res.flags, res
    assert "ra" not in res.flags, res
    soas = [r for r in res.authority if r[2] == "SOA"]
    assert len(soas) == 1, f"want the zone's SOA in authority:\n{res}"
    owner, ttl, _, _ = soas[0]
    assert owner == soa_owner, res
    assert ttl == neg_ttl, f"negative TTL must be min(SOA TTL, MINIMUM) = {neg_ttl}:\n{res}"


# ----------------------------------------------------------------- positive answers


def test_a_record_is_authoritative(d):
    res = d("www.test.internal", "A")
    assert res.status == "NOERROR", res
    assert "aa" in res.flags and "qr" in res.flags, res
    assert "ra" not in res.flags, res
    assert res.answer == [("www.test.internal.", 3600, "A", "10.0.0.10")], res


def test_explicit_record_ttl(d):
    res = d("ttl42.test.internal", "A")
    assert res.answer == [("ttl42.test.internal.", 42, "A", "10.0.0.42")], res


def test_aaaa_record(d):
    res = d("host6.test.internal", "AAAA")
    assert res.status == "NOERROR" and "aa" in res.flags, res
    assert res.answer == [("host6.test.internal.", 3600, "AAAA", "fd00::6")], res


def test_soa_query_at_apex(d):
    res = d("test.internal", "SOA")
    assert res.status == "NOERROR" and "aa" in res.flags, res
    assert len(res.answer) == 1, res
    owner, ttl, rtype, rdata = res.answer[0]
    assert (owner, ttl, rtype) == (Z, 7200, "SOA"), res
    assert rdata.split() == [
        "ns1.test.internal.", "hostmaster.test.internal.",
        "2026112101", "3600", "600", "86400", "300",
    ], res


def test_relative_names_and_origin_change(d):
    assert d("deep.test.internal", "A").rdatas("A") == ["10.0.9.0"]
    assert d("host.deep.test.internal", "A").rdatas("A") == ["10.0.9.1"]


def test_quoted_strings_and_escapes(d):
    res = d("txt.test.internal", "TXT")
    assert res.rdatas("TXT") == ['"hello world" "semi;colon" "quote\\"d" "back\\\\slash"'], res


def test_generic_rdata_rfc3597(d):
    res = d("generic.test.internal", "TYPE65534")
    assert res.status == "NOERROR", res
    assert [r.upper() for r in res.rdatas("TYPE65534")] == ["\\# 3 ABCDEF"], res
    res = d("generica.test.internal", "A")
    assert res.rdatas("A") == ["10.0.0.99"], res


# ----------------------------------------------------------------- negative answers


def test_nxdomain_has_soa_with_negative_ttl(d):
    res = d("nope.test.internal", "A")
    assert_negative(res, "NXDOMAIN")
    assert res.answer == [], res


def test_nodata_has_soa_with_negative_ttl(d):
    res = d("www.test.internal", "AAAA")
    assert_negative(res, "NOERROR")
    assert res.answer == [], res


def test_negative_ttl_is_soa_ttl_when_that_is_smaller(d):
    # neg.internal: SOA TTL 60, MINIMUM 900 -> 60
    assert_negative(d("nope.neg.internal", "A"), "NXDOMAIN", 60, "neg.internal.")
    assert_negative(d("www.neg.internal", "TXT"), "NOERROR", 60, "neg.internal.")


@pytest.mark.parametrize("name", ["b.c.test.internal", "c.test.internal"])
def test_empty_non_terminal_is_nodata(d, name):
    res = d(name, "A")
    assert_negative(res, "NOERROR")
    assert res.answer == [], res


def test_label_containing_a_dot_is_one_label(d):
    # `b\.c` is a single label "b.c": nothing is there, unlike the name b.c
    assert_negative(d("b\\.c.test.internal", "A"), "NXDOMAIN")
    # `www\.test.internal` is two labels, "www.test" and "internal": in no zone here
    res = d("www\\.test.internal", "A")
    assert res.status == "REFUSED" and res.answer == [], res


def test_below_empty_non_terminal_is_nxdomain(d):
    assert_negative(d("x.b.c.test.internal", "A"), "NXDOMAIN")
    assert d("a.b.c.test.internal", "A").rdatas("A") == ["10.0.0.3"]


# ----------------------------------------------------------------- wildcards (RFC 4592)


@pytest.mark.parametrize("name", ["foo.wild.test.internal", "a.b.wild.test.internal"])
def test_wildcard_synthesises_with_query_name(d, name):
    res = d(name, "A")
    assert res.status == "NOERROR" and "aa" in res.flags, res
    assert res.answer == [(name + ".", 3600, "A", "10.0.0.99")], res


def test_wildcard_other_type(d):
    res = d("foo.wild.test.internal", "TXT")
    assert res.answer == [("foo.wild.test.internal.", 3600, "TXT", '"wildcard"')], res


def test_wildcard_match_without_type_is_nodata(d):
    res = d("foo.wild.test.internal", "AAAA")
    assert_negative(res, "NOERROR")
    assert res.answer == [], res


def test_existing_name_is_not_covered_by_wildcard(d):
    assert d("explicit.wild.test.internal", "A").answer == [
        ("explicit.wild.test.internal.", 3600, "A", "10.0.0.98")
    ]
    # explicit.wild exists: no TXT there (NODATA), and the wildcard is not used
    res = d("explicit.wild.test.internal", "TXT")
    assert_negative(res, "NOERROR")
    # below explicit.wild the closest encloser is explicit.wild, which has no '*' child
    assert_negative(d("x.explicit.wild.test.internal", "A"), "NXDOMAIN")


def test_wildcard_does_not_cover_its_own_parent(d):
    # wild.test.internal exists only as an empty non-terminal above *.wild
    res = d("wild.test.internal", "A")
    assert_negative(res, "NOERROR")
    assert res.answer == [], res


def test_asking_for_the_wildcard_owner_itself(d):
    res = d("*.wild.test.internal", "A")
    assert res.answer == [("*.wild.test.internal.", 3600, "A", "10.0.0.99")], res


# ----------------------------------------------------------------- CNAME


def test_cname_chain_followed_inside_zone(d):
    res = d("alias.test.internal", "A")
    assert res.status == "NOERROR" and "aa" in res.flags, res
    assert res.answer == [
        ("alias.test.internal.", 3600, "CNAME", "alias2.test.internal."),
        ("alias2.test.internal.", 3600, "CNAME", "www.test.internal."),
        ("www.test.internal.", 3600, "A", "10.0.0.10"),
    ], res


def test_cname_query_returns_only_the_cname(d):
    res = d("alias.test.internal", "CNAME")
    assert res.answer == [("alias.test.internal.", 3600, "CNAME", "alias2.test.internal.")], res


def test_cname_leaving_the_zone_is_not_followed(d):
    res = d("out.test.internal", "A")
    assert res.status == "NOERROR" and "aa" in res.flags, res
    assert res.answer == [("out.test.internal.", 3600, "CNAME", "www.example.com.")], res


def test_cname_to_wildcard(d):
    res = d("towild.test.internal", "A")
    assert res.answer == [
        ("towild.test.internal.", 3600, "CNAME", "foo.wild.test.internal."),
        ("foo.wild.test.internal.", 3600, "A", "10.0.0.99"),
    ], res


def test_wildcard_cname_is_synthesised_and_followed(d):
    res = d("anything.wcname.test.internal", "A")
    assert res.status == "NOERROR" and "aa" in res.flags, res
    assert res.answer == [
        ("anything.wcname.test.internal.", 3600, "CNAME", "alias.test.internal."),
        ("alias.test.internal.", 3600, "CNAME", "alias2.test.internal."),
        ("alias2.test.internal.", 3600, "CNAME", "www.test.internal."),
        ("www.test.internal.", 3600, "A", "10.0.0.10"),
    ], res


def test_dangling_cname_gives_nxdomain_with_the_cname(d):
    # RFC 6604 2.1: the rcode is that of the last name in the chain.
    res = d("dangling.test.internal", "A")
    assert res.answer == [("dangling.test.internal.", 3600, "CNAME", "nothere.test.internal.")], res
    assert_negative(res, "NXDOMAIN")


def test_cname_chain_to_nodata_carries_soa(d):
    res = d("alias.test.internal", "AAAA")
    assert [r[2] for r in res.answer] == ["CNAME", "CNAME"], res
    assert_negative(res, "NOERROR")


@pytest.mark.parametrize("name", ["loop1.test.internal", "self.test.internal"])
def test_cname_loop_is_stopped(v4, name):
    res = udp(query(name, "A"), v4)
    assert rcode_name(res) in ("NOERROR", "SERVFAIL"), res
    owners = [(rr.name.to_text().lower(), rr.rdtype) for rr in res.answer]
    assert len(owners) == len(set(owners)), f"an RRset repeats: the loop was not stopped\n{res}"
    assert len(owners) <= 2, res
    if owners:
        assert owners[0] == (name + ".", dns.rdatatype.CNAME), res


# ----------------------------------------------------------------- additional section


def test_srv_targets_get_addresses_in_additional(d):
    res = d("_sip._tcp.test.internal", "SRV")
    assert res.status == "NOERROR" and "aa" in res.flags, res
    assert sorted(res.rdatas("SRV")) == sorted([
        "10 60 5060 sip1.test.internal.",
        "10 40 5060 sip2.test.internal.",
        "20 0 5060 sip.example.com.",
    ]), res
    extra = {(r[0], r[2], r[3]) for r in res.additional if r[2] in ("A", "AAAA")}
    assert extra == {
        ("sip1.test.internal.", "A", "10.0.7.1"),
        ("sip1.test.internal.", "AAAA", "fd00::7:1"),
        ("sip2.test.internal.", "A", "10.0.7.2"),
    }, res


def test_mx_targets_get_addresses_in_additional(d):
    res = d("test.internal", "MX")
    assert sorted(res.rdatas("MX")) == ["10 mail.test.internal.", "20 mx.example.com."], res
    extra = {(r[0], r[2], r[3]) for r in res.additional if r[2] in ("A", "AAAA")}
    assert extra == {
        ("mail.test.internal.", "A", "10.0.8.1"),
        ("mail.test.internal.", "AAAA", "fd00::8:1"),
    }, res


def test_ns_targets_get_addresses_in_additional(d):
    res = d("test.internal", "NS")
    assert res.status == "NOERROR" and "aa" in res.flags, res
    assert sorted(res.rdatas("NS")) == ["ns1.test.internal.", "ns2.test.internal."], res
    extra = {(r[0], r[2], r[3]) for r in res.additional if r[2] in ("A", "AAAA")}
    assert extra == {
        ("ns1.test.internal.", "A", "10.53.0.1"),
        ("ns1.test.internal.", "AAAA", "fd00:53::1"),
        ("ns2.test.internal.", "A", "10.53.0.2"),
    }, res


# ----------------------------------------------------------------- delegation


@pytest.mark.parametrize(
    "name,rtype",
    [("www.sub.test.internal", "A"), ("sub.test.internal", "NS"),
     ("ns.sub.test.internal", "A"), ("deeper.www.sub.test.internal", "TXT")],
)
def test_referral_below_zone_cut(d, name, rtype):
    res = d(name, rtype)
    assert res.status == "NOERROR", res
    assert "aa" not in res.flags, f"a referral is not authoritative:\n{res}"
    assert res.answer == [], res
    ns = sorted((r[0], r[3]) for r in res.authority if r[2] == "NS")
    assert ns == [
        ("sub.test.internal.", "ns.elsewhere.example."),
        ("sub.test.internal.", "ns.sub.test.internal."),
    ], res
    assert not [r for r in res.authority if r[2] == "SOA"], res
    glue = {(r[0], r[2], r[3]) for r in res.additional if r[2] in ("A", "AAAA")}
    assert glue == {
        ("ns.sub.test.internal.", "A", "10.0.5.1"),
        ("ns.sub.test.internal.", "AAAA", "fd00::5:1"),
    }, res


def test_child_zone_served_here_answers_authoritatively(d):
    res = d("www.kid.test.internal", "A")
    assert res.status == "NOERROR" and "aa" in res.flags, res
    assert res.answer == [("www.kid.test.internal.", 600, "A", "10.0.10.1")], res
    res = d("kid.test.internal", "SOA")
    assert "aa" in res.flags and res.rdatas("SOA"), res
    assert res.rdatas("SOA")[0].split()[-1] == "120", res  # the child's SOA
    res = d("nope.kid.test.internal", "A")
    assert_negative(res, "NXDOMAIN", 120, "kid.test.internal.")


# ----------------------------------------------------------------- refused / errors


@pytest.mark.parametrize("name", ["www.example.com", "internal", "test.internal.example"])
def test_names_outside_every_zone_are_refused(d, name):
    res = d(name, "A")
    assert res.status == "REFUSED", res
    assert "ra" not in res.flags and "aa" not in res.flags, res
    assert res.answer == [], res


@pytest.mark.parametrize("args", [("-c", "CH", "version.bind", "TXT"),
                                  ("-c", "CH", "www.test.internal", "A"),
                                  ("-c", "HS", "www.test.internal", "A"),
                                  ("-c", "ANY", "www.test.internal", "A"),
                                  ("-c", "CLASS42", "www.test.internal", "A")])
def test_classes_other_than_in_are_refused(d, args):
    res = d(*args)
    assert res.status == "REFUSED", res
    assert "ra" not in res.flags, res
    assert res.answer == [], res


@pytest.mark.parametrize("opcode", [dns.opcode.IQUERY, dns.opcode.STATUS,
                                    dns.opcode.NOTIFY, dns.opcode.UPDATE, 6, 15])
def test_opcodes_other_than_query_get_notimp(v4, opcode):
    q = query("www.test.internal", "A")
    wire = bytearray(q.to_wire())
    wire[2] = (wire[2] & 0x87) | (int(opcode) << 3)
    reply = udp_raw(bytes(wire), v4)
    assert reply is not None, f"no reply to opcode {opcode}"
    rid, flags = struct.unpack("!HH", reply[:4])
    assert rid == q.id
    assert flags & 0x8000, "QR not set"
    assert (flags >> 11) & 0xF == int(opcode), "opcode not echoed"
    assert flags & 0xF == dns.rcode.NOTIMP, f"rcode {flags & 0xF}, want NOTIMP (4)"


def test_status_opcode_via_dig(d):
    res = d("www.test.internal", "A", "+opcode=status")
    assert res.status == "NOTIMP", res


def test_qdcount_zero_is_formerr(d):
    res = d("+header-only", "www.test.internal")  # dig sends QDCOUNT=0
    assert res.status == "FORMERR", res


def test_qdcount_two_is_formerr(v4):
    q = query("www.test.internal", "A")
    wire = bytearray(q.to_wire())
    question = wire[12:]
    wire[4:6] = struct.pack("!H", 2)
    reply = udp_raw(bytes(wire + question), v4)
    assert reply is not None, "no reply to QDCOUNT=2"
    (rid, flags) = struct.unpack("!HH", reply[:4])
    assert rid == q.id and flags & 0x8000
    assert flags & 0xF == dns.rcode.FORMERR, f"rcode {flags & 0xF}, want FORMERR"


def test_query_with_qr_set_is_dropped(v4):
    q = query("www.test.internal", "A")
    q.flags |= dns.flags.QR
    assert udp_raw(q.to_wire(), v4, timeout=1.0) is None, "a packet with QR set was answered"
    assert rcode_name(udp(query("www.test.internal", "A"), v4)) == "NOERROR"


# ----------------------------------------------------------------- header details


def test_question_echoed_in_clients_letter_case(v4):
    q = query("WwW.TeSt.InTeRnAl", "A")
    wire = q.to_wire()
    reply = udp_raw(wire, v4)
    assert reply is not None
    qlen = len(wire) - 12
    assert reply[12:12 + qlen] == wire[12:], "question not echoed byte for byte"
    res = dns.message.from_wire(reply)
    assert [r[3] for r in rrset_texts(res.answer)] == ["10.0.0.10"], res


def test_question_case_via_dig(d):
    res = d("MiXeDcAsE.TEST.internal", "A")
    assert re.search(r"^;MiXeDcAsE\.TEST\.internal\.\s+IN\s+A\s*$", res.output, re.M), res
    assert res.rdatas("A") == ["10.0.0.30"], res


@pytest.mark.parametrize("rd", [True, False])
def test_rd_is_copied_and_ra_is_clear(d, rd):
    res = d("www.test.internal", "A", "+rec" if rd else "+norec")
    assert ("rd" in res.flags) == rd, res
    assert "ra" not in res.flags, res


def test_rd_copied_on_refused_and_nxdomain(v4):
    for name in ("www.example.com", "nope.test.internal"):
        res = udp(query(name, "A", rd=True), v4)
        assert "rd" in flag_names(res) and "ra" not in flag_names(res), res


def test_any_over_tcp_gives_everything(d):
    res = d("multi.test.internal", "ANY", "+tcp")
    assert res.status == "NOERROR" and "aa" in res.flags, res
    assert {"A", "AAAA", "TXT", "MX"} <= res.types(), res
    assert res.rdatas("A") == ["10.0.0.20"], res


def test_any_over_udp_full_or_rfc8482(d, v4):
    res = d("multi.test.internal", "ANY", "+notcp", "+ignore")
    assert res.status == "NOERROR" and "(UDP)" in res.output, res
    types = res.types()
    if types == {"HINFO"}:
        assert res.rdatas("HINFO") == ['"RFC8482" ""'], res
    else:
        assert {"A", "AAAA", "TXT", "MX"} <= types, res
    raw = udp(query("multi.test.internal", "ANY"), v4)
    assert rcode_name(raw) == "NOERROR" and raw.answer, raw


def test_large_any_truncates_over_udp_and_is_whole_over_tcp(v4):
    res = udp(query("big.test.internal", "ANY", edns=0, payload=1232), v4)
    if [rr.rdtype for rr in res.answer] != [dns.rdatatype.HINFO]:
        assert "tc" in flag_names(res), f"~3200 bytes of ANY in a 1232-byte reply:\n{res}"
    res = tcp(query("big.test.internal", "ANY"), v4)
    assert "tc" not in flag_names(res)
    assert sum(len(r) for r in res.answer if r.rdtype == dns.rdatatype.TXT) == 60


def test_id_is_echoed(v4):
    for qid in (0, 1, 0xBEEF, 0xFFFF):
        q = query("www.test.internal", "A", want_id=qid)
        assert udp(q, v4).id == qid


def test_tcp_answers_match_udp(v4):
    for name, rtype in [("alias.test.internal", "A"), ("_sip._tcp.test.internal", "SRV"),
                        ("nope.test.internal", "A")]:
        u = udp(query(name, rtype), v4)
        t = tcp(query(name, rtype), v4)
        assert u.rcode() == t.rcode() and u.flags == t.flags
        assert sorted(rrset_texts(u.answer)) == sorted(rrset_texts(t.answer))
        assert sorted(rrset_texts(u.authority)) == sorted(rrset_texts(t.authority))
