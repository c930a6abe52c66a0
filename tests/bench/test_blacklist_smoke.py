"""The blacklist benchmark must not rot: a small run prints every figure for every store.

Nothing here is timed or compared to a target; the figures belong to
`python -m tests.bench.blacklist`, which prints them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_and_prints_every_store() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.blacklist", "--size", "20000"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.startswith("figure"))
    for store in ("ours", "sorted int64", "SQLite", "roaring64", "Elias–Fano"):
        assert store in header
    rows = {line.split()[0] for line in lines if line.strip()}
    assert {
        "disk_bytes_per_number",
        "single_lookup_p99_us",
        "check_cold_p99_us",
        "check_cold_p99_best_of_3_us",
        "single_hot_p50_us",
        "check_warm_p99_us",
        "import_s",
    } <= rows
