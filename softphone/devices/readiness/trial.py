"""One audio device opened for a few seconds of a readiness check, the way a call would open it.

The device is chosen like the call's (`find_device`: exact name, then part of a name, "" for the
system default; a named device that is missing is replaced by the default, as a call would be,
and the check says so). While it is open we learn, where a sound server runs, which sink or
source it landed on, so the check can read that device's mute and volume, hear a sink through its
monitor, and notice the server moving the stream away (the headset was unplugged mid-check).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from softphone.devices.portaudio import (
    AudioDevice,
    Kind,
    close_stream,
    find_device,
    list_devices,
    open_stream,
    supported_rate,
)
from softphone.devices.pulse_watch import ServerStream
from softphone.devices.readiness.sound_server import ServerDevice, SoundServer

log = logging.getLogger(__name__)

RATE = 16000
WATCH_SECONDS = 0.1
STALL_SECONDS = 1.0  # no callback for this long: the device stopped delivering or taking sound


@dataclass(frozen=True)
class Choice:
    """The device a check will open: `device` (None: there is none) and why it is that one."""

    wanted: str
    device: AudioDevice | None
    fell_back: bool  # the wanted device is missing: the system default stands in

    @property
    def label(self) -> str:
        return self.device.name if self.device else (self.wanted or "the system default")


def choose(wanted: str, kind: Kind) -> Choice:
    """The device a call would use for `wanted`; raises AudioUnavailable without PortAudio."""
    devices = list_devices()
    device = find_device(wanted, kind, devices)
    if device is not None or not wanted:
        return Choice(wanted, device, False)
    return Choice(wanted, find_device("", kind, devices), True)


@dataclass
class Trial:
    """An open stream of a check and what it has seen; close it with `close()`."""

    kind: Kind
    device: AudioDevice
    rate: int
    server: SoundServer
    stream: Any = None
    server_stream: ServerStream | None = None
    finished: bool = False
    closing: bool = False
    last_callback: float = field(default_factory=time.monotonic)
    captured: list[np.ndarray] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def server_device(self) -> ServerDevice | None:
        """The sink or source the server put our stream on (None off a sound server)."""
        if self.server_stream is None:
            return None
        return self.server.device(self.kind, self.server_stream.device)

    def moved(self) -> bool:
        """The sound server moved our stream elsewhere: the device went away (unplugged)."""
        return self.server_stream is not None and self.server.watch.moved(self.server_stream)

    def trouble(self, stalls: bool = True) -> str:
        if self.finished:
            return "stopped"
        if stalls and time.monotonic() - self.last_callback > STALL_SECONDS:
            return "stalled"
        if self.moved():
            return "moved"
        return ""

    def samples(self) -> np.ndarray:
        with self.lock:
            blocks = list(self.captured)
        return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.int16)

    def close(self) -> None:
        self.closing = True
        close_stream(self.stream)
        self.stream = None


def open_trial(
    kind: Kind, device: AudioDevice, server: SoundServer, tone: np.ndarray | None = None
) -> Trial:
    """Open `device` to capture (kind "input") or to loop `tone` (kind "output"). Raises what
    PortAudio raises when the device will not open."""
    rate = supported_rate(device, kind, RATE)
    trial = Trial(kind, device, rate, server)
    watch = server.watch if server.watch.available else None
    before = watch.streams(kind) if watch else None
    callback = _capture(trial) if kind == "input" else _player(trial, _at_rate(tone, rate))
    trial.stream = open_stream(kind, device, rate, rate // 50, callback, _finished(trial))
    trial.last_callback = time.monotonic()
    if watch is not None:
        trial.server_stream = watch.identify(kind, before)
    log.info("readiness: %s %r open at %d Hz", kind, device.name, rate)
    return trial


def _finished(trial: Trial) -> Callable[[], None]:
    def finished() -> None:
        if not trial.closing:
            trial.finished = True

    return finished


def _capture(trial: Trial) -> Callable[..., None]:
    def captured(indata: np.ndarray, frames: int, when: Any, status: Any) -> None:
        trial.last_callback = time.monotonic()
        try:
            with trial.lock:
                trial.captured.append(indata[:, 0].copy())
        except Exception:  # never stop PortAudio's thread
            log.debug("capture callback failed", exc_info=True)

    return captured


def _player(trial: Trial, tone: np.ndarray) -> Callable[..., None]:
    position = [0]

    def play(outdata: np.ndarray, frames: int, when: Any, status: Any) -> None:
        trial.last_callback = time.monotonic()
        try:
            index = (position[0] + np.arange(frames)) % tone.size
            outdata[:, 0] = tone[index]
            position[0] = (position[0] + frames) % tone.size
        except Exception:
            outdata.fill(0)

    return play


def _at_rate(tone: np.ndarray | None, rate: int) -> np.ndarray:
    """The tone (made at RATE) resampled for a device that opened at another rate."""
    if tone is None or tone.size == 0:
        return np.zeros(rate // 50, dtype=np.int16)
    if rate == RATE:
        return tone
    count = int(tone.size * rate / RATE)
    positions = np.arange(count) * (RATE / rate)
    resampled: np.ndarray = np.interp(positions, np.arange(tone.size), tone).astype(np.int16)
    return resampled


def hold_open(
    trial: Trial,
    seconds: float,
    step: float = 0.05,
    stalls: bool = True,
    until: Callable[[], bool] | None = None,
    watch: Callable[[Trial], None] | None = None,
) -> str:
    """Keep the trial open for `seconds` (or until it fails): its trouble, "" when none.
    `stalls=False` leaves out "no callback for a second": a caller that can hear the device
    itself (the speaker check, through the sink's monitor) judges by what it heard instead.
    `until` ends the wait early, without trouble, once it says True; `watch` is shown the
    trial every WATCH_SECONDS (a live level meter)."""
    deadline = time.monotonic() + seconds
    next_look = time.monotonic() + 0.5
    next_watch = time.monotonic() + WATCH_SECONDS
    while time.monotonic() < deadline:
        time.sleep(step)
        if until is not None and until():
            return ""
        if watch is not None and time.monotonic() >= next_watch:
            next_watch += WATCH_SECONDS
            watch(trial)
        if trial.finished:
            return "stopped"
        if time.monotonic() >= next_look:  # asking the server costs a process: twice a second
            next_look += 0.5
            trouble = trial.trouble(stalls)
            if trouble:
                return trouble
    return ""
