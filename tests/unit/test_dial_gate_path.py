"""No INVITE or REFER leaves the app except through the compliance gate (DESIGN.md, "Boundaries").

By construction: the SIP phone has no dial or transfer; it hands its dialer out once, and the
outbound desk takes it when it is built. These tests fail when a new path goes around that: a
second hand on the dialer, a module other than the desk reaching for it, a pjsua2 call that
sends an INVITE or a REFER outside the dialer, or a desk method that uses the dialer before
the gate said yes — for dials, blind and attended transfers and a far end's REFER alike.
"""

from __future__ import annotations

import ast
import threading
import time
from concurrent.futures import Future
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

import softphone
from softphone.agent import refer
from softphone.agent.outbound import OutboundDesk
from softphone.compliance.blacklist import BlacklistStore
from softphone.compliance.gate import Gate
from softphone.compliance.history import InMemoryHistory
from softphone.compliance.packs import UNRESTRICTED
from softphone.compliance.policy import Policy
from softphone.config import SipSettings
from softphone.events import Event, EventBus
from softphone.sip.context import Referee
from softphone.sip.phone import DialerTaken, SipPhone

PACKAGE = Path(softphone.__file__).parent
DOMAIN = "pbx.example"
LISTED = "+442079460018"
FREE = "+442079460019"
# pjsua2 calls that make a far party ring: an INVITE (makeCall) or a REFER (xfer, xferReplaces).
RINGING_CALLS = {"makeCall", "xfer", "xferReplaces"}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _attribute_uses(path: Path, names: set[str]) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr in names]


def test_the_phone_itself_cannot_dial_or_transfer() -> None:
    for name in ("dial", "transfer", "attended_transfer", "_dial"):
        assert not hasattr(SipPhone, name), f"SipPhone.{name} is a path around the gate"


def test_the_dialer_is_handed_out_once() -> None:
    phone = SipPhone(EventBus(), SipSettings(domain=DOMAIN), "")
    phone.take_dialer(lambda refer_to, call: 603)
    with pytest.raises(DialerTaken):
        phone.take_dialer(lambda refer_to, call: 202)
    assert phone.engine.referee is not None and phone.engine.referee("sip:x", "c1") == 603


def test_only_the_outbound_desk_takes_the_dialer() -> None:
    takers = {
        p.relative_to(PACKAGE).as_posix()
        for p in _modules()
        if _attribute_uses(p, {"take_dialer"}) and p.name != "phone.py"
    }
    assert takers == {"agent/outbound.py"}


def test_only_the_dialer_makes_a_far_party_ring() -> None:
    ringing = {
        p.relative_to(PACKAGE).as_posix(): sorted(set(_attribute_uses(p, RINGING_CALLS)))
        for p in _modules()
        if _attribute_uses(p, RINGING_CALLS)
    }
    # The demo's customer line is a program of its own (`softphone demo line`, a child process
    # playing the customer): it calls the agent, it is not the agent.
    assert ringing.pop("sip/demo_line.py", ["makeCall"]) == ["makeCall"]
    assert ringing == {"sip/dialer.py": ["makeCall", "xfer", "xferReplaces"]}


def test_the_demo_line_is_never_loaded_by_the_agent() -> None:
    importers = {
        p.relative_to(PACKAGE).as_posix()
        for p in _modules()
        if "softphone.sip.demo_line" in p.read_text(encoding="utf-8")
    }
    assert importers == {"demo_command.py"}


def test_a_refer_is_decided_only_by_the_referee() -> None:
    """pjsua dials a REFER's target itself when the callback leaves 202 or sets `newCall`:
    only AgentCall.onCallTransferRequest may, after the referee accepted."""
    setters = {
        p.relative_to(PACKAGE).as_posix() for p in _modules() if _attribute_uses(p, {"newCall"})
    }
    assert setters == {"sip/call.py"}
    source = (PACKAGE / "sip" / "call.py").read_text(encoding="utf-8")
    handler = source[source.index("def onCallTransferRequest") :]
    assert handler.index("REFER_REFUSED") < handler.index("referee(")
    assert handler.index("referee(") < handler.index("prm.newCall")


# --- the desk asks the gate before it uses the dialer ------------------------------------------


class RecordingDialer:
    def __init__(self) -> None:
        self.used: list[tuple[str, ...]] = []
        self.parties = {"c2": f"<sip:{LISTED}@{DOMAIN}>", "c3": f"sip:{FREE}@{DOMAIN}"}

    def _done(self, *what: str) -> Future[str]:
        self.used.append(what)
        future: Future[str] = Future()
        future.set_result("c9")
        return future

    def dial(self, target: str) -> Future[str]:
        return self._done("dial", target)

    def transfer(self, to: str, call: str | None = None) -> Future[str]:
        return self._done("transfer", to)

    def party_of(self, call: str) -> Future[str]:
        future: Future[str] = Future()
        future.set_result(self.parties[call])
        return future

    def attended_transfer(self, call: str, to_call: str) -> Future[str]:
        return self._done("attended_transfer", call, to_call)


class FakePhone:
    def __init__(self) -> None:
        self.dialer = RecordingDialer()
        self.referee: Referee | None = None

    def take_dialer(self, referee: Referee) -> RecordingDialer:
        self.referee = referee
        return self.dialer


