"""What the gate needs to know about past calls: the seam between the gate and the journal.

The gate stays pure: it asks a `CallHistory` for the attempts to one number in a window and for
the number's last refusal, and the journal (`softphone.journal`) answers from its call records.
`InMemoryHistory` serves tests and a profile whose journal is not open yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol


class CallHistory(Protocol):
    def attempt_times(self, number_e164: str, since: datetime) -> Sequence[datetime]:
        """Start times (UTC) of outbound attempts to the number at or after `since`,
        connected or not, oldest first."""
        ...

    def last_refusal(self, number_e164: str) -> datetime | None:
        """When the callee last refused (a call ended with the disposition "refused")."""
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

    def attempt_times(self, number_e164: str, since: datetime) -> Sequence[datetime]:
        return [t for t in self._attempts.get(number_e164, []) if t >= since]

    def last_refusal(self, number_e164: str) -> datetime | None:
        return self._refusals.get(number_e164)
