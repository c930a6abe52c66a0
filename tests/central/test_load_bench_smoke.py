"""The load benchmark must not rot: one tiny round on SQLite prints its figures. Nothing here is
timed against a target; the figures belong to `python -m tests.bench.central_load`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.integration
def test_the_load_benchmark_runs_and_prints_its_figures() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.bench.central_load",
            "--backends",
            "sqlite",
            "--sizes",
            "10",
            "--step-seconds",
            "2",
            "--supervisors",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "agents=    10" in done.stdout
    assert "largest N with p95" in done.stdout
    assert "events/s" in done.stdout


@pytest.mark.integration
def test_the_change_cost_benchmark_runs_and_prints_its_figures() -> None:
    command = ["-m", "tests.bench.central_change_cost", "--backends", "sqlite", "--agents", "5"]
    done = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "status event upload" in done.stdout and "coming online" in done.stdout
