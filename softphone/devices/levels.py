"""Level metering for the agent's microphone and speaker: dBFS of 16-bit audio, with a falling peak.

The meters in the GUI poll a few times a second while PortAudio hands over a block every 20 ms,
so a meter keeps the loudest recent block and lets it fall at a steady rate, like a hardware VU
meter. A meter whose device stopped delivering blocks reads as silence, not as its last value.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np

SILENCE_DBFS = -120.0
FULL_SCALE = 32768.0
FALL_DB_PER_SECOND = 40.0
STALE_AFTER_SECONDS = 0.5


def level_dbfs(samples: np.ndarray) -> float:
    """RMS level of int16 samples in dB relative to full scale; -120 for silence or nothing."""
    if samples.size == 0:
        return SILENCE_DBFS
    power = float(np.mean(np.square(samples.astype(np.float64))))
    return power_dbfs(power)


def power_dbfs(power: float) -> float:
    """dBFS of a mean square (int16 units); anything below one LSB of RMS counts as silence."""
    if power < 1.0:
        return SILENCE_DBFS
    return max(SILENCE_DBFS, 10 * math.log10(power / (FULL_SCALE * FULL_SCALE)))


def peak_dbfs(samples: np.ndarray) -> float:
    """Sample peak of int16 samples in dBFS (-120 for digital silence)."""
    if samples.size == 0:
        return SILENCE_DBFS
    peak = int(np.max(np.abs(samples.astype(np.int32))))
    return SILENCE_DBFS if peak == 0 else 20 * math.log10(peak / FULL_SCALE)


class LevelMeter:
    """The recent RMS level of a stream of blocks: a held peak that falls at 40 dB/s.

    `update` runs on a PortAudio thread, `dbfs` on whatever thread polls; the fields are plain
    floats, each written in one assignment, so a reader sees an old or a new value, never a torn
    one, and no lock is needed on the audio thread.
    """

    def __init__(
        self,
        fall_db_per_second: float = FALL_DB_PER_SECOND,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fall = fall_db_per_second
        self._now = clock
        self._peak_db = SILENCE_DBFS
        self._peak_at = 0.0
        self._last_db = SILENCE_DBFS
        self._last_at = -math.inf

    def update(self, samples: np.ndarray) -> None:
        now = self._now()
        block_db = level_dbfs(samples)
        if block_db >= self._falling(now):
            self._peak_db, self._peak_at = block_db, now
        self._last_db, self._last_at = block_db, now

    def dbfs(self) -> float:
        now = self._now()
        if now - self._last_at > STALE_AFTER_SECONDS:
            return SILENCE_DBFS
        return round(max(self._last_db, self._falling(now)), 1)

    def reset(self) -> None:
        self._peak_db, self._last_db, self._last_at = SILENCE_DBFS, SILENCE_DBFS, -math.inf

    def _falling(self, now: float) -> float:
        return max(SILENCE_DBFS, self._peak_db - self._fall * (now - self._peak_at))
