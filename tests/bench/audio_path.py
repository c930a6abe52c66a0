"""Mouth-to-ear delay of a call through Kamailio on loopback: our agent beside baresip 1.0.

A click train is played into the far end's mouth and, at the same time, a second one into the
agent's mouth; each air's monitor (see audio_lab) records mouth and ear in one stereo stream, and
each click's delay is the lag of the best cross-correlation of the mouth's click within the ear.
The far end is baresip (G.711, auto-answer) in both runs; the agent is ours, then baresip, so the
ratio compares the whole path with only the agent changed. Figures are printed, never asserted:

    uv run python -m tests.bench.audio_path [--clicks 30] [--spacing 0.5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from tests.bench.audio_lab import (
    RATE,
    BaresipPhone,
    OurPhone,
    StereoRecording,
    play_file,
    start_air,
)
from tests.integration.lab.kamailio import Kamailio
from tests.integration.peers.pulse import PulseServer, wav_bytes

USERS = {"agent1": "secret1", "agent2": "secret2"}
CLICK_S = 0.005
WARM_UP_S = 2.0  # devices open and the jitter buffers settle before the first click


def click_train(clicks: int, spacing_s: float, hz: float) -> np.ndarray:
    """Hann-windowed tone bursts (a pure impulse would not survive G.711 and resampling)."""
    n = int(CLICK_S * RATE)
    burst = 0.5 * 32767 * np.hanning(n) * np.sin(2 * np.pi * hz * np.arange(n) / RATE)
    train = np.zeros(int((clicks * spacing_s + 0.5) * RATE))
    for k in range(clicks):
        start = int((0.25 + k * spacing_s) * RATE)
        train[start : start + n] = burst
    return np.rint(train).astype(np.int16)


def click_delays_ms(stereo: np.ndarray, spacing_s: float) -> tuple[list[float], int]:
    """Per click found in the mouth (left): its delay to the ear (right). Also the clicks lost."""
    mouth = stereo[:, 0].astype(np.float64)
    ear = stereo[:, 1].astype(np.float64)
    n = int(CLICK_S * RATE)
    onsets = click_onsets(mouth, spacing_s)
    window = int(spacing_s * RATE * 0.9)
    delays: list[float] = []
    lost = 0
    for start in onsets:
        ref = mouth[start : start + n]
        seg = ear[start : start + window + n]
        if seg.size < window + n:
            lost += 1
            continue
        corr = np.correlate(seg, ref, mode="valid")
        lag = int(np.argmax(np.abs(corr)))
        strength = np.abs(corr[lag]) / (
            np.linalg.norm(ref) * np.linalg.norm(seg[lag : lag + n]) + 1
        )
        if strength < 0.5:  # no click in the ear within the window
            lost += 1
            continue
        delays.append(1000 * lag / RATE)
    return delays, lost


def click_onsets(mouth: np.ndarray, spacing_s: float) -> list[int]:
    threshold = 0.3 * float(np.max(np.abs(mouth)) or 1)
    loud = np.flatnonzero(np.abs(mouth) > threshold)
    onsets: list[int] = []
    for index in loud:
        if not onsets or index - onsets[-1] > spacing_s * RATE / 2:
            onsets.append(int(index))
    # back up to the burst's start so that the reference holds the whole click
    return [max(0, i - int(CLICK_S * RATE / 2)) for i in onsets]


def measure_call(
    pulse: PulseServer, workdir: Path, clicks: int, spacing_s: float
) -> dict[str, tuple[list[float], int]]:
    """With the call up: both trains at once, each direction's delays from its air."""
    rec_in = StereoRecording(pulse, "air_in.monitor")
    rec_out = StereoRecording(pulse, "air_out.monitor")
    time.sleep(0.3)
    players = []
    for sink, hz in (("far_mouth", 1000.0), ("agent_mouth", 1500.0)):
        path = workdir / f"{sink}-{time.monotonic_ns()}.wav"
        path.write_bytes(wav_bytes(click_train(clicks, spacing_s, hz), rate=RATE))
        players.append(play_file(pulse, sink, path))
    for player in players:
        player.wait(clicks * spacing_s + 30)
    time.sleep(1.0)  # the last click still travelling
    heard_in, heard_out = rec_in.stop(), rec_out.stop()
    return {
        "far→agent": click_delays_ms(heard_in, spacing_s),
        "agent→far": click_delays_ms(heard_out, spacing_s),
    }


def one_run(workdir: Path, pulse: PulseServer, kamailio: Kamailio, agent_kind: str,
            clicks: int, spacing_s: float) -> dict[str, tuple[list[float], int]]:  # fmt: skip
    """One call: baresip far end (auto-answer), the agent dials it, clicks both ways, hang up."""
    server = kamailio.server("udp")
    far = BaresipPhone(
        workdir, pulse, server, "agent2", "secret2", "far_speaker", "far_mic", "auto"
    )
    agent: Any = None
    try:
        if agent_kind == "ours":
            agent = OurPhone(workdir, pulse, server, "agent1", "secret1")
        else:
            agent = BaresipPhone(
                workdir, pulse, server, "agent1", "secret1", "agent_speaker", "agent_mic", "manual"
            )
        agent.dial("agent2")
        agent.wait_established()
        time.sleep(WARM_UP_S)
        result = measure_call(pulse, workdir, clicks, spacing_s)
        agent.hangup()
        return result
    finally:
        if agent is not None:
            agent.stop()
        far.stop()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(clicks: int, spacing_s: float) -> dict[str, dict[str, tuple[list[float], int]]]:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        pulse = start_air(workdir / "pulse")
        kamailio = Kamailio(workdir / "kamailio", USERS)
        kamailio.workdir.mkdir()
        try:
            kamailio.start()
            for kind in ("ours", "baresip"):
                results[kind] = one_run(workdir, pulse, kamailio, kind, clicks, spacing_s)
        finally:
            kamailio.stop()
            pulse.stop()
    return results


def print_table(results: dict[str, dict[str, tuple[list[float], int]]], clicks: int) -> None:
    print(f"\nMouth-to-ear delay in ms, {clicks} clicks each way, G.711 through Kamailio on "
          "loopback,\nPulseAudio null sinks at 48 kHz; the far end is baresip in both rows\n")  # fmt: skip
    print(f"{'agent':<10}{'direction':<12}{'p50':>8}{'p95':>8}{'min':>8}{'max':>8}{'heard':>7}"
          f"{'lost':>6}")  # fmt: skip
    for kind, directions in results.items():
        for direction, (delays, lost) in directions.items():
            low = min(delays) if delays else float("nan")
            high = max(delays) if delays else float("nan")
            print(f"{kind:<10}{direction:<12}{percentile(delays, 0.5):>8.1f}"
                  f"{percentile(delays, 0.95):>8.1f}{low:>8.1f}{high:>8.1f}{len(delays):>7}"
                  f"{lost:>6}")  # fmt: skip
    print("\nours / baresip (target: ≤ 1.1)")
    for direction in ("far→agent", "agent→far"):
        for q, name in ((0.5, "p50"), (0.95, "p95")):
            ours = percentile(results["ours"][direction][0], q)
            peer = percentile(results["baresip"][direction][0], q)
            print(f"  {direction:<12}{name:<5}{ours / peer if peer else float('nan'):>6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clicks", type=int, default=30)
    parser.add_argument("--spacing", type=float, default=0.5, help="seconds between clicks")
    args = parser.parse_args()
    print_table(run(args.clicks, args.spacing), args.clicks)


if __name__ == "__main__":
    main()
