"""A cap on how fast calls may be set up, because the wheel aborts the process past it.

Every call opens two media sockets (RTP, RTCP) in pjlib's select() I/O queue, which holds 64
handles, and a closed socket's slot is only reusable 500 ms later (PJ_IOQUEUE_KEY_FREE_DELAY).
Calls set up faster than slots come back exhaust the queue and pjlib *asserts* — the process
dies (measured here: 32 calls within ~130 ms). No person dials ten calls a second; a script
might, so past the cap a dial is refused with a reason and an inbound call gets 503 Retry-After.
"""

from __future__ import annotations

import time
from collections import deque

MAX_CALLS_PER_WINDOW = 10
WINDOW_S = 1.0


class CallPace:
    def __init__(self, limit: int = MAX_CALLS_PER_WINDOW, window_s: float = WINDOW_S) -> None:
        self.limit = limit
        self.window_s = window_s
        self._starts: deque[float] = deque()

    def try_start(self, now: float | None = None) -> bool:
        """Count one call set-up if the cap allows it; False (nothing counted) when it does not."""
        now = time.monotonic() if now is None else now
        while self._starts and now - self._starts[0] >= self.window_s:
            self._starts.popleft()
        if len(self._starts) >= self.limit:
            return False
        self._starts.append(now)
        return True
