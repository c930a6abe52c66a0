"""The pop-up history benchmark must not rot: a small run prints both rows.

Nothing here is timed; the figures belong to `python -m tests.bench.caller_history`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_and_prints_both_schemas() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.caller_history", "--calls", "300", "--probes", "60"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "V4: index seek on the caller" in done.stdout
    assert "V3: no index on the caller (scan)" in done.stdout
