"""The benchmark harness itself must not rot: one short round prints a row for every client.

Nothing here is timed or compared to a target; the figures belong to `python -m
tests.bench.sip_latency`, which prints them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.lab.tools import require_tool

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.integration
@pytest.mark.slow
def test_the_benchmark_runs_and_prints_all_three_clients() -> None:
    for tool in ("kamailio", "sipp", "baresip", "tshark"):
        require_tool(tool)
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.sip_latency", "--rounds", "1", "--idle-seconds", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    header = next(line for line in done.stdout.splitlines() if line.startswith("figure"))
    for client in ("ours (headless agent)", "raw pjsua2 script", "baresip"):
        assert client in header
    rows = {
        line.split()[0]
        for line in done.stdout.splitlines()
        if line.startswith(("dial", "incoming", "register", "idle"))
    }
    assert {"dial_ms", "incoming_ms", "register_ms", "idle_rss_mb", "idle_cpu_pct"} <= rows


@pytest.mark.integration
def test_the_readiness_benchmark_runs_and_prints_every_figure() -> None:
    for tool in ("kamailio", "pulseaudio"):
        require_tool(tool)
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.readiness_check", "--rounds", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = {line.split()[0] for line in done.stdout.splitlines() if line.strip()}
    assert {"microphone_ms", "speaker_ms", "sip_options_ms", "quality_probe_ms"} <= rows
    assert "cli_check_ms" in rows


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.timeout(660)  # the run's own 600 s bound ends it first, with its output to show
def test_the_desktop_benchmark_prints_our_window_beside_linphone() -> None:
    for tool in ("kamailio", "tshark", "Xvfb", "xdotool", "linphone", "dbus-run-session"):
        require_tool(tool)
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.desktop", "--rounds", "1", "--idle-seconds", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines() if line}
    for row in ("window_ms", "registered_ms", "idle_rss_mb", "idle_cpu_pct"):
        ours, linphone = (float(value) for value in rows[row][:2])
        assert ours == ours, f"{row}: ours is missing (nan)\n{done.stdout}\n{done.stderr[-2000:]}"
        assert linphone == linphone, f"{row}: linphone's is missing (nan)\n{done.stdout}"
