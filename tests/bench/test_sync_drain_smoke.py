"""The sync benchmark must not rot: one small run prints every figure. Nothing is timed or
compared to a target here; the figures belong to `python -m tests.bench.sync_drain`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.integration
def test_the_sync_benchmark_runs_and_prints_its_figures() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.sync_drain",
         "--events", "300", "--backlog", "300", "--statuses", "3", "--records", "20"],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    figures = {line.split()[0] for line in done.stdout.splitlines()[1:] if line.strip()}
    assert {
        "drain_events_per_s",
        "status_latency_ms_p95",
        "status_changes_under_backlog",
        "journal_us_per_call_record",
    } <= figures
