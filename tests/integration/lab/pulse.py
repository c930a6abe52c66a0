"""PulseAudio for the lab: a private daemon with null sinks as the agent's real audio devices.

Sinks: `agent_speaker` (what the agent hears; its `.monitor` lets the test listen), `mic_feed`
(the test plays into it; its monitor is the agent's microphone) and `agent_ring`. An `.asoundrc`
in the lab's HOME names them for ALSA, so PortAudio — and the agent — choose them BY NAME:
"agent_mic", "agent_speaker", "agent_ring". Children inherit `env` (HOME, PULSE_SERVER).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import numpy as np

from tests.integration.lab.tools import require_tool, wait_for

RATE = 16000
SINKS = ("agent_speaker", "mic_feed", "agent_ring")
ASOUNDRC = """
pcm.agent_mic { type pulse; device "mic_feed.monitor"; hint { show on; description "Lab mic" } }
pcm.agent_speaker { type pulse; device "agent_speaker"; hint { show on; description "Lab set" } }
pcm.agent_ring { type pulse; device "agent_ring"; hint { show on; description "Lab ringer" } }
"""


class PulseLab:
    def __init__(self, workdir: Path) -> None:
        self.daemon = require_tool("pulseaudio")
        self.pactl = require_tool("pactl")
        self.pacat = require_tool("pacat")
        self.home = workdir / "pulse-home"
        self.runtime = self.home / "run"
        self.runtime.mkdir(parents=True, exist_ok=True)
        (self.home / ".asoundrc").write_text(ASOUNDRC)
        self.socket = self.runtime / "native"
        self.child_env = {
            "HOME": str(self.home),
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_RUNTIME_PATH": str(self.runtime),
            "XDG_RUNTIME_DIR": str(self.runtime),
        }
        self.env = {**os.environ, **self.child_env}
        self.proc: subprocess.Popen[bytes] | None = None
        self.modules: dict[str, str] = {}

    def start(self) -> None:
        loads = [f"--load=module-native-protocol-unix socket={self.socket} auth-anonymous=1"]
        log = open(self.home / "pulseaudio.log", "wb")  # noqa: SIM115 - the child owns it
        self.proc = subprocess.Popen(
            [
                self.daemon,
                "--daemonize=no",
                "--exit-idle-time=-1",
                "-n",
                "--use-pid-file=no",
                "--disallow-exit",
                "--disable-shm=yes",
                *loads,
            ],
            env=self.env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        log.close()
        wait_for(self._answers, 15, "pulseaudio to answer")
        for sink in SINKS:
            self.add_sink(sink)

    def _answers(self) -> bool:
        return (
            subprocess.run([self.pactl, "info"], env=self.env, capture_output=True).returncode == 0
        )

    def add_sink(self, name: str) -> None:
        out = subprocess.run(
            [
                self.pactl,
                "load-module",
                "module-null-sink",
                f"sink_name={name}",
                f"rate={RATE}",
                "channels=1",
            ],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        self.modules[name] = out.stdout.strip()

    def remove_sink(self, name: str) -> None:
        """Unplug: the device vanishes under whoever is using it."""
        module = self.modules.pop(name)
        subprocess.run([self.pactl, "unload-module", module], env=self.env, check=True)

    def play(self, sink: str, samples: np.ndarray) -> subprocess.Popen[bytes]:
        """Start playing int16 mono samples into a sink (returns at once)."""
        proc = subprocess.Popen(
            [
                self.pacat,
                "--playback",
                "-d",
                sink,
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=20",
            ],
            env=self.env,
            stdin=subprocess.PIPE,
        )
        stdin = proc.stdin
        assert stdin is not None

        def feed() -> None:  # pacat takes audio in real time: never block the test on it
            try:
                stdin.write(samples.astype("<i2").tobytes())
                stdin.close()
            except (BrokenPipeError, ValueError):
                pass

        threading.Thread(target=feed, daemon=True).start()
        return proc

    def record(self, source: str, seconds: float) -> np.ndarray:
        """Record int16 mono samples from a source (e.g. `agent_speaker.monitor`)."""
        proc = subprocess.Popen(
            [
                self.pacat,
                "--record",
                "-d",
                source,
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=20",
            ],
            env=self.env,
            stdout=subprocess.PIPE,
        )
        time.sleep(seconds)
        proc.send_signal(signal.SIGINT)
        data, _ = proc.communicate(timeout=5)
        return np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None


def tone(hz: float, seconds: float, level: float = 0.3) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    return (level * 32767 * np.sin(2 * np.pi * hz * t)).astype(np.int16)


def dominant_hz(samples: np.ndarray, rate: int = RATE) -> float:
    if samples.size < rate // 10:
        return 0.0
    data = samples.astype(np.float64) * np.hanning(samples.size)
    spectrum = np.abs(np.fft.rfft(data))
    spectrum[: int(50 * samples.size / rate)] = 0  # ignore DC and hum
    return float(np.argmax(spectrum) * rate / samples.size)


def rms_dbfs(samples: np.ndarray) -> float:
    if samples.size == 0:
        return -120.0
    rms = float(np.sqrt(np.mean(np.square(samples.astype(np.float64)))))
    return -120.0 if rms < 1 else 20 * float(np.log10(rms / 32768))
