"""Idle cost of a process: resident memory and CPU share over a quiet interval (from /proc)."""

from __future__ import annotations

import os
import time

_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime + stime


def _rss_mb(pid: int) -> float:
    for line in open(f"/proc/{pid}/status"):
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
