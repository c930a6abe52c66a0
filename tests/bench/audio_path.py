"""Mouth-to-ear delay and glitches of a call through Kamailio on loopback: our agent beside
baresip 1.0 as the agent, the far end being baresip in every run.

Per call: after a warm-up, a click train is played into the far end's mouth and another into the
agent's mouth at the same time; each air's monitor (see audio_lab) records mouth and ear in one
stereo stream, and each click's delay is the lag of the mouth's click within the ear. Then a tone
for `--tone-seconds` one way, then the other, whose phase jumps and level dips are the glitches
(audio_signal): by default one hopping between two frequencies, which a noise suppressor passes
as it does a voice (`--glitch-signal steady`: the single tone of sessions 9–12, which WebRTC's
suppressor lowers as noise, each step of it read as a glitch; `--double-talk`: both ways at
once, as then, which the echo canceller answers by lowering the agent's voice at first).
Runs: ours, ours with a busy GIL (threads of pure-Python work inside the agent,
tests/bench/gil_load), baresip; `--calls` calls each, interleaved. Printed, never asserted:

    uv run python -m tests.bench.audio_path [--calls 3] [--clicks 30] [--tone-seconds 30]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tests.bench.audio_lab import (
    BaresipPhone,
    OurPhone,
    StereoRecording,
    play_file,
    start_air,
)
from tests.bench.audio_signal import (
    DROP_DIP,
    LEVEL_DIP,
    RATE,
    click_delays_ms,
    click_train,
    glitch_times_s,
    hop_glitch_times_s,
    hopping_tone,
    steady_tone,
)
from tests.integration.lab.kamailio import Kamailio
from tests.integration.peers.pulse import PulseServer, wav_bytes

USERS = {"agent1": "secret1", "agent2": "secret2"}
DIRECTIONS = {"far→agent": ("air_in", "far_mouth"), "agent→far": ("air_out", "agent_mouth")}
CLICK_HZ = {"far→agent": 1000.0, "agent→far": 1500.0}
# A 10 ms slip turns each of these by 90°, 20 ms by 180°; the first of each pair is the steady
# tone of `--glitch-signal steady`.
TONE_HZ = {"far→agent": (1025.0, 1525.0), "agent→far": (775.0, 1275.0)}
GIL_LOAD = str(Path(__file__).parent / "gil_load")
MATCH_S = 0.06  # a mouth glitch and an ear glitch this close are the same one
RUNS = ("ours", "ours, busy GIL", "baresip")


@dataclass
class Figures:
    delays_ms: dict[str, list[float]] = field(default_factory=lambda: {d: [] for d in DIRECTIONS})
    lost: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DIRECTIONS, 0))
    glitches: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DIRECTIONS, 0))
    drops: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DIRECTIONS, 0))
    tone_s: float = 0.0


def play_both_ways(
    pulse: PulseServer, workdir: Path, signals: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """Play each direction's signal into its mouth; the recordings of both airs (mouth, ear)."""
    recordings = {d: StereoRecording(pulse, f"{air}.monitor") for d, (air, _) in DIRECTIONS.items()}
    time.sleep(0.3)
    players = []
    for direction, (_, mouth) in DIRECTIONS.items():
        path = workdir / f"{mouth}-{time.monotonic_ns()}.wav"
        path.write_bytes(wav_bytes(signals[direction], rate=RATE))
        players.append(play_file(pulse, mouth, path))
    longest = max(s.size for s in signals.values()) / RATE
    for player in players:
        player.wait(longest + 30)
    time.sleep(1.0)  # the end of the signal still travelling
    return {d: r.stop() for d, r in recordings.items()}


def measure_call(
    pulse: PulseServer, workdir: Path, args: argparse.Namespace, figures: Figures
) -> None:
    trains = {d: click_train(args.clicks, args.spacing, CLICK_HZ[d]) for d in DIRECTIONS}
    for direction, heard in play_both_ways(pulse, workdir, trains).items():
        delays, lost = click_delays_ms(heard, args.spacing)
        figures.delays_ms[direction] += delays
        figures.lost[direction] += lost
    if args.tone_seconds <= 0:
        return
    for direction, heard in play_tones(pulse, workdir, args).items():
        times = glitch_reader(args.glitch_signal, TONE_HZ[direction])
        figures.glitches[direction] += path_glitches(heard, times, args.tone_seconds, LEVEL_DIP)
        figures.drops[direction] += path_glitches(heard, times, args.tone_seconds, DROP_DIP)
    figures.tone_s += args.tone_seconds


