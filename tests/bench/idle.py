"""Idle cost of a process: resident memory and CPU share over a quiet interval (from /proc)."""

from __future__ import annotations

import os
import time
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime + stime


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def idle_cost(pid: int, seconds: float) -> tuple[float, float]:
    """(RSS in MB, CPU in % of one core) of `pid` measured over `seconds` of idling."""
    time.sleep(1.0)
    before = _cpu_seconds(pid)
    time.sleep(seconds)
    used = _cpu_seconds(pid) - before
    return _rss_mb(pid), 100.0 * used / seconds
