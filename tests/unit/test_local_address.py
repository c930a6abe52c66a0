"""The address we announce in Via/Contact is the one that faces the SIP server."""

from __future__ import annotations

import time

from softphone.sip.local_address import local_address_toward


def test_a_server_on_loopback_is_reached_from_loopback() -> None:
    assert local_address_toward("127.0.0.1:5060") == "127.0.0.1"
    assert local_address_toward("localhost") == "127.0.0.1"


def test_what_cannot_be_told_is_left_to_pjsua() -> None:
    assert local_address_toward("") is None
    assert local_address_toward("[::1]:5060") is None  # our transports are IPv4
    assert local_address_toward("pbx:notaport") is None


def test_a_name_that_does_not_resolve_does_not_hold_start_up() -> None:
    started = time.monotonic()
    assert local_address_toward("no-such-host.invalid:5060") is None
    assert time.monotonic() - started < 3
