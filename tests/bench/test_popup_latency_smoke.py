"""The pop-up benchmark must not rot: a short run (a small list and journal, three calls)
prints every figure, for the window and for the headless agent.

Nothing here is timed or compared to a target; the figures belong to
`python -m tests.bench.popup_latency`, which prints them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.lab.tools import require_tool

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.integration
def test_the_benchmark_runs_and_prints_the_window_beside_the_headless_agent(
    tmp_path: Path,
) -> None:
    for tool in ("kamailio", "sipp", "tshark"):
        require_tool(tool)
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.popup_latency", "--calls", "3", "--size", "20000",
         "--journal-calls", "300", "--data", str(tmp_path / "data")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    rows = {line[:28].strip(): line[28:].split() for line in lines if line[:1].isalpha()}
    for figure in ("pop-up painted", "pop-up filled in", "headless agent: incoming"):
        assert rows[figure][0] == "3", f"{figure}: {rows.get(figure)}"  # every call measured
    assert any(line.startswith("ratio pop-up painted / headless incoming, p95:") for line in lines)
    assert any(line.startswith("target: pop-up painted p95 ≤ 50 ms") for line in lines)