class FakeJournal:
    def __init__(self) -> None:
        self.operations: list[tuple[str, dict[str, Any]]] = []

    def operation(self, action: str, detail: dict[str, Any], at: datetime) -> str:
        self.operations.append((action, detail))
        return "op"


@pytest.fixture
def desk_parts(tmp_path: Path) -> Any:
    def make(accept_refer: bool = False) -> tuple[OutboundDesk, FakePhone, list[Event]]:
        store = BlacklistStore(tmp_path / "blacklist")
        policy = Policy(default_region="GB", enterprise=UNRESTRICTED, accept_refer=accept_refer)
        gate = Gate(policy, store, InMemoryHistory(), [DOMAIN])
        gate.do_not_call(LISTED, "asked not to be called", who="agent7")
        phone, bus, events = FakePhone(), EventBus(), []
        bus.subscribe(events.append)
        desk = OutboundDesk(gate, phone, bus, FakeJournal(), "agent7")  # type: ignore[arg-type]
        return desk, phone, events

    return make


def test_dials_and_blind_transfers_to_a_listed_number_never_reach_the_dialer(desk_parts) -> None:
    desk, phone, events = desk_parts()
    assert desk.dial(LISTED).result(1) == ""
    assert desk.transfer(LISTED, "c1").result(1) == ""
    assert desk.attended_transfer("c1", "c2").result(1) == ""  # c2's party is listed
    assert phone.dialer.used == []
    assert [e.kind for e in events] == ["blocked"] * 3

    desk.dial(FREE)
    desk.transfer("1002", "c1")  # an extension of our own PBX: exempt, as for dials
    desk.attended_transfer("c1", "c3")
    assert phone.dialer.used == [
        ("dial", FREE),
        ("transfer", "1002"),
        ("attended_transfer", "c1", "c3"),
    ]


def test_a_refer_is_refused_unless_the_policy_accepts_it(desk_parts) -> None:
    _desk, phone, events = desk_parts(accept_refer=False)
    assert phone.referee(f"<sip:{FREE}@{DOMAIN}>", "c1") == 603
    _wait_for(lambda: events, "the refusal's `blocked` event")
    assert events[0].reasons[0]["code"] == "refer_refused"  # type: ignore[attr-defined]


def test_an_accepted_refer_goes_through_the_gate(desk_parts) -> None:
    desk, phone, events = desk_parts(accept_refer=True)
    assert phone.referee(f"<sip:{LISTED}@{DOMAIN}>", "c1") == refer.BLOCKED
    assert phone.referee(f"<sip:{FREE}@elsewhere.example>", "c1") == refer.BLOCKED
    assert phone.referee(f"<sip:{FREE}@{DOMAIN};user=phone?Replaces=x>", "c1") == refer.ACCEPTED
    _wait_for(lambda: len(events) == 2, "two `blocked` events")
    codes = sorted(e.reasons[0]["code"] for e in events)  # type: ignore[attr-defined]
    assert codes == ["blacklisted", "refer_elsewhere"]
    past = desk.gate.history.past_calls(FREE, datetime(2020, 1, 1, tzinfo=timezone.utc))
    assert len(past.attempts) == 1  # the accepted REFER counts as a dial


def test_a_refer_check_slower_than_its_budget_is_refused(desk_parts, monkeypatch) -> None:
    desk, phone, events = desk_parts(accept_refer=True)
    release = threading.Event()
    slow_check = desk.gate.check

    def stuck(target: str, now: datetime | None = None) -> Any:
        release.wait(5)  # the journal is busy
        return slow_check(target, now)

    monkeypatch.setattr(desk.gate, "check", stuck)
    monkeypatch.setattr(refer, "CHECK_BUDGET_S", 0.05)
    assert phone.referee(f"<sip:{FREE}@{DOMAIN}>", "c1") == refer.BLOCKED
    release.set()
    _wait_for(lambda: events, "the slow check's `blocked` event")
    assert events[0].reasons[0]["code"] == "check_slow"  # type: ignore[attr-defined]
    past = desk.gate.history.past_calls(FREE, datetime(2020, 1, 1, tzinfo=timezone.utc))
    assert past.attempts == []  # refused, so not counted


def _wait_for(predicate: Any, what: str, timeout: float = 5.0) -> None:
    """The REFER rule logs and publishes from its own thread: poll for it."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"no {what} within {timeout} s"
        time.sleep(0.01)


def test_a_survey_transfer_is_gated_like_any_and_says_where_the_caller_went(desk_parts) -> None:
    desk, phone, events = desk_parts()
    assert desk.transfer(LISTED, "c1", purpose="survey").result(1) == ""
    assert phone.dialer.used == [] and [e.kind for e in events] == ["blocked"]
    assert desk.journal.operations[-1][1]["via"] == "survey_transfer"
    desk.transfer("8800", "c1", purpose="survey")
    assert phone.dialer.used == [("transfer", "8800")]
    asked = events[-1]
    assert (asked.kind, asked.call, asked.to, asked.purpose) == (
        "transfer_asked",
        "c9",
        "8800",
        "survey",
    )
