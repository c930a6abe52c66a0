"""Whether the agent may go `available` as far as readiness goes (`[readiness]
required_for_available`): a contact center that turns it on wants no agent taking customers with
a dead headset, so `available` needs a report that did not fail, from this session and not
older than `valid_for_min`. Off by default, as in the products agents know.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from softphone.agent.status import StatusRefused
from softphone.config import ReadinessSettings


class ReadinessGate:
    def __init__(self, settings: ReadinessSettings) -> None:
        self.settings = settings
        self._last: tuple[str, datetime] | None = None

    def remember(self, overall: str, checked_at: datetime) -> None:
        self._last = (overall, checked_at)

    def allow_available(self, now: datetime | None = None) -> None:
        """Raises StatusRefused, saying what to do, when going available is not allowed."""
        if not self.settings.required_for_available:
            return
        if self._last is None:
            raise StatusRefused(
                "a readiness check is required before going available: run it",
                "readiness_required",
            )
        overall, checked_at = self._last
        if overall == "fail":
            raise StatusRefused(
                "the last readiness check failed: fix what it says and check again",
                "readiness_failed",
            )
        age = (now or datetime.now(timezone.utc)) - checked_at
        if age > timedelta(minutes=self.settings.valid_for_min):
            raise StatusRefused(
                f"the last readiness check is older than {self.settings.valid_for_min} min:"
                " check again",
                "readiness_stale",
                minutes=str(self.settings.valid_for_min),
            )
