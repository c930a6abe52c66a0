"""How long the readiness check takes, check by check, and `softphone check` end to end.

The devices are the lab's PulseAudio null sinks and the SIP server the lab's Kamailio on
loopback, so the figures are the check's own cost (recording and playing are fixed at 2 s and
1.5 s; the rest is opening devices, asking the sound server, and the network round trips).
Run:

    uv run python -m tests.bench.readiness_check [--rounds N]

Figures are printed, never asserted: this is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from softphone.config import ReadinessSettings, SipSettings
from softphone.devices.audio import rescan_devices
from softphone.devices.readiness.microphone import check_microphone
from softphone.devices.readiness.network import check_call_quality, check_sip_transports
from softphone.devices.readiness.speaker import check_speaker
from tests.integration.lab.kamailio import Kamailio
from tests.integration.peers.agent_process import AGENT_CMD, agent_env, store_password
from tests.integration.peers.pulse import PulseServer


def timed(work: Callable[[], Any]) -> float:
    began = time.perf_counter()
    work()
    return (time.perf_counter() - began) * 1000


def cli_round(workdir: Path, kamailio: Kamailio, pulse: PulseServer) -> float:
    home = workdir / f"home-{time.monotonic_ns()}"
    folder = home / "profile"
    folder.mkdir(parents=True)
    (folder / "softphone.toml").write_text(
        f'[sip]\nserver = "{kamailio.server()}"\nuser = "agent1"\n'
        '[audio]\ninput = "agent_mic"\noutput = "agent_speaker"\n'
    )
    env = agent_env(home, pulse.child_env)
    store_password(folder, "secret1", env)
    command = [*AGENT_CMD, "check", "--profile", str(folder), "--json"]
    return timed(lambda: subprocess.run(command, env=env, capture_output=True, check=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ready-") as tmp:
        workdir = Path(tmp)
        kamailio = Kamailio(workdir / "kamailio", {"agent1": "secret1"})
        kamailio.workdir.mkdir()
        pulse = PulseServer(workdir / "pulse")
        kamailio.start()
        pulse.start()
        try:
            pulse.use_in_this_process()
            rescan_devices()
            sip = SipSettings(server=kamailio.server(), user="agent1")
            ready = ReadinessSettings()
            work: dict[str, Callable[[], Any]] = {
                "microphone_ms": lambda: check_microphone("agent_mic"),
                "speaker_ms": lambda: check_speaker("agent_speaker"),
                "sip_options_ms": lambda: check_sip_transports(sip, ready),
                "quality_probe_ms": lambda: check_call_quality(sip, ready),
                "cli_check_ms": lambda: cli_round(workdir, kamailio, pulse),
            }
            figures = {name: [timed(job) for _ in range(args.rounds)] for name, job in work.items()}
        finally:
            pulse.stop()
            kamailio.stop()
    print(f"{'figure':<18}{'median':>10}{'max':>10}   ({args.rounds} rounds)")
    for name, values in figures.items():
        print(f"{name:<18}{statistics.median(values):>10.0f}{max(values):>10.0f}")
    print("microphone records 2000 ms and the speaker plays 1500 ms by design;")
    print("cli_check_ms includes starting Python, the SIP engine and registering.")


if __name__ == "__main__":
    main()
