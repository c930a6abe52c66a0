"""What the gate needs to know about past calls: the seam between the gate and the journal.

The gate stays pure: before each dial it asks a `CallHistory` one question about the number —
the attempts since the start of its longest cap window and the number's last refusal — and the
journal (`softphone.journal`) answers from its call records. `InMemoryHistory` serves tests and
a profile whose journal is not open yet; `DialsInProgress` adds the calls dialled from this
device that the journal does not hold yet.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import NamedTuple, Protocol


class PastCalls(NamedTuple):
    """One number's past calls, as the caps and the refusal cool-downs need them: the start
    times (UTC) of outbound attempts at or after the `since` asked about, connected or not,
    oldest first; and when the callee last refused (a call either way, inbound too, ended with
    the disposition "refused"), however long ago."""

    attempts: Sequence[datetime]
    last_refusal: datetime | None


class CallHistory(Protocol):
    def past_calls(self, number_e164: str, since: datetime) -> PastCalls:
        """The number's attempts at or after `since` and its last refusal, in one question
        (one journal statement: the gate asks it before every dial)."""
        ...


class InMemoryHistory:
    def __init__(self) -> None:
        self._attempts: dict[str, list[datetime]] = defaultdict(list)
        self._refusals: dict[str, datetime] = {}

    def record_attempt(self, number_e164: str, at: datetime) -> None:
        self._attempts[number_e164].append(at)
        self._attempts[number_e164].sort()

    def record_refusal(self, number_e164: str, at: datetime) -> None:
        self._refusals[number_e164] = at

    def past_calls(self, number_e164: str, since: datetime) -> PastCalls:
        attempts = [t for t in self._attempts.get(number_e164, []) if t >= since]
        return PastCalls(attempts, self._refusals.get(number_e164))


class DialsInProgress:
    """The journal's attempts plus this device's dials whose record is not in yet.

    The journal holds a call once it has ended; until then a call in progress must count too,
    or two quick dials to one number slip past a "3 per 5 minutes" cap. Each check pairs the
    dials, in order, with the journaled attempts that started at most RECORD_LAG after them (a
    record starts when the call does, a moment after the dial); a dial without its record counts
    on its own. A dial the engine could not make at all is forgotten (`not_made`).
    """

    RECORD_LAG = timedelta(seconds=30)
    KEPT = timedelta(days=62)  # longer than any cap's window: an older dial no longer counts

    def __init__(self, journaled: CallHistory) -> None:
        self.journaled = journaled
        self._dials: dict[str, list[datetime]] = defaultdict(list)
        self._lock = threading.Lock()

    def dialled(self, number_e164: str, at: datetime) -> None:
        with self._lock:
            dials = self._dials[number_e164]
            dials.append(at)
            dials.sort()
            del dials[: bisect_left(dials, at - self.KEPT)]

    def not_made(self, number_e164: str, at: datetime) -> None:
        with self._lock:
            dials = self._dials.get(number_e164, [])
            if at in dials:
                dials.remove(at)

    def past_calls(self, number_e164: str, since: datetime) -> PastCalls:
        with self._lock:
            dials = [d for d in self._dials.get(number_e164, ()) if d >= since - self.RECORD_LAG]
        if not dials:
            return self.journaled.past_calls(number_e164, since)
        past = self.journaled.past_calls(number_e164, min(since, dials[0]))
        journaled = sorted(past.attempts)
        waiting = self._unrecorded(dials, journaled)
        attempts = sorted(t for t in (*journaled, *waiting) if t >= since)
        return PastCalls(attempts, past.last_refusal)

    def _unrecorded(self, dials: list[datetime], journaled: list[datetime]) -> list[datetime]:
        waiting = []
        at = 0
        for dial in dials:
            while at < len(journaled) and journaled[at] < dial:
                at += 1  # an earlier call's record (or a call not dialled here)
            if at < len(journaled) and journaled[at] <= dial + self.RECORD_LAG:
                at += 1  # this dial's record
            else:
                waiting.append(dial)
        return waiting
