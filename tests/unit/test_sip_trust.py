"""Who may ring the agent (softphone.sip.trust), and how a stranger's connection is told from
the server's (softphone.sip.connections), without a network: names resolve through a stub."""

from __future__ import annotations

import ctypes
import logging

import pytest

from softphone.config import ConfigError, SipSettings, parse_settings
from softphone.sip.connections import ConnectionGuard, accepted, connection_name, opened_by_us
from softphone.sip.trust import SourceGate, host_of

DNS = {"pbx.example.com": ["10.0.0.5", "10.0.0.6"], "sbc.example.com": ["192.0.2.7"]}


def gate(**sip: str) -> SourceGate:
    settings = SipSettings(server="pbx.example.com:5060", user="1001", **sip)
    sources = SourceGate(settings, resolver=lambda name: DNS.get(name, []))
    sources.refresh()
    return sources


def test_the_server_and_every_address_it_resolves_to_are_trusted() -> None:
    sources = gate()
    assert sources.trusts("10.0.0.5:5060") and sources.trusts("10.0.0.6:40000")
    assert not sources.trusts("10.0.0.7:5060")
    assert not sources.trusts("garbage")


def test_trusted_sources_take_addresses_networks_and_names() -> None:
    sources = gate(trusted_sources="198.51.100.9, 172.16.0.0/12, sbc.example.com")
    assert sources.trusts("198.51.100.9:5060")
    assert sources.trusts("172.20.1.2:5060")
    assert sources.trusts("192.0.2.7:5061")
    assert not sources.trusts("198.51.100.10:5060")


def test_where_the_registrar_answers_from_is_learned() -> None:
    sources = gate()
    sources.learn("10.9.9.9:5060")  # a 200 to our REGISTER came from there
    assert sources.trusts("10.9.9.9:5080")


def test_ipv6_and_mapped_addresses() -> None:
    sources = gate(trusted_sources="2001:db8::/32, 203.0.113.4")
    assert host_of("[2001:db8::1]:5060") == "2001:db8::1"
    assert sources.trusts("[2001:db8::1]:5060")
    assert sources.trusts("[::ffff:203.0.113.4]:5060")


def test_refusals_are_counted_and_logged_at_most_once_a_minute(caplog) -> None:
    sources = gate()
    with caplog.at_level(logging.INFO, logger="softphone.sip.trust"):
        for _ in range(50):
            sources.refuse("INVITE", "127.0.0.2:5060")
    assert sources.summary() == (50, "127.0.0.2")
    (record,) = caplog.records
    assert record.levelno == logging.WARNING
    assert "INVITE from 127.0.0.2:5060" in record.getMessage()


@pytest.mark.parametrize("entry", ["10.0.0.0/33", "sbc example", "a/b"])
def test_a_trusted_source_that_is_no_address_is_refused_by_name(entry: str) -> None:
    with pytest.raises(ConfigError, match="trusted_sources"):
        parse_settings(f'[sip]\nserver = "pbx"\ntrusted_sources = "{entry}"\n')


def test_the_digest_realm_defaults_to_the_domain() -> None:
    assert SipSettings(server="pbx.example.com").auth_realm == "pbx.example.com"
    assert SipSettings(server="pbx", domain="corp.example").auth_realm == "corp.example"
    assert SipSettings(server="pbx", realm="asterisk").auth_realm == "asterisk"


def fake_transport(name: bytes) -> tuple[ctypes.Array[ctypes.c_char], int]:
    """A buffer laid out as pjsip_transport starts: obj_name[32] first."""
    buffer = ctypes.create_string_buffer(name.ljust(64, b"\0"))
    return buffer, ctypes.addressof(buffer)


def test_connections_are_told_apart_by_pjsips_own_name() -> None:
    theirs, theirs_at = fake_transport(b"tcps0x55d0c0ffee00")
    ours, ours_at = fake_transport(b"tlsc0x55d0c0ffee80")
    assert accepted(connection_name(theirs_at)) and not opened_by_us(connection_name(theirs_at))
    assert opened_by_us(connection_name(ours_at))
    assert connection_name(None) == "" and connection_name(0) == ""
    del theirs, ours


def test_a_strangers_connection_is_shut_and_only_ours_counts_as_the_servers() -> None:
    shut: list[object] = []
    lost: list[bool] = []
    guard = ConnectionGuard(gate(), shut.append, lambda: lost.append(True))
    stranger, stranger_at = fake_transport(b"tcps0x1")
    server, server_at = fake_transport(b"tcps0x2")
    ours, ours_at = fake_transport(b"tcpc0x3")
    guard.noticed_log(
        "TCP listener 10.0.0.2:5060: got incoming TCP connection from 127.0.0.2:4000, sock=9"
    )
    guard.connected(stranger_at)
    guard.noticed_log(
        "TCP listener 10.0.0.2:5060: got incoming TCP connection from 10.0.0.5:4001, sock=10"
    )
    guard.connected(server_at)
    assert shut == [stranger_at] and guard.open_accepted == 1
    guard.disconnected(stranger_at)
    guard.disconnected(server_at)
    assert lost == []  # connections opened to us are never the registrar's
    guard.disconnected(ours_at)
    assert lost == [True]
    del stranger, server, ours
