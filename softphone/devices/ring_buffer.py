"""A small lock-protected ring of int16 samples between a device thread and the media clock.

Reads never wait: what is missing is returned as silence. Writes never wait: when full, the
oldest samples are dropped (late audio is worse than lost audio in a conversation). The lock is
held only for a couple of array copies, so neither PortAudio's thread nor pjmedia's clock thread
can be held up by the other for longer than that.
"""

from __future__ import annotations

import threading

import numpy as np


class RingBuffer:
    def __init__(self, capacity: int) -> None:
        if capacity <= 0:
            raise ValueError("a ring buffer needs room for at least one sample")
        self._data = np.zeros(capacity, dtype=np.int16)
        self._start = 0
        self._size = 0
        self._lock = threading.Lock()
        self.dropped = 0  # samples thrown away on overflow since creation

    @property
    def capacity(self) -> int:
        return len(self._data)

    def __len__(self) -> int:
        return self._size

    def write(self, samples: np.ndarray) -> None:
        """Append samples; when there is no room, the oldest buffered samples make way."""
        if samples.size > self.capacity:
            self.dropped += samples.size - self.capacity
            samples = samples[-self.capacity :]
        count = samples.size
        with self._lock:
            overflow = self._size + count - self.capacity
            if overflow > 0:
                self._start = (self._start + overflow) % self.capacity
                self._size -= overflow
                self.dropped += overflow
            end = (self._start + self._size) % self.capacity
            first = min(count, self.capacity - end)
            self._data[end : end + first] = samples[:first]
            self._data[: count - first] = samples[first:]
            self._size += count

    def read_exactly(self, count: int) -> np.ndarray:
        """`count` samples: the oldest buffered, then silence if there are fewer."""
        out = np.zeros(count, dtype=np.int16)
        with self._lock:
            take = min(count, self._size)
            first = min(take, self.capacity - self._start)
            out[:first] = self._data[self._start : self._start + first]
            out[first:take] = self._data[: take - first]
            self._start = (self._start + take) % self.capacity
            self._size -= take
        return out

    def discard(self, count: int) -> int:
        """Forget up to `count` of the oldest samples; how many were forgotten."""
        with self._lock:
            gone = max(0, min(count, self._size))
            self._start = (self._start + gone) % self.capacity
            self._size -= gone
        return gone

    def clear(self) -> None:
        with self._lock:
            self._start = self._size = 0


class JitterBuffer:
    """A ring read in fixed-size pieces by a clock that is not the writer's.

    Two clocks never agree (the sound card's and pjmedia's), and blocks arrive in bursts. After
    running dry the reader gets silence until `prefill` samples are buffered again, so that one
    late block costs one gap, not a gap every other frame; when the writer runs ahead and more
    than `high_water` samples wait, the oldest are dropped back to `prefill`, so that delay
    cannot creep up over a long call.
    """

    def __init__(self, capacity: int, prefill: int, high_water: int) -> None:
        self.ring = RingBuffer(capacity)
        self.prefill = min(prefill, capacity)
        self.high_water = min(max(high_water, self.prefill), capacity)
        self._priming = True
        self.underruns = 0  # times the reader found it dry (a gap the listener hears)
        self.dropped = 0  # samples thrown away to pull the delay back (a skip they hear)

    def __len__(self) -> int:
        return len(self.ring)

    def write(self, samples: np.ndarray) -> None:
        self.ring.write(samples)

    def read(self, count: int) -> np.ndarray:
        """Exactly `count` samples; silence while (re)filling."""
        have = len(self.ring)
        if self._priming:
            if have < max(self.prefill, count):
                return np.zeros(count, dtype=np.int16)
            self._priming = False
        if have > self.high_water:
            self.dropped += self.ring.discard(have - max(self.prefill, count))
        elif have < count:
            self._priming = True  # play what is left, then wait for the cushion again
            self.underruns += 1
        return self.ring.read_exactly(count)

    def clear(self) -> None:
        self.ring.clear()
        self._priming = True
