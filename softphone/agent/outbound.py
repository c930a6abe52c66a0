"""Every outbound call passes here: the compliance gate first, then the engine's dial.

The verdict of every check, allowed or not, goes into the operation log (and so to the center);
a blocked dial publishes a `blocked` event with the reasons and sends no INVITE. "The customer
asked not to be called" puts the number on the enterprise blacklist at once and is logged with
who and why. This is the only caller of the SIP phone's dial (tests/unit/test_dial_gate_path.py).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from datetime import datetime, timezone

from softphone.compliance.blacklist import BlacklistStore
from softphone.compliance.gate import Gate
from softphone.compliance.numbers import e164_to_int
from softphone.compliance.verdict import Verdict
from softphone.events import DialBlocked, EventBus, NumberBlacklisted
from softphone.journal.records import JournalWriter
from softphone.protocol import BlacklistDelta
from softphone.sip.phone import SipPhone

log = logging.getLogger(__name__)

CENTRAL_SOURCE = "central"


class OutboundDesk:
    def __init__(
        self, gate: Gate, phone: SipPhone, bus: EventBus, journal: JournalWriter, operator: str
    ) -> None:
        self.gate = gate
        self.phone = phone
        self.bus = bus
        self.journal = journal
        self.operator = operator
        self._dialing = threading.Lock()

    def dial(self, target: str) -> Future[str]:
        with self._dialing:  # check and count as one step: two quick dials see each other
            verdict = self.gate.check(target)
            if verdict.allowed:
                self.gate.dialled(verdict)
        self._log("compliance_check", verdict.to_json())
        if verdict.allowed:
            placed = self.phone.dial(target)
            placed.add_done_callback(lambda done: self._if_not_made(done, verdict))
            return placed
        self.bus.publish(_blocked_event(verdict))
        refused: Future[str] = Future()
        refused.set_result("")  # not an error: the `blocked` event says why
        return refused

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

    def _if_not_made(self, placed: Future[str], verdict: Verdict) -> None:
        if placed.cancelled() or placed.exception() is not None:  # no INVITE left the device
            self.gate.not_made(verdict)

    def _log(self, action: str, detail: dict[str, object]) -> None:
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
