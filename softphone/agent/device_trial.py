"""The audio page of Settings: which devices there are, a live level of the chosen microphone,
and a test sound on the chosen speaker or ring device with the level of what it plays.

The window reaches the devices only through this façade (softphone.devices owns PortAudio).
Streams are opened and closed here; their callbacks only feed a level meter (and, for the test
sound, copy the next slice of a tone), as every device callback must. Nothing here raises to the
window for a device that cannot open: the result says why in `trouble`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from softphone.devices.hotplug import DeviceList, DeviceWatch
from softphone.devices.levels import SILENCE_DBFS, LevelMeter
from softphone.devices.portaudio import (
    AudioUnavailable,
    close_stream,
    find_device,
    list_devices,
    open_stream,
    rescan_devices,
    supported_rate,
)
from softphone.devices.ringer import ring_cycle

__all__ = ["DeviceList", "DeviceTrial", "DeviceWatch", "watch_devices"]  # what the window uses

log = logging.getLogger(__name__)

RATE = 16000
TEST_SOUND_S = 1.5


class DeviceTrial:
    """Opened by the audio page, closed with it; `levels()` is polled by the page's timer."""

    def __init__(self) -> None:
        self.mic_meter = LevelMeter()
        self.sound_meter = LevelMeter()
        self.trouble = ""  # why the last listen/play could not open its device
        self._mic: Any = None
        self._sound: Any = None
        self._tone = np.zeros(0, dtype=np.int16)
        self._pos = 0
        self._lock = threading.Lock()

    @staticmethod
    def device_names() -> tuple[list[str], list[str]]:
        """(microphones, speakers) by name, as the OS lists them ([] when there is no audio)."""
        try:
            devices = list_devices()
        except AudioUnavailable as exc:
            log.info("no audio devices to list: %s", exc)
            return [], []
        inputs = [d.name for d in devices if d.max_input_channels > 0]
        outputs = [d.name for d in devices if d.max_output_channels > 0]
        return list(dict.fromkeys(inputs)), list(dict.fromkeys(outputs))

    def fresh_device_names(self) -> tuple[list[str], list[str]] | None:
        """`device_names()` re-read after a device was plugged in or out. PortAudio re-reads
        only by re-initialising, with no stream open: this trial's streams are closed first (the
        caller opens them again); None while another stream (a call, the ringer) is open."""
        self.close()
        try:
            if not rescan_devices():
                return None
        except AudioUnavailable as exc:
            log.info("no audio devices to re-read: %s", exc)
            return None
        return self.device_names()

    def listen(self, input_name: str) -> bool:
        """Meter the microphone called `input_name` ("" = the default) from now on."""
        self._close_mic()
        self.mic_meter.reset()
        try:
            device = find_device(input_name, "input")
            if device is None:
                raise AudioUnavailable(_missing("microphone", input_name))
            rate = supported_rate(device, "input", RATE)
            stream = open_stream("input", device, rate, rate // 50, self._heard, _nothing)
        except Exception as exc:  # PortAudio's own errors have no common base
            self.trouble = str(exc)
            return False
        with self._lock:
            self._mic = stream
        return True

    def play_test_sound(self, output_name: str) -> bool:
        """A short two-tone sound on `output_name` ("" = the default); its level is metered."""
        self._close_sound()
        self.sound_meter.reset()
        try:
            device = find_device(output_name, "output")
            if device is None:
                raise AudioUnavailable(_missing("speaker", output_name))
            rate = supported_rate(device, "output", RATE)
            self._tone = ring_cycle(rate, -12.0, TEST_SOUND_S, 0.2)
            self._pos = 0
            stream = open_stream("output", device, rate, rate // 50, self._play, _nothing)
        except Exception as exc:
            self.trouble = str(exc)
            return False
        with self._lock:
            self._sound = stream
        return True

    def levels(self) -> tuple[float, float]:
        """(microphone, test sound) in dBFS; the sound stops once played through."""
        if self._sound is not None and self._pos >= self._tone.size:
            self._close_sound()
        mic = self.mic_meter.dbfs() if self._mic is not None else SILENCE_DBFS
        return mic, self.sound_meter.dbfs()

    @property
    def playing(self) -> bool:
        return self._sound is not None

    def close(self) -> None:
        self._close_mic()
        self._close_sound()

    # --- PortAudio's thread: copy and meter, nothing more ---------------------------------

    def _heard(self, indata: np.ndarray, frames: int, time: Any, status: Any) -> None:
        try:
            self.mic_meter.update(indata[:, 0])
        except Exception:
            return

    def _play(self, outdata: np.ndarray, frames: int, time: Any, status: Any) -> None:
        try:
            piece = self._tone[self._pos : self._pos + frames]
            outdata.fill(0)
            outdata[: piece.size, 0] = piece
            self._pos += frames
            self.sound_meter.update(outdata[:, 0])
        except Exception:
            outdata.fill(0)

    def _close_mic(self) -> None:
        with self._lock:
            stream, self._mic = self._mic, None
        close_stream(stream)

    def _close_sound(self) -> None:
        with self._lock:
            stream, self._sound = self._sound, None
        close_stream(stream)


def watch_devices(on_change: Callable[[DeviceList, DeviceList], None]) -> DeviceWatch:
    """The core's device watch, started, for a window that shows device lists while it is open
    (Settings' audio page, with or without a session): `on_change(before, now)` comes on the
    watch's thread; the window `stop()`s it when it closes."""
    watch = DeviceWatch(on_change)
    watch.start()
    return watch


def _missing(kind: str, name: str) -> str:
    return f"no {kind} called {name!r} is connected" if name else f"no {kind} found"


def _nothing() -> None:
    return None
