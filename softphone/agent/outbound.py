"""Every outbound call passes here: the compliance gate first, then the dialer.

Dials, blind transfers, attended-transfer pairings and a far end's REFER (`agent.refer`) alike.
The desk takes the SIP phone's dialer when it is built — the phone hands it out once — so no
other code can make a party ring (tests/unit/test_dial_gate_path.py). The verdict of every check,
allowed or not, goes into the operation log (and so to the center); a blocked call publishes a
`blocked` event with the reasons and sends no INVITE or REFER. The log is written through the
journal executor (`journal.queued`): a dial from the GUI thread never waits on SQLite, and a
journal held by another program delays the log line, not the call. Colleagues and extensions are
exempt, as the gate says. "The customer asked not to be called" puts the number on the
enterprise blacklist at once and is logged with who and why; the center makes it every agent's.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime, timezone
from typing import Protocol

from softphone.agent.refer import ReferRule
from softphone.compliance.blacklist import BlacklistStore
from softphone.compliance.gate import Gate
from softphone.compliance.numbers import e164_to_int
from softphone.compliance.verdict import Verdict
from softphone.events import DialBlocked, EventBus, NumberBlacklisted, TransferAsked
from softphone.protocol import BlacklistDelta
from softphone.sip.phone import SipPhone
from softphone.sip.uri import plain_uri

log = logging.getLogger(__name__)

CENTRAL_SOURCE = "central"
_PARTY_WITHIN_S = 5.0


class OperationLog(Protocol):
    """Where the verdicts go: the desk's queued writer (a Future back at once)."""

    def operation(self, action: str, detail: dict[str, object], at: datetime) -> object: ...


class OutboundDesk:
    def __init__(
        self, gate: Gate, phone: SipPhone, bus: EventBus, journal: OperationLog, operator: str
    ) -> None:
        self.gate = gate
        self.bus = bus
        self.journal = journal
        self.operator = operator
        self._dialing = threading.Lock()
        refers = ReferRule(
            gate.policy.accept_refer, gate.own_domains, self._check_refer, self._report_refer
        )
        self._dialer = phone.take_dialer(refers)  # ours alone: a second take raises

    def dial(self, target: str) -> Future[str]:
        verdict = self._check(target, "dial")
        if not verdict.allowed:
            return self._blocked(verdict)
        try:
            placed = self._dialer.dial(target)
        except Exception:  # the text cannot be dialled: no INVITE, no attempt
            self.gate.not_made(verdict)
            raise
        placed.add_done_callback(lambda done: self._if_not_made(done, verdict))
        return placed

    def transfer(self, to: str, call: str | None = None, purpose: str = "blind") -> Future[str]:
        """Blind transfer: the far end will call `to`, an outbound call like a dial. Once the
        REFER is out, `transfer_asked` says which call went where and why (the call record
        notes it, with the result the far end's NOTIFYs bring)."""
        verdict = self._check(to, "transfer" if purpose == "blind" else f"{purpose}_transfer")
        if not verdict.allowed:
            return self._blocked(verdict)
        try:
            asked = self._dialer.transfer(to, call)
        except Exception:
            self.gate.not_made(verdict)
            raise
        asked.add_done_callback(lambda done: self._if_not_made(done, verdict))
        asked.add_done_callback(lambda done: self._asked(done, to, purpose))
        return asked

    def attended_transfer(self, call: str, to_call: str) -> Future[str]:
        """Connect `call`'s party to `to_call`'s: `call`'s party will call `to_call`'s, which
        must pass the gate now (a rest period may have begun since that call started). It takes
        over a call in progress, so it does not count as another attempt."""
        party = plain_uri(self._dialer.party_of(to_call).result(_PARTY_WITHIN_S))
        verdict = self.gate.check(party)
        self._log("compliance_check", {**verdict.to_json(), "via": "attended_transfer"})
        if not verdict.allowed:
            return self._blocked(verdict)
        return self._dialer.attended_transfer(call, to_call)

    def do_not_call(self, target: str, reason: str) -> str:
        """Blacklist the number at once; ValueError when it is no phone number."""
        if not reason.strip():
            raise ValueError("a reason is needed: what the customer said")
        e164 = self.gate.do_not_call(target, reason, who=self.operator)
        self._log("blacklist_add", {"number": e164, "reason": reason, "source": "enterprise"})
        self.bus.publish(NumberBlacklisted(number=target, number_e164=e164, reason=reason))
        return e164

    def apply_central_delta(self, delta: BlacklistDelta) -> None:
        """The center's blacklist changes (sync's delta pull), kept as the `central` source of
        the device's store so that every agent blocks what one agent was told."""
        store = self.gate.blacklist
        if not isinstance(store, BlacklistStore) or not (delta.added or delta.removed):
            return
        store.apply_delta(
            CENTRAL_SOURCE,
            [e164_to_int(n) for n in delta.added],
            [e164_to_int(n) for n in delta.removed],
        )

    def _check(self, target: str, via: str) -> Verdict:
        with self._dialing:  # check and count as one step: two quick dials see each other
            verdict = self.gate.check(target)
            if verdict.allowed:
                self.gate.dialled(verdict)
        self._log("compliance_check", {**verdict.to_json(), "via": via})
        return verdict

    def _blocked(self, verdict: Verdict) -> Future[str]:
        self.bus.publish(_blocked_event(verdict))
        refused: Future[str] = Future()
        refused.set_result("")  # not an error: the `blocked` event says why
        return refused

    def _check_refer(self, target: str, still_wanted: Callable[[Verdict], bool]) -> Verdict:
        """The gate for a far end's REFER (on the REFER rule's thread)."""
        with self._dialing:
            verdict = self.gate.check(target)
            if verdict.allowed and still_wanted(verdict):
                self.gate.dialled(verdict)
        return verdict

    def _report_refer(self, verdict: Verdict, call: str) -> None:
        self._log("compliance_check", {**verdict.to_json(), "via": "refer", "call": call})
        if not verdict.allowed:
            self.bus.publish(_blocked_event(verdict))

    def _asked(self, done: Future[str], to: str, purpose: str) -> None:
        if not done.cancelled() and done.exception() is None and done.result():
            self.bus.publish(TransferAsked(call=done.result(), to=to, purpose=purpose))

    def _if_not_made(self, placed: Future[str], verdict: Verdict) -> None:
        if placed.cancelled() or placed.exception() is not None:  # no INVITE left the device
            self.gate.not_made(verdict)

    def _log(self, action: str, detail: dict[str, object]) -> None:
        # Queued, not waited for: the executor retries a refused write and reports its trouble.
        try:
            self.journal.operation(action, detail, datetime.now(timezone.utc))
        except Exception:  # the decision stands; the journal reports its own trouble
            log.exception("operation log entry %s not written", action)


def _blocked_event(verdict: Verdict) -> DialBlocked:
    wire = verdict.to_json()
    return DialBlocked(
        number=verdict.target,
        number_e164=verdict.number_e164,
        reasons=tuple(wire["reasons"]),
        callee_zones=verdict.zones,
        callee_local_time=verdict.callee_local_time,
        next_allowed_at=wire["next_allowed_at"],
    )
