"""The recording-upload benchmark must not rot: a small run prints every row.

Nothing here is timed or compared to a target; the figures belong to
`python -m tests.bench.recording_upload`, which prints them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.integration
def test_the_benchmark_runs_and_prints_every_row() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.recording_upload", "--mb", "2", "--pieces", "256,1024"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line.split() for line in done.stdout.splitlines()]
    assert [row[0] for row in rows if row and row[0].isdigit()] == ["256", "1024"]
