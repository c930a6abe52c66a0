"""The "air" of the audio-path benchmark: PulseAudio sinks where mouth and ear share one clock,
and the phones that talk through them (our headless agent, baresip as agent, baresip as far end).

Each direction of the call has its own stereo null sink ("air"). Its LEFT channel is the talker's
mouth: the benchmark plays clicks into a remap sink on it, and the talker's microphone is a
remap source reading it back. Its RIGHT channel is the listener's ear: the listener's speaker is a
remap sink on it. One `parec` of the air's monitor then records mouth (left) and ear (right) in
the same stream, so the delay between them needs no clock alignment between recorders.

    air_in   left: far_mouth → far_mic (far end's microphone)   right: agent_speaker (agent hears)
    air_out  left: agent_mouth → agent_mic (agent's microphone)  right: far_speaker (far end hears)

Both phones reach the sinks the same way, ALSA PCMs of type pulse: ours through PortAudio, baresip
1.0 through its alsa module (Debian's baresip 1.0 ships no PulseAudio module).
"""

from __future__ import annotations

import io
import json
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from tests.bench.audio_signal import RATE
from tests.bench.clients import LineClient
from tests.integration.lab.tools import free_port, require_tool
from tests.integration.peers.agent_process import (
    AgentProcess,
    agent_env,
    store_password,
    write_profile,
)
from tests.integration.peers.pulse import PulseServer, alsa_config

AIR_SINKS = ("lab_default", "air_in", "air_out")
PCMS = {
    "agent_speaker": "agent_speaker",
    "agent_mic": "agent_mic",
    "agent_ring": "lab_default",
    "far_speaker": "far_speaker",
    "far_mic": "far_mic",
}
# remap sink name → (air sink, channel); remap source name → (air sink's monitor, channel)
REMAP_SINKS = {
    "far_mouth": ("air_in", "front-left"),
    "agent_speaker": ("air_in", "front-right"),
    "agent_mouth": ("air_out", "front-left"),
    "far_speaker": ("air_out", "front-right"),
}
REMAP_SOURCES = {"far_mic": ("air_in", "front-left"), "agent_mic": ("air_out", "front-left")}
HEADSET = {"input": "agent_mic", "output": "agent_speaker", "ring": "agent_ring"}


def start_air(workdir: Path) -> PulseServer:
    """A private PulseAudio server with the two airs and their mouths, ears and microphones."""
    pulse = PulseServer(workdir, sinks=AIR_SINKS)
    pulse.alsa_conf.write_text(alsa_config(PCMS))
    pulse.start()
    for name, (air, channel) in REMAP_SINKS.items():
        pulse.pactl_run(
            "load-module", "module-remap-sink", f"sink_name={name}", f"master={air}",
            "channels=1", "channel_map=mono", f"master_channel_map={channel}", "remix=no",
        )  # fmt: skip
    for name, (air, channel) in REMAP_SOURCES.items():
        pulse.pactl_run(
            "load-module", "module-remap-source", f"source_name={name}",
            f"master={air}.monitor", "channels=1", "channel_map=mono",
            f"master_channel_map={channel}", "remix=no",
        )  # fmt: skip
    return pulse


BARESIP_CONFIG = """poll_method epoll
sip_listen 127.0.0.1:{port}
audio_player alsa,{speaker}
audio_source alsa,{mic}
audio_alert alsa,agent_ring
audio_srate 48000
module_path /usr/lib/baresip/modules
module stdio.so
module g711.so
module alsa.so
module_app account.so
module_app menu.so
"""


class BaresipPhone:
    """baresip 1.0 with its default jitter buffer and audio buffers, G.711 only, on ALSA names."""

    def __init__(
        self, workdir: Path, pulse: PulseServer, server: str, user: str, password: str,
        speaker: str, mic: str, answer: str,
    ) -> None:  # fmt: skip
        confdir = workdir / f"baresip-{user}-{time.monotonic_ns()}"
        confdir.mkdir()
        config = BARESIP_CONFIG.format(port=free_port(), speaker=speaker, mic=mic)
        (confdir / "config").write_text(config)
        (confdir / "accounts").write_text(
            f'<sip:{user}@127.0.0.1>;auth_pass={password};outbound="sip:{server}";'
            f"regint=300;answermode={answer}\n"
        )
        (confdir / "contacts").write_text("")
        self.server = server
        self.client = LineClient(
            [require_tool("baresip"), "-f", str(confdir)], env=pulse.env, cwd=confdir
        )
        self.client.wait_line("200 OK", timeout=20)

    def dial(self, user: str) -> None:
        self.client.write(f"/dial sip:{user}@{self.server}\n")

    def wait_established(self) -> None:
        self.client.wait_line("established", timeout=20)

    def hangup(self) -> None:
        self.client.write("/hangup\n")

    def stop(self) -> None:
        self.client.write("/quit\n")
        self.client.stop()


class OurPhone:
    """Our headless agent on the benchmark's headset (PortAudio → ALSA → pulse)."""

    def __init__(
        self,
        workdir: Path,
        pulse: PulseServer,
        server: str,
        user: str,
        password: str,
        env_extra: dict[str, str] | None = None,
        audio: dict[str, object] | None = None,
    ) -> None:
        home = workdir / f"home-{user}-{time.monotonic_ns()}"
        folder = write_profile(
            home / "profile",
            {"server": server, "user": user, "register_expires_s": 300},
            {**HEADSET, **(audio or {})},
        )
        env = agent_env(home, {**pulse.child_env, "SOFTPHONE_LOG": "INFO", **(env_extra or {})})
        store_password(folder, password, env)
        self.agent = AgentProcess(folder, env)
        self.agent.expect("registered", timeout=20)
        self.call: Any = None

    def dial(self, user: str) -> None:
        self.agent.send("dial", number=user)

    def wait_established(self) -> None:
        self.call = self.agent.expect("call_state", state="confirmed", timeout=20)["call"]

    def hangup(self) -> None:
        self.agent.send("hangup", call=self.call)
        self.agent.expect("call_ended", call=self.call, timeout=15)

    def stop(self) -> None:
        code = self.agent.stop()
        if code != 0:
            raise RuntimeError(f"our agent exited {code}: {json.dumps(self.agent.stderr_tail())}")

    def audio_summaries(self) -> list[str]:
        """The agent's own count of gaps and skips per call (its log on stderr, `call audio:`):
        beside the glitches heard, which of the two buffers caused them."""
        lines = self.agent.stderr_tail(10_000_000).splitlines()
        marks = ("call audio:", "jitter buffer:", "media clock:")
        return [line.split(": ", 1)[1].strip() for line in lines if any(m in line for m in marks)]


class StereoRecording:
    """parec of an air's monitor, both channels at the air's rate, drained by a thread."""

    def __init__(self, pulse: PulseServer, source: str) -> None:
        self.proc = subprocess.Popen(
            [pulse.parec, "-d", source, "--format=s16le", f"--rate={RATE}", "--channels=2",
             "--latency-msec=10", "--raw"],
            env=pulse.env, stdout=subprocess.PIPE,
        )  # fmt: skip
        self._data = io.BytesIO()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        assert self.proc.stdout is not None
        while chunk := self.proc.stdout.read1(65536):
            self._data.write(chunk)

    def stop(self) -> np.ndarray:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._reader.join(5)
        data = self._data.getvalue()
        return np.frombuffer(data[: len(data) // 4 * 4], dtype="<i2").reshape(-1, 2).copy()


def play_file(pulse: PulseServer, sink: str, path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [pulse.paplay, f"--device={sink}", "--latency-msec=200", str(path)], env=pulse.env
    )
