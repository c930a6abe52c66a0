"""A timer heap run by the SIP thread between event polls (pjsua2 timers need a registered thread
and a C++ callback object; plain Python deadlines on our own loop are simpler and as precise)."""

from __future__ import annotations

import heapq
import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass(order=True)
class _Timer:
    due: float
    seq: int
    action: Callable[[], None] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)


def _nothing() -> None:
    pass


class Timers:
    def __init__(self) -> None:
        self._heap: list[_Timer] = []
        self._seq = itertools.count()

    def schedule(self, delay_s: float, action: Callable[[], None]) -> _Timer:
        timer = _Timer(time.monotonic() + max(0.0, delay_s), next(self._seq), action)
        heapq.heappush(self._heap, timer)
        return timer

    @staticmethod
    def cancel(handle: object) -> None:
        if isinstance(handle, _Timer):
            handle.cancelled = True
            # Let go of the action now, not when the entry reaches the top of the heap: a call's
            # quality timer holds the call, and a pjsua2 Call destroyed after pjsua reused its
            # slot hangs up whichever call holds the slot by then.
            handle.action = _nothing

    def next_due_in(self) -> float | None:
        """Seconds until the first live timer is due (0 when overdue); None with none set."""
        while self._heap and self._heap[0].cancelled:
            heapq.heappop(self._heap)
        if not self._heap:
            return None
        return max(0.0, self._heap[0].due - time.monotonic())

    def run_due(self) -> None:
        now = time.monotonic()
        while self._heap and self._heap[0].due <= now:
            timer = heapq.heappop(self._heap)
            if timer.cancelled:
                continue
            try:
                timer.action()
            except Exception:
                log.exception("timer action failed")

    def clear(self) -> None:
        self._heap.clear()
