"""The audio-path benchmark must not rot: one short call per agent prints every row (clicks only,
to stay under a minute), and its readers find a known delay and known glitches in synthetic
signals. Nothing is timed or compared to a target; the figures belong to
`python -m tests.bench.audio_path`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.bench.audio_signal import RATE, click_delays_ms, click_train, glitches, steady_tone

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.integration
def test_the_audio_path_benchmark_runs_and_prints_every_row() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.audio_path",
         "--calls", "1", "--clicks", "3", "--tone-seconds", "0", "--warm-up", "1"],
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
