"""The audio-path benchmark must not rot: one short call per agent prints every row (3 clicks and
a second of tone each way), and its readers find a known delay and known glitches in synthetic
signals. Nothing is timed or compared to a target; the figures belong to
`python -m tests.bench.audio_path`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from softphone.devices.voice_cleaning import Stages, VoiceCleaner
from tests.bench.audio_signal import (
    RATE,
    click_delays_ms,
    click_train,
    glitches,
    hop_glitch_times_s,
    hopping_tone,
    steady_tone,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.integration
def test_the_audio_path_benchmark_runs_and_prints_every_row() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.audio_path",
         "--calls", "1", "--clicks", "3", "--tone-seconds", "1", "--warm-up", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    for agent in ("ours ", "ours, busy GIL", "baresip "):
        for direction in ("far→agent", "agent→far"):
            assert any(line.startswith(agent) and direction in line for line in lines), (
                agent,
                direction,
                done.stdout,
            )
    assert any("ratio" in line for line in lines), done.stdout


def test_a_known_delay_and_known_glitches_are_read_back() -> None:
    train = click_train(5, 0.5, 1000.0)
    delayed = np.concatenate([np.zeros(int(0.1234 * RATE), np.int16), train])[: train.size]
    delays, lost = click_delays_ms(np.stack([train, delayed], axis=1), 0.5)
    assert lost == 0
    assert [round(d, 1) for d in delays] == [123.4] * 5
    tone = steady_tone(1025.0, 6.0)
    assert glitches(tone, 1025.0) == 0
    assert glitches(steady_tone(1025.3, 6.0), 1025.0) == 0, "a slow drift is no glitch"
    dropped = np.concatenate([tone[:RATE], tone[RATE + 480 :]])  # 10 ms lost
    inserted = np.concatenate([tone[: 3 * RATE], np.zeros(960, np.int16), tone[3 * RATE :]])
    assert glitches(dropped, 1025.0) == 1
    assert glitches(inserted, 1025.0) == 1


@pytest.mark.parametrize("at_s", [1.07, 1.149, 1.15, 1.152, 1.3])  # inside a segment, at a hop
@pytest.mark.parametrize("slip_ms", [2, 10, 20])
def test_each_slip_of_a_hopping_tone_is_one_glitch(at_s: float, slip_ms: int) -> None:
    pair = (775.0, 1275.0)
    tone = hopping_tone(pair, 4.0)
    at, slip = int(at_s * RATE), slip_ms * RATE // 1000
    dropped = np.concatenate([tone[:at], tone[at + slip :]])
    inserted = np.concatenate([tone[:at], np.zeros(slip, np.int16), tone[at:]])
    assert hop_glitch_times_s(tone, pair) == []
    assert len(hop_glitch_times_s(dropped, pair)) == 1
    assert len(hop_glitch_times_s(inserted, pair)) == 1
    assert hop_glitch_times_s(hopping_tone((775.3, 1275.3), 4.0), pair) == [], "a slow drift"


def cleaned(signal: np.ndarray) -> np.ndarray:
    """The agent's voice cleaning with every stage on, 20 ms at a time, at the airs' rate."""
    frame = RATE // 50
    cleaner = VoiceCleaner(Stages(True, True, True, True), RATE, 60)
    out = []
    for start in range(0, signal.size - frame + 1, frame):
        cleaner.far(np.zeros(frame, np.int16))
        out.append(cleaner.near(signal[start : start + frame]))
    return np.concatenate(out)


@pytest.mark.parametrize("pair", [(775.0, 1275.0), (1025.0, 1525.0)])
@pytest.mark.parametrize("lead_ms", [0, 7, 16])  # where the hops fall in the cleaner's frames
def test_the_voice_cleaning_passes_the_hopping_tone_and_its_slips_still_show(
    pair: tuple[float, float], lead_ms: int
) -> None:
    """The benchmark counts glitches on this signal because a noise suppressor leaves it be (a
    steady tone it lowers, each step read as a glitch); a slip must still show."""
    tone = np.concatenate([np.zeros(lead_ms * RATE // 1000, np.int16), hopping_tone(pair, 12.0)])
    settled = 3 * RATE  # the suppressor's first seconds of learning
    assert hop_glitch_times_s(cleaned(tone)[settled:], pair) == []
    at = 8 * RATE
    slipped = np.concatenate([tone[:at], tone[at + RATE // 50 :]])
    times = hop_glitch_times_s(cleaned(slipped)[settled:], pair)
    assert len(times) == 1 and abs(times[0] - 5.0) < 0.05, times
    steady = cleaned(steady_tone(pair[0], 12.0))[settled:].astype(np.float64)
    heard = cleaned(tone)[settled:].astype(np.float64)
    lowered_db = 20 * np.log10(np.sqrt(np.mean(steady**2)) / np.sqrt(np.mean(heard**2)))
    # (−6 dB here at 48 kHz over 3–12 s, −19 dB at 16 kHz from the 5th second on)
    assert lowered_db < -4, "the steady tone is no longer taken for noise: revisit the signal"
