"""The network checks' reasoning, without a network: SIP answers parsed, STUN answers decoded,
NAT types classified, probe figures scored, transports and registration verdicts worded."""

import os
import socket
import struct

import pytest

from softphone.config import ConfigError, ReadinessSettings, SipSettings
from softphone.devices.readiness import stun
from softphone.devices.readiness.network import (
    NO_PASSWORD,
    RegistrationState,
    check_registration,
    targets,
)
from softphone.devices.readiness.quality_probe import figures
from softphone.devices.readiness.sip_ping import options_request, parse_status


def test_the_options_request_is_well_formed() -> None:
    text = options_request("pbx.example", 5061, "tls", ("10.0.0.2", 40000), 3, "abc").decode()
    head, _, body = text.partition("\r\n\r\n")
    lines = head.split("\r\n")
    assert lines[0] == "OPTIONS sips:pbx.example:5061 SIP/2.0"
    assert body == ""
    headers = {line.split(":", 1)[0]: line.split(":", 1)[1].strip() for line in lines[1:]}
    assert headers["Via"].startswith("SIP/2.0/TLS 10.0.0.2:40000;branch=z9hG4bK")
    assert headers["CSeq"] == "3 OPTIONS"
    assert headers["Content-Length"] == "0"
    assert {"From", "To", "Call-ID", "Max-Forwards"} <= set(headers)


def test_ipv6_hosts_are_bracketed() -> None:
    text = options_request("2001:db8::1", 5060, "udp", ("2001:db8::2", 5062), 1, "x").decode()
    assert text.startswith("OPTIONS sip:[2001:db8::1]:5060 SIP/2.0")
    assert "SIP/2.0/UDP [2001:db8::2]:5062" in text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"SIP/2.0 200 OK\r\nCSeq: 7 OPTIONS\r\n\r\n", (200, "OK", 7)),
        (
            b"SIP/2.0 405 Method Not Allowed\r\ncseq:  2 OPTIONS\r\n\r\n",
            (405, "Method Not Allowed", 2),
        ),
        (b"SIP/2.0 100 Trying\r\n\r\n", (100, "Trying", -1)),
        (b"HTTP/1.1 200 OK\r\n\r\n", None),
        (b"SIP/2.0 2000 Huh\r\n\r\n", None),
        (b"\x16\x03\x01garbage", None),
    ],
)
def test_status_lines(data: bytes, expected: object) -> None:
    assert parse_status(data) == expected


def stun_response(
    transaction: bytes, mapped: tuple[str, int], other: tuple[str, int] | None
) -> bytes:
    def xor_address(ip: str, port: int) -> bytes:
        raw = socket.inet_aton(ip)
        key = struct.pack("!I", stun.MAGIC)
        xored = bytes(b ^ k for b, k in zip(raw, key, strict=True))
        return struct.pack("!BBH", 0, 1, port ^ (stun.MAGIC >> 16)) + xored

    attrs = struct.pack("!HH", stun.XOR_MAPPED_ADDRESS, 8) + xor_address(*mapped)
    if other:
        plain = struct.pack("!BBH", 0, 1, other[1]) + socket.inet_aton(other[0])
        attrs += struct.pack("!HH", stun.OTHER_ADDRESS, 8) + plain
    attrs += struct.pack("!HH", 0x8022, 5) + b"coturn"[:5] + b"\0\0\0"  # SOFTWARE, padded
    return struct.pack("!HHI", stun.BINDING_SUCCESS, len(attrs), stun.MAGIC) + transaction + attrs


def test_a_stun_answer_is_decoded() -> None:
    transaction = os.urandom(12)
    data = stun_response(transaction, ("203.0.113.7", 40123), ("198.51.100.2", 3479))
    answer = stun.parse_binding_response(data, transaction)
    assert answer is not None
    assert answer.mapped == ("203.0.113.7", 40123)
    assert answer.other == ("198.51.100.2", 3479)


def test_a_stun_answer_to_someone_else_is_ignored() -> None:
    data = stun_response(os.urandom(12), ("203.0.113.7", 1), None)
    assert stun.parse_binding_response(data, os.urandom(12)) is None
    assert stun.parse_binding_response(b"\x01\x01", os.urandom(12)) is None


