"""A private PulseAudio server whose null sinks stand in for the agent's headset, mic and ringer.

`PulseServer(workdir).start()` runs `pulseaudio` as a child (no daemonising, no default.pa, no
idle exit, one unix socket in `workdir`, anonymous auth: it works as root in a container) and
loads null sinks, each with a `.monitor` source that hears what is played into it:

    lab_default     the system default sink; its monitor is the default source
    agent_speaker   the agent's headset speaker          ALSA/PortAudio name "agent_speaker"
    mic_feed        the test plays the agent's voice here; its monitor is "agent_mic"
    agent_ring      the desk speaker the phone rings on   ALSA/PortAudio name "agent_ring"

Devices are chosen BY NAME through ALSA: `asound.conf` in `workdir` defines PCMs of type pulse
(`pcm.agent_mic { type pulse; device "mic_feed.monitor" }`), and ALSA_CONFIG_PATH lists it after
the system's alsa.conf, so PortAudio lists "agent_mic", "agent_speaker", "agent_ring" next to
"pulse" and "default" without touching HOME. A child process (e.g. the headless softphone) needs
`child_env`: PULSE_SERVER, PULSE_RUNTIME_PATH and ALSA_CONFIG_PATH; `use_in_this_process()` sets
them here (PortAudio must then be re-initialised to see the names: `rescan_devices()`).

A null sink whose streams have all gone idles at its maximum latency, 2 s, and the next stream
then waits up to 2 s for its first buffer, far from a sound card's behaviour. A low-latency
`parec` on every monitor (a "keeper") keeps each sink ticking every few milliseconds.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import wave
from pathlib import Path

import numpy as np

from tests.integration.lab.tools import require_tool, stop_process_group, wait_for

RATE = 16000  # what play/record exchange with the tests
SINK_RATE = 48000  # what the "hardware" runs at, like a USB headset: pulse converts
SINKS = ("lab_default", "agent_speaker", "mic_feed", "agent_ring")
ALSA_NAMES = {
    "agent_speaker": "agent_speaker",
    "agent_mic": "mic_feed.monitor",
    "agent_ring": "agent_ring",
}
SYSTEM_ALSA_CONF = ("/usr/share/alsa/alsa.conf", "/etc/alsa/alsa.conf")


def alsa_config(names: dict[str, str]) -> str:
    """ALSA PCMs of type pulse, one per PortAudio name → pulse sink or source."""
    return "".join(
        f'pcm.{pcm} {{ type pulse; device "{device}"; '
        f'hint {{ show on; description "{device}" }} }}\n'
        for pcm, device in names.items()
    )


class PulseServer:
    def __init__(self, workdir: Path, sinks: tuple[str, ...] = SINKS) -> None:
        self.daemon = require_tool("pulseaudio")
        self.pactl = require_tool("pactl")
        self.parec = require_tool("parec")
        self.paplay = require_tool("paplay")
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        # A unix socket path must stay under 108 bytes; pytest's tmp_path can be longer.
        self.runtime = Path(tempfile.mkdtemp(prefix="pulse-"))
        self.socket = self.runtime / "native"
        self.sink_names = sinks
        system_conf = next((p for p in SYSTEM_ALSA_CONF if os.path.exists(p)), None)
        self.alsa_conf = workdir / "asound.conf"
        self.alsa_conf.write_text(alsa_config(ALSA_NAMES))
        self.child_env = {
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_RUNTIME_PATH": str(self.runtime),
        }
        if system_conf is not None:  # without alsa.conf, ALSA would see only our PCMs
            self.child_env["ALSA_CONFIG_PATH"] = f"{system_conf}:{self.alsa_conf}"
        self.env = {**os.environ, **self.child_env}
        self.proc: subprocess.Popen[bytes] | None = None
        self.modules: dict[str, str] = {}
        self._keepers: dict[str, subprocess.Popen[bytes]] = {}
        self._saved_env: dict[str, str | None] | None = None

    # --- the daemon --------------------------------------------------------------------------

    def start(self) -> None:
        home = self.workdir / "home"
        home.mkdir(exist_ok=True)
        daemon_env = {**self.env, "HOME": str(home), "XDG_RUNTIME_DIR": str(self.runtime)}
        with open(self.workdir / "pulseaudio.log", "wb") as log:
            self.proc = subprocess.Popen(
                [
                    self.daemon,
                    "--system=false",
                    "--daemonize=no",
                    "--exit-idle-time=-1",
                    "--disallow-exit",
                    "--use-pid-file=no",
                    "--realtime=no",
                    "--high-priority=no",
                    "--disable-shm=yes",
                    "-n",  # no default.pa: no ALSA cards, no D-Bus, only what we load
                    f"--load=module-native-protocol-unix socket={self.socket} auth-anonymous=1",
                    "--log-target=stderr",
                ],
                env=daemon_env,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        wait_for(self._answers, 15, "pulseaudio to answer")
        for sink in self.sink_names:
            self.add_sink(sink)
        self.pactl_run("set-default-sink", "lab_default")
        self.pactl_run("set-default-source", "lab_default.monitor")

    def stop(self) -> None:
        self.restore_process_env()
        for name in list(self._keepers):
            self._stop_keeper(name)
        stop_process_group(self.proc)
        self.proc = None
        shutil.rmtree(self.runtime, ignore_errors=True)

    def use_in_this_process(self) -> None:
        """Point this process's libpulse and ALSA at the server (undone by `stop`)."""
        if self._saved_env is None:
            self._saved_env = {key: os.environ.get(key) for key in self.child_env}
        os.environ.update(self.child_env)

    def restore_process_env(self) -> None:
        for key, value in (self._saved_env or {}).items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._saved_env = None

    def _answers(self) -> bool:
        if self.proc is not None and self.proc.poll() is not None:
            log = (self.workdir / "pulseaudio.log").read_text(errors="replace")
            raise RuntimeError(f"pulseaudio exited ({self.proc.returncode}):\n{log}")
        done = subprocess.run([self.pactl, "info"], env=self.env, capture_output=True)
        return done.returncode == 0

    def pactl_run(self, *args: str) -> str:
        done = subprocess.run(
            [self.pactl, *args], env=self.env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    # --- sinks: plugging and unplugging --------------------------------------------------

    def add_sink(self, name: str, properties: str = "") -> None:
        """Plug in a sink; `properties` adds pulse properties, e.g. "device.form_factor=headset"."""
        self.modules[name] = self.pactl_run(
            "load-module",
            "module-null-sink",
            f"sink_name={name}",
            f"rate={SINK_RATE}",
            "channels=2",
            f'sink_properties="device.description={name} {properties}"',
        )
        keeper = subprocess.Popen(
            [self.parec, "-d", f"{name}.monitor", "--latency-msec=10", "--raw"],
            env=self.env,
            stdout=subprocess.DEVNULL,
        )
        self._keepers[name] = keeper
        wait_for(lambda: self._is_recording(keeper.pid), 10, f"the keeper of {name}")
        # The sink still sleeps out the 2 s block it started with: a suspend cycle restarts its
        # clock at the keeper's 10 ms.
        self.pactl_run("suspend-sink", name, "1")
        self.pactl_run("suspend-sink", name, "0")

    def _is_recording(self, pid: int) -> bool:
        outputs = json.loads(self.pactl_run("-f", "json", "list", "source-outputs") or "[]")
        return any(o["properties"].get("application.process.id") == str(pid) for o in outputs)

    def remove_sink(self, name: str) -> None:
        """Unplug: the sink vanishes under whoever plays into it (pulse moves them away)."""
        self._stop_keeper(name)
        self.pactl_run("unload-module", self.modules.pop(name))

    def sinks(self) -> list[str]:
        lines = self.pactl_run("list", "short", "sinks").splitlines()
        return [line.split("\t")[1] for line in lines if "\t" in line]

    def stop_keeper(self, name: str) -> None:
        """Let the sink run only when someone plays into it, as a real headset's sink does
        (nobody records its monitor)."""
        self._stop_keeper(name)

    def _stop_keeper(self, name: str) -> None:
        keeper = self._keepers.pop(name, None)
        if keeper is not None:
            keeper.kill()
            keeper.wait()

    # --- sound in, sound out -------------------------------------------------------------

    def play(self, sink: str, samples: np.ndarray) -> subprocess.Popen[bytes]:
        """Start playing int16 mono samples (at RATE) into a sink; returns at once."""
        path = self.workdir / f"play-{time.monotonic_ns()}.wav"
        path.write_bytes(wav_bytes(samples))
        return subprocess.Popen(
            [self.paplay, f"--device={sink}", "--latency-msec=20", str(path)], env=self.env
        )

    def play_tone(
        self, sink: str, hz: float, seconds: float, level_dbfs: float = -10.0
    ) -> subprocess.Popen[bytes]:
        return self.play(sink, tone(hz, seconds, level_dbfs))

    def start_recording(self, source: str) -> Recording:
        return Recording(self.parec, source, self.env)

    def record(self, source: str, seconds: float) -> np.ndarray:
        """Record int16 mono samples at RATE from a source (e.g. "agent_speaker.monitor")."""
        recording = self.start_recording(source)
        time.sleep(seconds)
        return recording.stop()


class Recording:
    """parec into memory, drained by a thread so that a long recording never stalls the pipe."""

    def __init__(self, parec: str, source: str, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [
                parec,
                "-d",
                source,
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=20",
                "--raw",
            ],
            env=env,
            stdout=subprocess.PIPE,
        )
        self._data = io.BytesIO()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        stdout = self.proc.stdout
        assert stdout is not None
        while chunk := stdout.read1(65536):
            self._data.write(chunk)

    def stop(self) -> np.ndarray:
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._reader.join(5)
        data = self._data.getvalue()
        return np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2").copy()


# --- signals and measurements ----------------------------------------------------------------


def tone(hz: float, seconds: float, level_dbfs: float = -10.0, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    amplitude = 32767 * 10 ** (level_dbfs / 20)
    return np.rint(amplitude * np.sin(2 * np.pi * hz * t)).astype(np.int16)


def wav_bytes(samples: np.ndarray, rate: int = RATE) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.astype("<i2").tobytes())
    return out.getvalue()


def dominant_hz(samples: np.ndarray, rate: int = RATE) -> float:
    """The strongest frequency above 50 Hz (0 for less than 0.1 s of audio)."""
    if samples.size < rate // 10:
        return 0.0
    data = samples.astype(np.float64) * np.hanning(samples.size)
    spectrum = np.abs(np.fft.rfft(data))
    spectrum[: int(50 * samples.size / rate) + 1] = 0
    return float(np.argmax(spectrum) * rate / samples.size)


def band_dbfs(samples: np.ndarray, low_hz: float, high_hz: float, rate: int = RATE) -> float:
    """Level of the part of the signal between two frequencies, in dBFS (RMS)."""
    if samples.size == 0:
        return -120.0
    spectrum = np.fft.rfft(samples.astype(np.float64))
    freqs = np.fft.rfftfreq(samples.size, 1 / rate)
    spectrum[(freqs < low_hz) | (freqs > high_hz)] = 0
    part = np.fft.irfft(spectrum, samples.size)
    return rms_dbfs(part)


def rms_dbfs(samples: np.ndarray) -> float:
    if samples.size == 0:
        return -120.0
    rms = float(np.sqrt(np.mean(np.square(samples.astype(np.float64)))))
    return -120.0 if rms < 1 else 20 * float(np.log10(rms / 32768))