def play_tones(
    pulse: PulseServer, workdir: Path, args: argparse.Namespace
) -> dict[str, np.ndarray]:
    """Each direction's tone and what was heard of it: one direction at a time (the echo
    canceller, hearing the customer while the agent speaks, lowers the agent's voice for its
    first seconds of double talk — measured on its own in tests/integration/test_voice_cleaning.py
    — and that is not a frame lost), or both at once with `--double-talk`."""
    seconds = args.tone_seconds + 2.0
    tones = {
        d: hopping_tone(TONE_HZ[d], seconds)
        if args.glitch_signal == "hopping"
        else steady_tone(TONE_HZ[d][0], seconds)
        for d in DIRECTIONS
    }
    if args.double_talk:
        return play_both_ways(pulse, workdir, tones)
    quiet = np.zeros(RATE // 10, np.int16)
    heard = {}
    for direction in DIRECTIONS:
        alone = {d: tones[d] if d == direction else quiet for d in DIRECTIONS}
        heard[direction] = play_both_ways(pulse, workdir, alone)[direction]
    return heard


def glitch_reader(signal: str, pair: tuple[float, float]) -> Callable[[np.ndarray, float], list]:
    def times(heard: np.ndarray, level_dip: float) -> list[float]:
        if signal == "hopping":
            return hop_glitch_times_s(heard, pair, level_dip)
        return glitch_times_s(heard, pair[0], level_dip)

    return times


def path_glitches(
    heard: np.ndarray,
    times: Callable[[np.ndarray, float], list[float]],
    seconds: int,
    level_dip: float,
) -> int:
    """The ear's glitches over `seconds` past the tone's arrival, less those already in the mouth
    (the test's own player starved by the busy machine). Both windows start at the tone's
    arrival, so a glitch carried from mouth to ear has the same time in both."""
    mouth, ear = heard[:, 0], heard[:, 1]
    mouth_at = int(np.argmax(np.abs(mouth) > 3000))
    ear_at = int(np.argmax(np.abs(ear) > 3000))
    skip = RATE // 2  # the jitter buffers settling on the tone's first frames
    window = seconds * RATE
    in_mouth = times(mouth[mouth_at + skip : mouth_at + skip + window], level_dip)
    in_ear = times(ear[ear_at + skip : ear_at + skip + window], level_dip)
    return sum(1 for t in in_ear if all(abs(t - m) > MATCH_S for m in in_mouth))


def load_flag(workdir: Path) -> Path:
    return workdir / "gil-load-now"


CLEANING = {  # --cleaning: the agent's [audio] voice stages for the whole run
    "default": {},
    "no-noise-suppression": {"noise_suppression": False},
    "off": {
        "echo_cancellation": "off", "noise_suppression": False, "auto_gain": False,
        "high_pass": False,
    },
}  # fmt: skip


def make_agent(
    kind: str, workdir: Path, pulse: PulseServer, server: str, args: argparse.Namespace
) -> Any:
    if kind == "baresip":
        return BaresipPhone(
            workdir, pulse, server, "agent1", "secret1", "agent_speaker", "agent_mic", "manual"
        )
    load = {}
    if kind == "ours, busy GIL":
        path = os.pathsep.join(p for p in (GIL_LOAD, os.environ.get("PYTHONPATH", "")) if p)
        load = {
            "PYTHONPATH": path,
            "BENCH_GIL_LOAD_THREADS": str(args.load_threads),
            "BENCH_GIL_LOAD_FLAG": str(load_flag(workdir)),
        }
    return OurPhone(workdir, pulse, server, "agent1", "secret1", load, CLEANING[args.cleaning])


def one_call(
    workdir: Path, pulse: PulseServer, server: str, kind: str, args: argparse.Namespace,
    figures: Figures,
) -> None:  # fmt: skip
    """One call: baresip far end (auto-answer), the agent dials it, measure, hang up."""
    far = BaresipPhone(
        workdir, pulse, server, "agent2", "secret2", "far_speaker", "far_mic", "auto"
    )
    agent: Any = None
    try:
        agent = make_agent(kind, workdir, pulse, server, args)
        agent.dial("agent2")
        agent.wait_established()
        load_flag(workdir).touch()  # the busy-GIL agent's load starts now
        time.sleep(args.warm_up)  # devices open, jitter buffers settle before the first click
        measure_call(pulse, workdir, args, figures)
        agent.hangup()
    finally:
        load_flag(workdir).unlink(missing_ok=True)
        if agent is not None:
            agent.stop()
            if isinstance(agent, OurPhone):
                for summary in agent.audio_summaries():
                    print(f"{kind}: {summary}", file=sys.stderr)
        far.stop()


def run(args: argparse.Namespace) -> dict[str, Figures]:
    results = {kind: Figures() for kind in RUNS}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        pulse = start_air(workdir / "pulse")
        kamailio = Kamailio(workdir / "kamailio", USERS)
        kamailio.workdir.mkdir()
        try:
            kamailio.start()
            for _ in range(args.calls):
                for kind in RUNS:
                    one_call(workdir, pulse, kamailio.server("udp"), kind, args, results[kind])
        finally:
            kamailio.stop()
            pulse.stop()
    return results


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def print_table(results: dict[str, Figures], args: argparse.Namespace) -> None:
    print(
        f"\nMouth-to-ear delay (ms) and glitches, {args.calls} call(s) per agent, "
        f"{args.clicks} clicks each way per call,\nG.711 through Kamailio on loopback, "
        "PulseAudio null sinks at 48 kHz; the far end is baresip in every row\n"
    )
    head = ("agent", "direction", "p50", "p95", "min", "max", "clicks", "lost")
    print(
        f"{head[0]:<16}{head[1]:<12}" + "".join(f"{h:>8}" for h in head[2:])
        + f"{'glitch/min':>12}{'drop/min':>10}"
    )  # fmt: skip
    for kind, fig in results.items():
        for direction, delays in fig.delays_ms.items():
            cells = [percentile(delays, 0.5), percentile(delays, 0.95)]
            cells += [min(delays, default=float("nan")), max(delays, default=float("nan"))]
            per_min = 60 / fig.tone_s if fig.tone_s else float("nan")
            glitches, drops = fig.glitches[direction] * per_min, fig.drops[direction] * per_min
            print(
                f"{kind:<16}{direction:<12}" + "".join(f"{c:>8.1f}" for c in cells)
                + f"{len(delays):>8}{fig.lost[direction]:>8}{glitches:>12.1f}{drops:>10.1f}"
            )  # fmt: skip
    print("\nours vs baresip as the agent (target: ours ≤ 1.1× baresip)")
    for direction in DIRECTIONS:
        for q, name in ((0.5, "p50"), (0.95, "p95")):
            ours = percentile(results["ours"].delays_ms[direction], q)
            peer = percentile(results["baresip"].delays_ms[direction], q)
            diff = ours - peer
            print(
                f"  {direction:<12}{name:<5}ratio {ours / peer:>5.2f}"
                f"   ours − baresip {diff:>+7.1f} ms"
            )
    signal = {
        "hopping": "a tone hopping between two frequencies every 150 ms",
        "steady": "a steady tone (a noise suppressor lowers it: each step a glitch, not a drop)",
    }[args.glitch_signal]
    print(
        "\nglitch: a 5 ms block whose phase jumps > 25° or level drops below half; drop: the same"
        "\nwith the level below a tenth (a frame dropped, inserted or silenced);"
        f"\nsignal: {signal}, {'both ways at once' if args.double_talk else 'one way at a time'},"
        f"\nover {args.tone_seconds} s per call; busy GIL = {args.load_threads} pure-Python "
        f"threads inside our agent; our voice cleaning: {args.cleaning}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--calls", type=int, default=3, help="calls per agent, interleaved")
    parser.add_argument("--clicks", type=int, default=30, help="clicks each way per call")
    parser.add_argument("--spacing", type=float, default=0.5, help="seconds between clicks")
    parser.add_argument("--tone-seconds", type=int, default=30, help="0: no glitch count")
    parser.add_argument("--warm-up", type=float, default=2.0, help="seconds before measuring")
    parser.add_argument("--load-threads", type=int, default=2, help="busy-GIL threads")
    parser.add_argument(
        "--cleaning", choices=sorted(CLEANING), default="default",
        help="our agent's voice cleaning (a noise suppressor takes a steady tone for noise)",
    )  # fmt: skip
    parser.add_argument(
        "--glitch-signal", choices=("hopping", "steady"), default="hopping",
        help="what the glitches are counted on (steady: as before session 13)",
    )  # fmt: skip
    parser.add_argument(
        "--double-talk", action="store_true",
        help="tones both ways at once (as before session 13), not one direction at a time",
    )  # fmt: skip
    args = parser.parse_args()
    print_table(run(args), args)


if __name__ == "__main__":
    main()