LOCAL, PUBLIC, OTHER = ("10.0.0.2", 5000), ("203.0.113.7", 6000), ("198.51.100.2", 3479)


@pytest.mark.parametrize(
    ("mapped", "other", "via_ip", "via_both", "nat"),
    [
        (LOCAL, None, None, None, "none"),
        (PUBLIC, None, None, None, "unknown"),
        (PUBLIC, OTHER, PUBLIC, None, "endpoint-independent"),
        (PUBLIC, OTHER, ("203.0.113.7", 6001), ("203.0.113.7", 6001), "address-dependent"),
        (PUBLIC, OTHER, ("203.0.113.7", 6001), ("203.0.113.7", 6002), "symmetric"),
    ],
)
def test_nat_types(mapped, other, via_ip, via_both, nat) -> None:
    assert stun.classify(LOCAL, mapped, other, via_ip, via_both) == nat


def test_probe_figures_take_the_median_rtt_and_count_loss() -> None:
    got = figures([20.0, 22.0, None, 21.0, 500.0])
    assert got.rtt_ms == 22.0  # one slow answer does not move the median far
    assert got.loss_pct == 20.0 and got.answered == 4 and got.sent == 5
    assert got.jitter_ms == pytest.approx((2 + 1 + 479) / 3, abs=0.01)


def test_a_clean_path_scores_high_and_a_dead_one_lowest() -> None:
    assert figures([10.0] * 20).mos >= 4.3
    dead = figures([None] * 5)
    assert dead.mos == 1.0 and dead.loss_pct == 100.0


def test_transports_tried_besides_the_profiles_own() -> None:
    sip = SipSettings(server="pbx.example:5080", transport="udp")
    found = targets(sip, "udp, tcp, tls")
    assert [(t.transport, t.port, t.used) for t in found] == [
        ("udp", 5080, True),
        ("tcp", 5080, False),  # UDP and TCP share the listener
        ("tls", 5061, False),
    ]
    tls = SipSettings(server="pbx.example", transport="tls", outbound_proxy="sbc.example:5071")
    assert [(t.transport, t.host, t.port) for t in targets(tls, "udp:5060")] == [
        ("tls", "sbc.example", 5071),
        ("udp", "sbc.example", 5060),
    ]
    with pytest.raises(ConfigError, match="sip_transports"):
        targets(sip, "sctp")


@pytest.mark.parametrize(
    ("state", "status", "words"),
    [
        (RegistrationState(True, 200, "OK"), "pass", "registered"),
        (RegistrationState(False, 403, "Forbidden"), "fail", "credentials set"),
        (RegistrationState(False, 404, "Not Found"), "fail", "does not know this user"),
        (RegistrationState(False, 0, NO_PASSWORD), "fail", "Store the SIP password"),
        (RegistrationState(None), "fail", "does not answer"),
        (None, "skip", ""),
    ],
)
def test_registration_verdicts(state, status, words) -> None:
    check = check_registration(state)
    assert check.status == status
    assert words in check.fix + check.summary


def test_readiness_thresholds_from_settings() -> None:
    from softphone.config import parse_settings

    ready = parse_settings("[readiness]\nmax_rtt_ms = 250\nmin_mos = 3.8\n").readiness
    assert ready.max_rtt_ms == 250.0 and ready.min_mos == 3.8
    assert ready.max_jitter_ms == 30.0 and ready.max_loss_pct == 3.0  # Twilio-like defaults
    assert ReadinessSettings().probe_packets == 20
    with pytest.raises(ConfigError, match="must be a float"):
        parse_settings("[readiness]\nmax_rtt_ms = 'fast'\n")
    with pytest.raises(ConfigError, match="negative"):
        parse_settings("[readiness]\nmax_loss_pct = -1\n")
    with pytest.raises(ConfigError, match="probe_packets"):
        parse_settings("[readiness]\nprobe_packets = 0\n")
    with pytest.raises(ConfigError, match="sip_transports"):
        parse_settings("[readiness]\nsip_transports = 'udp,sctp'\n")
    assert parse_settings("[readiness]\nsip_transports = 'udp, TLS:5061'\n")
