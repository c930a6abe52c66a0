"""The ring tone itself: North-American cadence, two tones, no clicks."""

from __future__ import annotations

import numpy as np

from softphone.devices.ringer import ring_cycle


def test_two_seconds_on_four_off() -> None:
    cycle = ring_cycle(16000)
    assert cycle.size == 6 * 16000
    assert np.abs(cycle[: 2 * 16000 - 200]).max() > 0
    assert not cycle[2 * 16000 :].any()


def test_the_tone_is_440_plus_480_hz_at_the_chosen_level() -> None:
    on = ring_cycle(16000, level_dbfs=-12.0)[:32000].astype(np.float64)
    spectrum = np.abs(np.fft.rfft(on))
    freqs = np.fft.rfftfreq(on.size, 1 / 16000)
    top_two = sorted(freqs[np.argsort(spectrum)[-2:]])
    assert top_two == [440.0, 480.0]
    assert np.abs(on).max() <= 32767 * 10 ** (-12 / 20) + 1


def test_the_tone_ramps_in_and_out() -> None:
    cycle = ring_cycle(48000)
    assert abs(int(cycle[0])) < 50 and abs(int(cycle[2 * 48000 - 1])) < 50
