"""When to try the center again, and how far the device clock is off the center's.

Back-off doubles from `base_s` up to `cap_s` with full jitter, so that a floor of agents whose
center came back does not knock it over again all at once; a `Retry-After` from the center is
honoured as the least wait. The clock skew is measured as NTP does, from the middle of the
request: skew = server_time − (sent + received) / 2.
"""

from __future__ import annotations

import random
from datetime import datetime


class Backoff:
    def __init__(self, base_s: float = 0.5, cap_s: float = 60.0, rng: random.Random | None = None):
        self.base_s = base_s
        self.cap_s = cap_s
        self.failures = 0
        self._rng = rng or random.Random()

    def next_delay(self, retry_after_s: float | None = None) -> float:
        """One more failure: how long to wait before the next try."""
        ceiling = min(self.cap_s, self.base_s * 2**self.failures)
        self.failures += 1
        delay = self._rng.uniform(ceiling / 2, ceiling)
        return max(delay, retry_after_s or 0.0)

    def reset(self) -> None:
        self.failures = 0


def clock_skew_s(sent: datetime, received: datetime, server_time: datetime) -> float:
    """Seconds to add to the device clock to get the center's."""
    middle = sent + (received - sent) / 2
    return (server_time - middle).total_seconds()
