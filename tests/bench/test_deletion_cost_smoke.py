"""The deletion-cost benchmark must not rot: a small run prints every row.

Nothing here is timed or compared to a target; the figures belong to
`python -m tests.bench.deletion_cost`, which prints them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_and_prints_every_row() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.deletion_cost", "--calls", "600", "--log-mb", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    for row in ("first erasure (VACUUM once)", "a later erasure", "log scrub, 4 x 1 MB"):
        assert row in done.stdout
