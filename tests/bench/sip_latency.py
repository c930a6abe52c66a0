"""SIP latency and idle cost: our headless agent beside a raw pjsua2 script and baresip.

All three register at the same Kamailio on loopback. Wire times come from a tshark capture;
client times from each client's own report (our JSON events' ts; the raw script's time.time()
stamps; baresip's console lines, stamped as they arrive). Run:

    uv run python -m tests.bench.sip_latency [--rounds N]

Figures are printed, never asserted: this is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.bench.capture import Capture, Frame
from tests.bench.clients import CLIENTS
from tests.bench.idle import idle_cost
from tests.integration.lab.kamailio import Kamailio
from tests.integration.lab.sipp import SCENARIOS
from tests.integration.lab.tools import free_port, require_tool

USERS = {"agent1": "secret1", "agent2": "secret2", "agent3": "secret3"}
TARGETS = {"register_ms": 1.2, "incoming_ms": None, "dial_ms": 1.2}


def first(frames: list[Frame], after: float, **match: Any) -> Frame | None:
    for frame in frames:
        if frame.time >= after and all(getattr(frame, k) == v for k, v in match.items()):
            return frame
    return None


def call_client(workdir: Path, kamailio: Kamailio, user: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            require_tool("sipp"),
            "-sf",
            str(SCENARIOS / "uac_call_expect_reject.xml"),
            "-i",
            "127.0.0.1",
            "-p",
            str(free_port()),
            "-s",
            user,
            "-m",
            "1",
            "-nostdin",
            "-timeout",
            "5s",
            kamailio.server("udp"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=workdir,
    )


@dataclass
class Marks:
    """Client-side moments of one round, matched against the capture once it is complete."""

    user: str
    started: float
    registered: float
    incoming: float
    dial_asked: float


def one_round(workdir: Path, kamailio: Kamailio, cls: type[Any], user: str) -> tuple[Any, Marks]:
    started = time.time()
    client = cls(workdir, kamailio.server("udp"), user, USERS[user])
    registered = client.registered_at()
    sipp = call_client(workdir, kamailio, user)
    incoming = client.incoming_at()
    try:
        sipp.wait(3)
    except subprocess.TimeoutExpired:  # the caller's fate is not what is measured here
        sipp.kill()
        sipp.wait()
    time.sleep(1.0)  # an agent dials a while after the last call, not in the same millisecond
    # Kamailio answers 404 to this dial: nobody is there; only the INVITE's departure matters.
    asked = client.dial("sip:nobody@127.0.0.1")
    time.sleep(0.3)
    return client, Marks(user, started, registered, incoming, asked)


def figures_of(marks: list[Marks], frames: list[Frame], server_port: int) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {k: [] for k in TARGETS}
    for m in marks:
        register = first(frames, m.started, method="REGISTER", from_user=m.user)
        if register is not None:
            figures["register_ms"].append((m.registered - register.time) * 1000)
        invite_in = first(frames, m.registered, method="INVITE", to_user=m.user, src=server_port)
        if invite_in is not None:
            figures["incoming_ms"].append((m.incoming - invite_in.time) * 1000)
        invite_out = first(frames, m.dial_asked, method="INVITE", from_user=m.user, dst=server_port)
        if invite_out is not None:
            figures["dial_ms"].append((invite_out.time - m.dial_asked) * 1000)
    return figures


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(rounds: int, idle_s: float) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        kamailio = Kamailio(workdir / "kamailio", USERS)
        kamailio.workdir.mkdir()
        kamailio.start()
        capture = Capture(workdir, kamailio.udp_port, kamailio.answers_options)
        marks: dict[str, list[Marks]] = {}
        idle: dict[str, tuple[float, float]] = {}
        try:
            for cls, user in zip(CLIENTS, USERS, strict=True):
                marks[cls.name] = []
                for n in range(rounds):
                    client, mark = one_round(workdir, kamailio, cls, user)
                    marks[cls.name].append(mark)
                    if n == rounds - 1:
                        idle[cls.name] = idle_cost(client.pid, idle_s)
                    client.stop()
            time.sleep(1.0)  # tshark writes a little behind the wire
            frames = capture.frames()
        finally:
            capture.stop()
            kamailio.stop()
        for name, client_marks in marks.items():
            figures = figures_of(client_marks, frames, kamailio.udp_port)
            results[name] = summarise(figures, *idle[name])
    return results


def summarise(figures: dict[str, list[float]], rss_mb: float, cpu_pct: float) -> dict[str, float]:
    out: dict[str, float] = {"idle_rss_mb": rss_mb, "idle_cpu_pct": cpu_pct}
    for name, values in figures.items():
        if values:
            out[f"{name} p50"] = statistics.median(values)
            out[f"{name} p95"] = percentile(values, 0.95)
            out[f"{name} n"] = len(values)
    return out


def ratio(ours: dict[str, float], peer: dict[str, float], row: str) -> float:
    nan = float("nan")
    return ours.get(row, nan) / peer[row] if peer.get(row) else nan


def print_table(results: dict[str, dict[str, float]], rounds: int) -> None:
    names = list(results)
    ours, raw, bare = (results.get(n, {}) for n in names)
    rows = sorted({key for r in results.values() for key in r if not key.endswith(" n")})
    print(f"\nSIP latency and idle cost, {rounds} rounds, loopback through one Kamailio")
    print("register: first REGISTER on the wire → client reports registered (401 challenge incl.)")
    print("incoming: INVITE reaching the client → client reports the call")
    print("dial: dial command written to the client → INVITE on the wire\n")
    head = (
        f"{'figure':<18}"
        + "".join(f"{n:>24}" for n in names)
        + f"{'ours/raw':>10}{'ours/baresip':>14}"
    )
    print(head)
    for row in rows:
        cells = "".join(f"{r.get(row, float('nan')):>24.3f}" for r in results.values())
        ratio_raw = (
            ours.get(row, float("nan")) / raw.get(row, float("nan"))
            if raw.get(row)
            else float("nan")
        )
        ratio_bare = (
            ours.get(row, float("nan")) / bare.get(row, float("nan"))
            if bare.get(row)
            else float("nan")
        )
        print(f"{row:<18}{cells}{ratio_raw:>10.2f}{ratio_bare:>14.2f}")
    print("\ntargets: register and dial ≤ 1.2× raw pjsua2; incoming ≤ 5 ms p95; idle CPU ≤ 0.5 %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--idle-seconds", type=float, default=20.0)
    args = parser.parse_args()
    print_table(run(args.rounds, args.idle_seconds), args.rounds)


if __name__ == "__main__":
    main()
