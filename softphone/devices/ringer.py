"""The ring tone on the agent's ring device: a generated North-American cadence, looped.

Contact-center agents often ring on the desk speaker while the headset stays quiet, so the ringer
opens its own output stream on its own device, chosen by name like the call's devices (a missing
ring device rings on the system default rather than not at all). The tone is two sines, 440 Hz
and 480 Hz, two seconds on and four off, generated at whatever rate the device opens at, so no
resampling runs in PortAudio's callback: it only copies the next slice of the cycle.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import numpy as np

from softphone.devices.portaudio import (
    AudioUnavailable,
    close_stream,
    find_device,
    open_stream,
    supported_rate,
)

log = logging.getLogger(__name__)

RING_HZ = (440.0, 480.0)
RING_ON_SECONDS = 2.0
RING_OFF_SECONDS = 4.0


def ring_cycle(
    rate: int,
    level_dbfs: float = -12.0,
    on_seconds: float = RING_ON_SECONDS,
    off_seconds: float = RING_OFF_SECONDS,
) -> np.ndarray:
    """One cadence cycle as int16: the tone with 10 ms ramps (no clicks), then silence."""
    on = int(rate * on_seconds)
    t = np.arange(on) / rate
    tone = sum(np.sin(2 * np.pi * hz * t) for hz in RING_HZ) / len(RING_HZ)
    ramp = min(on // 2, int(rate * 0.01))
    if ramp:
        envelope = np.ones(on)
        envelope[:ramp] = np.linspace(0.0, 1.0, ramp)
        envelope[-ramp:] = np.linspace(1.0, 0.0, ramp)
        tone = tone * envelope
    amplitude = 32767 * 10 ** (level_dbfs / 20)
    cycle = np.zeros(on + int(rate * off_seconds), dtype=np.int16)
    cycle[:on] = np.rint(tone * amplitude).astype(np.int16)
    return cycle


class Ringer:
    """Rings on a device until `stop()`. `start()` returns at once; neither ever blocks long."""

    def __init__(self, device_name: str = "", sample_rate: int = 16000, level_dbfs: float = -12.0):
        self.device_name = device_name
        self.sample_rate = sample_rate
        self.level_dbfs = level_dbfs
        self.device: str = ""  # what is actually ringing ("" while silent)
        self._stream: Any = None
        self._cycle = np.zeros(0, dtype=np.int16)
        self._pos = 0
        self._lock = threading.Lock()

    @property
    def ringing(self) -> bool:
        return self._stream is not None

    def start(self) -> None:
        """Start ringing (again from the top of the cadence). Raises AudioUnavailable when no
        output device at all can ring."""
        with self._lock:
            if self._stream is not None:
                return
            device = find_device(self.device_name, "output")
            if device is None:
                if self.device_name:
                    log.warning("no ring device %r; ringing on the default", self.device_name)
                device = find_device("", "output")
            if device is None:
                raise AudioUnavailable("no output device to ring on")
            rate = supported_rate(device, "output", self.sample_rate)
            self._cycle = ring_cycle(rate, self.level_dbfs)
            self._pos = 0
            self._stream = open_stream(
                "output", device, rate, rate // 50, self._fill, self._on_finished
            )
            self.device = device.name

    def _fill(self, outdata: np.ndarray, frames: int, time: Any, status: Any) -> None:
        try:
            cycle = self._cycle
            idx = (self._pos + np.arange(frames)) % cycle.size
            outdata[:, 0] = cycle[idx]
            self._pos = (self._pos + frames) % cycle.size
        except Exception:  # never let an exception stop PortAudio's thread
            outdata.fill(0)

    def _on_finished(self) -> None:
        if self._stream is not None:
            log.warning("ring device %r stopped by itself", self.device)

    def stop(self) -> None:
        """Stop ringing; idempotent, from any thread."""
        with self._lock:
            stream, self._stream = self._stream, None
            self.device = ""
        close_stream(stream)
