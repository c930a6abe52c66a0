"""The cap-history benchmark must not rot: a small run prints both windows of the question and
both checks.

Nothing here is timed or compared to a target; the figures belong to
`python -m tests.bench.cap_history`, which prints them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_and_prints_every_row() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.cap_history", "--calls", "300", "--probes", "100"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    for row in (
        "calls in 24 h + last refusal",
        "calls in 30 days + last refusal",
        "history: this journal",
        "history: none",
        "p99 best of 3",
    ):
        assert row in done.stdout
