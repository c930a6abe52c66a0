"""The audio-path benchmark must not rot: one short call per agent prints every row. Nothing is
timed or compared to a target here (lost clicks or glitches do not fail it); the figures belong
to `python -m tests.bench.audio_path`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.integration
def test_the_audio_path_benchmark_runs_and_prints_every_row() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.audio_path",
         "--calls", "1", "--clicks", "3", "--tone-seconds", "2", "--warm-up", "1"],
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
