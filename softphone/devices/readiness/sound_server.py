"""What the sound server (PulseAudio, or PipeWire's pulse server) can tell the readiness check.

PortAudio only says that a stream opened; the sound server knows which sink or source that stream
landed on, whether that device is muted or turned down, and — for a sink — offers a monitor
source that hears exactly what was played into it. That is how the speaker check verifies its own
tone, and how the microphone check tells "muted in the system settings" from "nothing plugged
in". Everything goes through `pactl` and `parec` (pulseaudio-utils, which PipeWire also ships);
where they are missing (Windows, macOS, a bare ALSA box) every question answers "unknown" and the
checks fall back to asking the agent.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from softphone.devices import pactl
from softphone.devices.pulse_watch import Kind, PulseWatch

log = logging.getLogger(__name__)

RATE = 16000  # what the monitor recording is converted to by the server
PACTL_TIMEOUT = 3.0
_LISTS = {"output": "sinks", "input": "sources"}


@dataclass(frozen=True)
class ServerDevice:
    """A sink (kind "output") or source ("input") as the server describes it."""

    kind: Kind
    index: int
    name: str
    description: str
    muted: bool
    volume_pct: int  # the loudest channel, 100 = unity
    monitor: str  # a sink's monitor source ("" for a source)
    form_factor: str = ""  # "headset", "headphone", "hands-free", "speaker", … when known
    is_monitor: bool = False  # a source that only hears a sink (not a microphone)


class SoundServer:
    def __init__(
        self, pactl: str | None = None, parec: str | None = None, enabled: bool = True
    ) -> None:
        """`enabled=False` stands for a system without a sound server (Windows, macOS)."""
        on_linux = sys.platform.startswith("linux") and enabled
        self.pactl = pactl or (shutil.which("pactl") if on_linux else None)
        self.parec = parec or (shutil.which("parec") if on_linux else None)
        self.watch = PulseWatch(pactl=self.pactl)
        if self.pactl is None:
            self.watch.pactl = None

    def device(self, kind: Kind, index: int) -> ServerDevice | None:
        return next((d for d in self.devices(kind) or [] if d.index == index), None)

    def devices(self, kind: Kind) -> list[ServerDevice] | None:
        """The server's sinks ("output") or sources ("input"); None when it does not answer."""
        text = self._pactl("-f", "json", "list", _LISTS[kind])
        return None if text is None else parse_devices(text, kind)

    def subscribe(self) -> subprocess.Popen[str] | None:
        """`pactl subscribe`: one line per server event ("Event 'new' on sink #7"), so that a
        watcher costs nothing while nothing happens. The caller ends it (kill + wait)."""
        if self.pactl is None:
            return None
        try:
            return subprocess.Popen(
                [self.pactl, "subscribe"],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        except OSError as exc:
            log.debug("pactl subscribe did not start: %s", exc)
            return None

    def move_our_streams(self, kind: Kind, to_device: str) -> int:
        """Move this process's playback ("output") or record ("input") streams to a sink or
        source by name; how many moved. The sound server keeps them running: nothing drops."""
        streams = self.watch.streams(kind) or {}
        verb = "move-sink-input" if kind == "output" else "move-source-output"
        moved = 0
        for index in streams:
            if self._pactl(verb, str(index), to_device) is not None:
                moved += 1
        return moved

    def record(self, source: str, seconds: float) -> np.ndarray | None:
        """Mono int16 samples at RATE recorded from a source (None when that cannot be done)."""
        if self.parec is None:
            return None
        wanted = int(RATE * seconds) * 2
        try:
            done = subprocess.run(
                [self.parec, "-d", source, *_RAW_MONO],
                capture_output=True,
                timeout=seconds,
                check=False,
            )
            data = done.stdout
        except subprocess.TimeoutExpired as stopped:  # the normal end: we record for `seconds`
            data = stopped.stdout or b""
        except OSError as exc:
            log.info("parec did not start: %s", exc)
            return None
        data = data[: min(len(data), wanted) // 2 * 2]
        return np.frombuffer(data, dtype="<i2").copy()

    def listen(
        self, source: str, enough: Callable[[np.ndarray], bool], max_seconds: float
    ) -> np.ndarray | None:
        """Record from a source until `enough(samples so far)` says so or `max_seconds` pass:
        mono int16 at RATE (None when that cannot be done). A sink that runs with a long
        latency plays what it was given late; listening until it is heard copes with that."""
        if self.parec is None:
            return None
        try:
            proc = subprocess.Popen(
                [self.parec, "-d", source, *_RAW_MONO],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            log.info("parec did not start: %s", exc)
            return None
        # The deadline kills parec, which ends a read that a silent source would block.
        deadline = threading.Timer(max_seconds, proc.kill)
        deadline.start()
        chunks: list[bytes] = []
        try:
            assert proc.stdout is not None
            while chunk := proc.stdout.read(RATE // 10 * 2):  # 100 ms
                chunks.append(chunk)
                if enough(_samples(b"".join(chunks))):
                    break
        finally:
            deadline.cancel()
            proc.kill()
            proc.wait()
        return _samples(b"".join(chunks))

    def _pactl(self, *args: str) -> str | None:
        return pactl.run(self.pactl, *args, timeout_s=PACTL_TIMEOUT)


_RAW_MONO = ("--format=s16le", f"--rate={RATE}", "--channels=1", "--latency-msec=20", "--raw")


def _samples(data: bytes) -> np.ndarray:
    return np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2").copy()


def parse_devices(text: str, kind: Kind) -> list[ServerDevice]:
    """Sinks or sources from `pactl -f json list sinks|sources`; entries that do not fit are
    skipped (older servers leave fields out)."""
    found = []
    for entry in pactl.json_entries(text):
        try:
            found.append(
                ServerDevice(
                    kind=kind,
                    index=int(entry["index"]),
                    name=str(entry["name"]),
                    description=str(entry.get("description", entry["name"])),
                    muted=bool(entry.get("mute", False)),
                    volume_pct=_loudest_channel(entry.get("volume")),
                    monitor=str(entry.get("monitor_source", "")) if kind == "output" else "",
                    form_factor=str(_properties(entry).get("device.form_factor", "")),
                    is_monitor=_properties(entry).get("device.class") == "monitor",
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return found


def _properties(entry: dict[str, Any]) -> dict[str, Any]:
    found = entry.get("properties")
    return found if isinstance(found, dict) else {}


def _loudest_channel(volume: Any) -> int:
    if not isinstance(volume, dict) or not volume:
        return 100
    levels = []
    for channel in volume.values():
        try:
            levels.append(round(int(channel["value"]) * 100 / 65536))
        except (KeyError, TypeError, ValueError):
            continue
    return max(levels, default=100)
