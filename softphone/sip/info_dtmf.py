"""DTMF over SIP INFO, one digit in flight at a time.

pjsua sends one INFO per digit. Sent back to back, the INFOs of "5*" can overtake each other on
the way (a proxy such as Kamailio forwards them from parallel workers), and the far end must then
refuse the older CSeq with 500 — the digit is lost. So each digit waits for the final response
to the previous one, as RFC 6086 asks of a sender of INFO requests in one dialog.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable

import pjsua2 as pj

log = logging.getLogger(__name__)

_FINAL = (pj.PJSIP_TSX_STATE_COMPLETED, pj.PJSIP_TSX_STATE_TERMINATED)


SendOne = Callable[[str], None]


class InfoDigits:
    """The digits of one call still to be sent by INFO (SIP thread).

    The call passes its "send one digit" at each step rather than once: kept here, it would tie
    the call into a reference cycle, and a pjsua2 call freed by the cycle collector on another
    thread aborts the process (DESIGN.md, "Threads and lifetimes").
    """

    def __init__(self) -> None:
        self._waiting: deque[str] = deque()
        self._in_flight = False

    def send(self, digits: str, send_one: SendOne) -> None:
        self._waiting.extend(digits)
        if not self._in_flight:
            self._next(send_one)

    def on_transaction(self, event: pj.SipEvent, send_one: SendOne) -> None:
        """A transaction of the call changed state: an INFO we sent has its final answer."""
        if not self._in_flight or event.type != pj.PJSIP_EVENT_TSX_STATE:
            return
        change = event.body.tsxState
        tsx = change.tsx
        if tsx.role != pj.PJSIP_ROLE_UAC or str(tsx.method) != "INFO" or tsx.state not in _FINAL:
            return
        if tsx.state == pj.PJSIP_TSX_STATE_TERMINATED and (
            change.prevState == pj.PJSIP_TSX_STATE_COMPLETED
        ):
            return  # the end of an INFO already answered, not the one in flight
        if tsx.statusCode >= 300:
            log.warning("the far end refused a DTMF INFO: %s %s", tsx.statusCode, tsx.statusText)
        self._in_flight = False
        self._next(send_one)

    def drop(self) -> None:
        """The call ended: what was not sent is not sent."""
        self._waiting.clear()
        self._in_flight = False

    def _next(self, send_one: SendOne) -> None:
        while self._waiting:
            digit = self._waiting.popleft()
            try:
                send_one(digit)
            except pj.Error as exc:
                log.warning("DTMF INFO %r not sent: %s", digit, exc.info())
                continue
            self._in_flight = True
            return
