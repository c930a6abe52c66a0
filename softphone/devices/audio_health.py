"""Where a call's audio glitches come from: the timing of the threads that carry it.

Three threads move a call's audio: PortAudio's (one per device stream) and pjmedia's clock thread
(through the bridge port). Each needs the GIL for every 20 ms block, so a busy interpreter shows
up as a callback that comes late (`CallbackTimer`: the longest pause between two callbacks, how
many came more than two blocks late, the longest time spent inside one) or as PortAudio saying
that the sound card ran dry or overflowed while the callback was waited for (`DeviceFlags`). The
call's `call audio:` log line prints both beside the jitter buffers' gaps and skips, so a glitch
heard can be put on the side that caused it. Counting costs a clock read per callback.
"""

from __future__ import annotations

import time
from typing import Any

LATE_BLOCKS = 2.0  # a pause longer than this many blocks is a late callback


class CallbackTimer:
    """The pauses between one thread's successive callbacks, and the time spent in them."""

    __slots__ = ("_last", "block_s", "count", "gap", "late", "longest_gap", "longest_work")

    def __init__(self, block_s: float) -> None:
        self.block_s = block_s
        self.count = 0
        self.gap = 0.0  # the pause before the latest callback
        self.late = 0
        self.longest_gap = 0.0
        self.longest_work = 0.0
        self._last = 0.0

    def restart(self) -> None:
        """A new stream: the pause while it opened is not a late callback."""
        self._last = 0.0
        self.gap = 0.0

    def begin(self) -> float:
        """At a callback's start; returns the time to give `end`."""
        now = time.monotonic()
        if self._last:
            self.gap = gap = now - self._last
            if gap > self.longest_gap:
                self.longest_gap = gap
            if gap > LATE_BLOCKS * self.block_s:
                self.late += 1
        self._last = now
        self.count += 1
        return now

    def end(self, began: float) -> None:
        work = time.monotonic() - began
        if work > self.longest_work:
            self.longest_work = work

    def summary(self) -> str:
        return (
            f"longest pause {self.longest_gap * 1000:.0f} ms, {self.late} late, "
            f"longest callback {self.longest_work * 1000:.0f} ms"
        )


FLAGS = ("input_overflow", "input_underflow", "output_underflow", "output_overflow")
PRIMING = "priming_output"


class DeviceFlags:
    """PortAudio's status flags over a call: what the sound card lost while we were late."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys((*FLAGS, PRIMING), 0)

    def note(self, status: Any) -> None:
        """A callback's non-empty status (sounddevice's CallbackFlags)."""
        for name in self.counts:
            if getattr(status, name, False):
                self.counts[name] += 1

    def summary(self) -> str:
        return ", ".join(f"{name.replace('_', ' ')} {n}" for name, n in self.counts.items())
