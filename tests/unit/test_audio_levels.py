"""Level meters: dBFS that a person reading the meter would expect, falling like a VU meter."""

from __future__ import annotations

import numpy as np
import pytest

from softphone.devices.levels import (
    SILENCE_DBFS,
    LevelMeter,
    level_dbfs,
    peak_dbfs,
    power_dbfs,
)


def sine(amplitude: float, count: int = 1600) -> np.ndarray:
    t = np.arange(count) / 16000
    return np.rint(amplitude * np.sin(2 * np.pi * 1000 * t)).astype(np.int16)


def test_full_scale_sine_is_minus_three_dbfs_rms() -> None:
    assert level_dbfs(sine(32767)) == pytest.approx(-3.01, abs=0.05)
    assert peak_dbfs(sine(32767)) == pytest.approx(0.0, abs=0.01)


def test_ten_times_quieter_is_twenty_db_lower() -> None:
    assert level_dbfs(sine(3276.7)) == pytest.approx(-23.01, abs=0.05)


def test_silence_and_nothing_read_as_minus_120() -> None:
    assert level_dbfs(np.zeros(320, dtype=np.int16)) == SILENCE_DBFS
    assert level_dbfs(np.zeros(0, dtype=np.int16)) == SILENCE_DBFS
    assert peak_dbfs(np.zeros(320, dtype=np.int16)) == SILENCE_DBFS
    assert power_dbfs(0.5) == SILENCE_DBFS


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_meter_holds_the_peak_and_lets_it_fall() -> None:
    clock = Clock()
    meter = LevelMeter(fall_db_per_second=40.0, clock=clock)
    meter.update(sine(32767, 320))
    assert meter.dbfs() == pytest.approx(-3.0, abs=0.1)
    clock.now += 0.1
    meter.update(np.zeros(320, dtype=np.int16))
    assert meter.dbfs() == pytest.approx(-7.0, abs=0.1)  # 40 dB/s for 0.1 s
    clock.now += 0.1
    meter.update(sine(3276.7, 320))  # -23 dBFS: the falling peak (-11) is still above it
    assert meter.dbfs() == pytest.approx(-11.0, abs=0.1)
    clock.now += 1.0
    meter.update(sine(3276.7, 320))
    assert meter.dbfs() == pytest.approx(-23.0, abs=0.1)


def test_a_meter_whose_device_went_quiet_reads_silence() -> None:
    clock = Clock()
    meter = LevelMeter(clock=clock)
    meter.update(sine(32767, 320))
    clock.now += 1.0  # no block for a second: the device is gone
    assert meter.dbfs() == SILENCE_DBFS
    meter.update(sine(32767, 320))
    meter.reset()
    assert meter.dbfs() == SILENCE_DBFS
