"""The SIP engine in this process: starts, refuses what it cannot do, and stops cleanly — again."""

from __future__ import annotations

import threading
import time

import pytest

from softphone.config import SipSettings
from softphone.events import Event, EventBus
from softphone.sip.engine import EngineError
from softphone.sip.phone import SipPhone
from softphone.sip.uri import DialError


def _refuse_refers(refer_to: str, call: str) -> int:
    return 603


def test_start_stop_three_times_in_one_process() -> None:
    for _ in range(3):
        phone = SipPhone(EventBus(), SipSettings(), "")
        phone.start()
        assert phone.sip_port > 0
        phone.stop()


def test_without_an_account_dialing_is_refused_with_the_reason() -> None:
    phone = SipPhone(EventBus(), SipSettings(domain="pbx.example"), "")
    dialer = phone.take_dialer(_refuse_refers)
    phone.start()
    try:
        with pytest.raises(EngineError, match="no SIP account"):
            dialer.dial("1001").result(5)
        with pytest.raises(EngineError, match="no call"):
            phone.hangup().result(5)
        with pytest.raises(DialError):
            dialer.dial("not a number")
    finally:
        phone.stop()


def test_commands_after_stop_fail_instead_of_hanging() -> None:
    phone = SipPhone(EventBus(), SipSettings(), "")
    phone.start()
    phone.stop()
    with pytest.raises(EngineError, match="not running"):
        phone.hangup().result(1)


def test_an_outbound_call_to_nowhere_ends_with_an_event_and_a_trace() -> None:
    bus = EventBus()
    events: list[Event] = []
    done = threading.Event()

    def collect(event: Event) -> None:
        events.append(event)
        if event.kind == "call_ended":
            done.set()

    bus.subscribe(collect)
    phone = SipPhone(bus, SipSettings(server="127.0.0.1:9", user="a", register_expires_s=60), "x")
    phone.start()
    try:
        call = phone.take_dialer(_refuse_refers).dial("sip:someone@127.0.0.1:9").result(5)
        time.sleep(0.3)
        phone.hangup(call).result(5)
        assert done.wait(10)
    finally:
        phone.stop()
    ended = next(e for e in events if e.kind == "call_ended")
    assert ended.hung_up_by == "agent"  # type: ignore[attr-defined]
    trace = ended.sip_trace  # type: ignore[attr-defined]
    assert trace and "INVITE sip:someone@127.0.0.1:9" in trace[0]
