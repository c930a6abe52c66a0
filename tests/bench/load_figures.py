"""The load benchmark's figures: a step's requests, live updates and CPU per phase (login, ramp,
measured), and how they are printed."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


@dataclass
class Step:
    agents: int
    phase: str = "measured"
    latencies_ms: list[float] = field(default_factory=list)
    live_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    server_cpu_s: float = 0.0
    database_cpu_s: float = 0.0
    generator_cpu_s: float = 0.0
    loop_lag_ms: list[float] = field(default_factory=list)


class Meter:
    """Which step the requests and live updates of this moment count in: the agents record
    into `current`, which the step loop swaps when a ramp or a measured window begins."""

    def __init__(self) -> None:
        self.current = Step(0, "start")


class Window:
    """CPU of the server, the database and this generator over one phase of a step."""

    def __init__(self, pids: list[int], database_cpu: Callable[[], float]) -> None:
        self.pids, self.database_cpu = pids, database_cpu
        self.began = time.monotonic()
        self.server = cpu_seconds(pids)
        self.database = database_cpu()
        self.own = time.process_time()

    def close(self, step: Step) -> None:
        step.seconds = time.monotonic() - self.began
        step.server_cpu_s = cpu_seconds(self.pids) - self.server
        step.database_cpu_s = self.database_cpu() - self.database
        step.generator_cpu_s = time.process_time() - self.own


def print_step(step: Step, supervisors: int) -> None:
    lat = step.latencies_ms
    rate = len(lat) / step.seconds if step.seconds else 0.0
    live_median = statistics.median(step.live_ms) if step.live_ms else float("nan")
    per_request = 1000 / len(lat) if lat else float("nan")
    print(
        f"  {step.phase:8s} agents={step.agents:6d} {step.seconds:5.0f}s  req/s={rate:7.1f}  "
        f"p50={pct(lat, 0.5):6.1f}ms  p95={pct(lat, 0.95):6.1f}ms  p99={pct(lat, 0.99):6.1f}ms"
        f"  errors={step.errors}  live p50={live_median:6.1f}ms "
        f"p95={pct(step.live_ms, 0.95):6.1f}ms"
        f" ({len(step.live_ms)} updates to {supervisors} supervisors)  generator loop lag "
        f"p95={pct(step.loop_lag_ms, 0.95):.0f}ms max={max(step.loop_lag_ms, default=0):.0f}ms\n"
        f"{'':11s}CPU per request: server {_ms(per_request, step.server_cpu_s)}, "
        f"database {_ms(per_request, step.database_cpu_s)}, "
        f"generator {_ms(per_request, step.generator_cpu_s)}; "
        f"% of a core: server {_share(step.server_cpu_s, step)}, "
        f"database {_share(step.database_cpu_s, step)}, "
        f"generator {_share(step.generator_cpu_s, step)}; load {_load()}",
        flush=True,
    )


def _ms(per_request: float, cpu_s: float) -> str:
    return f"{per_request * cpu_s:.2f} ms" if per_request == per_request else "-"


def _share(cpu_s: float, step: Step) -> str:
    return f"{100 * cpu_s / max(step.seconds, 1e-9):.0f}%"


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU the central processes used so far (Linux /proc)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")
