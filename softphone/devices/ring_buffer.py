"""A small lock-protected ring of int16 samples between a device thread and the media clock.

Reads never wait: what is missing is returned as silence. Writes never wait: when full, the
oldest samples are dropped (late audio is worse than lost audio in a conversation). The lock is
held only for a couple of array copies, so neither PortAudio's thread nor pjmedia's clock thread
can be held up by the other for longer than that. The playout policy on top of it (how much to
keep buffered) is `softphone.devices.jitter_buffer`.
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

    def peek_peak(self, count: int) -> int:
        """The loudest of the `count` oldest samples (absolute), without taking them."""
        loudest = 0
        with self._lock:
            take = min(count, self._size)
            first = min(take, self.capacity - self._start)
            for part in (self._data[self._start : self._start + first], self._data[: take - first]):
                if part.size:
                    loudest = max(loudest, int(np.abs(part.astype(np.int32)).max()))
        return loudest

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
