"""A small lock-protected ring of int16 samples between a device thread and the media clock.

Reads never wait: what is missing is returned as silence. Writes never wait: when full, the
oldest samples are dropped (late audio is worse than lost audio in a conversation).
"""

from __future__ import annotations

import math
import threading

import numpy as np

SILENCE_DBFS = -120.0


def level_dbfs(samples: np.ndarray) -> float:
    """RMS level of int16 samples in dB relative to full scale; -120 for silence."""
    if samples.size == 0:
        return SILENCE_DBFS
    rms = float(np.sqrt(np.mean(np.square(samples.astype(np.float64)))))
    if rms < 1.0:
        return SILENCE_DBFS
    return round(20 * math.log10(rms / 32768.0), 1)


class RingBuffer:
    def __init__(self, capacity: int) -> None:
        self._data = np.zeros(capacity, dtype=np.int16)
        self._start = 0
        self._size = 0
        self._lock = threading.Lock()
        self.level = SILENCE_DBFS

    @property
    def capacity(self) -> int:
        return len(self._data)

    def __len__(self) -> int:
        return self._size

    def write(self, samples: np.ndarray) -> None:
        samples = samples[-self.capacity :]
        with self._lock:
            overflow = self._size + len(samples) - self.capacity
            if overflow > 0:  # drop the oldest
                self._start = (self._start + overflow) % self.capacity
                self._size -= overflow
            end = (self._start + self._size) % self.capacity
            first = min(len(samples), self.capacity - end)
            self._data[end : end + first] = samples[:first]
            self._data[: len(samples) - first] = samples[first:]
            self._size += len(samples)

    def read_exactly(self, count: int) -> np.ndarray:
        """`count` samples: the oldest buffered, padded with silence when there are fewer."""
        out = np.zeros(count, dtype=np.int16)
        with self._lock:
            take = min(count, self._size)
            first = min(take, self.capacity - self._start)
            out[:first] = self._data[self._start : self._start + first]
            out[first:take] = self._data[: take - first]
            self._start = (self._start + take) % self.capacity
            self._size -= take
        return out
