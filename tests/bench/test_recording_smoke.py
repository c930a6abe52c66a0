"""The recording benchmark must not rot: a short run prints its table and the upload rate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_recording_benchmark_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.recording", "--minutes", "0.1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "split" in done.stdout and "mixed" in done.stdout and "MB/s" in done.stdout
