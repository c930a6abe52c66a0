"""One PortAudio stream carrying one or both sides of a call: its callbacks and its health.

The callbacks run on PortAudio's thread. They copy one block between the device and the call's
jitter buffers (converting the rate if the device refused the call's), feed the level meters and
stamp the time; they never take a lock held for longer than a copy, and never raise (sounddevice
stops calling a callback that raised, which would silence the call). Whether the device is still
there is judged from outside, by `trouble()`: PortAudio ended the stream, no callback came for a
while, or the sound server moved the stream to another device.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from softphone.devices.audio_health import CallbackTimer, DeviceFlags
from softphone.devices.jitter_buffer import JitterBuffer
from softphone.devices.levels import LevelMeter
from softphone.devices.portaudio import AudioDevice, Kind, close_stream, open_stream
from softphone.devices.pulse_watch import PulseWatch, ServerStream
from softphone.devices.resample import PullResampler, StreamResampler

log = logging.getLogger(__name__)

STALL_SECONDS = 2.0  # no callback for this long: the device is gone even if PortAudio says not
MOVED = "moved by the sound server"
SERVER_DEFAULTS = {"default", "pulse", "sysdefault"}  # ALSA names that follow the server's choice


class CallBuffers:
    """What the device streams of one call share with pjmedia's side."""

    def __init__(self, sample_rate: int, frame_ms: int, buffer_ms: int, prefill_ms: int) -> None:
        self.sample_rate = sample_rate
        self.frame_ms = frame_ms
        self.frame_samples = sample_rate * frame_ms // 1000
        capacity = sample_rate * buffer_ms // 1000
        prefill = sample_rate * prefill_ms // 1000
        # The cushion starts at `prefill`, grows a frame per gap up to 3/10 of the ring, and a
        # lump is dropped only past 3/5 (see jitter_buffer).
        self.mic, self.speaker = (
            JitterBuffer(
                capacity, prefill, high_water=capacity * 3 // 5, step=self.frame_samples,
                cap=capacity * 3 // 10, trim_step=self.frame_samples // 10,
            )
            for _ in range(2)
        )  # fmt: skip
        self.prefill = prefill
        # Told how many whole frames the microphone has buffered after each captured block, by
        # the device's thread: the SIP side's conference drive ticks that many times at once.
        self.on_captured: Callable[[int], None] | None = None
        self.mic_meter = LevelMeter()
        self.speaker_meter = LevelMeter()
        self.callback_errors = 0
        block_s = frame_ms / 1000
        # When each thread came for its block: the devices' (PortAudio) and the media clock's.
        self.timers = {role: CallbackTimer(block_s) for role in ("input", "output", "clock")}
        self.device_flags = DeviceFlags()

    def timing(self) -> str:
        """The callbacks' timing and PortAudio's flags, for the call's `call audio:` line."""
        names = {"input": "microphone device", "output": "speaker device", "clock": "media clock"}
        parts = [f"{names[role]}: {timer.summary()}" for role, timer in self.timers.items()]
        return "; ".join([*parts, f"PortAudio {self.device_flags.summary()}"])


class DeviceStream:
    """A started PortAudio stream for `roles` ("input", "output" or both) on `device`."""

    def __init__(
        self,
        roles: tuple[Kind, ...],
        device: AudioDevice,
        rate: int,
        buffers: CallBuffers,
        on_finished: Callable[[], None],
    ) -> None:
        self.roles = roles
        self.device = device
        self.rate = rate
        self.buffers = buffers
        self.opened_at = self.last_callback = time.monotonic()
        self.finished = False
        self.closing = False
        self.retried = False  # already reopened once on the same device after a failure
        self.server: list[ServerStream] = []
        self._on_finished = on_finished
        self._capture: StreamResampler | None = None
        self._playback: PullResampler | None = None
        if rate != buffers.sample_rate:
            self._capture = StreamResampler(rate, buffers.sample_rate)
            self._playback = PullResampler(
                buffers.sample_rate, rate, buffers.speaker.read, buffers.frame_samples
            )
        self.handle: Any = None
        # A playback callback later than this found the card's buffer empty: the card played a
        # gap, whether or not PortAudio says so (ALSA's pulse plugin does not always).
        self._dry_after = float("inf")

    def open(self, pulse: PulseWatch | None) -> None:
        """Open and start; with `pulse`, learn which server streams are ours, to see moves."""
        watch = pulse is not None and pulse.available
        before = {role: pulse.streams(role) for role in self.roles} if pulse and watch else {}
        kind = "duplex" if len(self.roles) == 2 else self.roles[0]
        for role in self.roles:
            self.buffers.timers[role].restart()
        frame = self.rate * self.buffers.frame_ms
        self.handle = open_stream(
            kind,
            self.device if kind != "duplex" else (self.device, self.device),
            self.rate,
            frame // 1000 if frame % 1000 == 0 else 0,  # 0: let PortAudio choose
            self._callback(),
            self._finished,
        )
        latency = getattr(self.handle, "latency", None)
        output = latency[-1] if isinstance(latency, tuple) else latency
        if "output" in self.roles and isinstance(output, float):
            self._dry_after = output + self.buffers.frame_ms / 1000
        for role, seen in before.items():
            server = pulse.identify(role, seen) if pulse else None
            if server is not None:
                self.server.append(server)
        log.info(
            "%s on %r at %d Hz, latency %s s",
            "/".join(self.roles),
            self.device.name,
            self.rate,
            getattr(self.handle, "latency", "?"),
        )

    def close(self) -> None:
        self.closing = True
        close_stream(self.handle)

    def age(self) -> float:
        return time.monotonic() - self.opened_at

    def trouble(self, now: float, pulse: PulseWatch | None) -> str:
        """Why this stream's device is no longer usable ("" while it is)."""
        if self.finished:
            return "stopped"
        if now - self.last_callback > STALL_SECONDS:
            return "stalled"
        if pulse is not None and any(pulse.moved(s) for s in self.server):
            return MOVED
        return ""

    # --- PortAudio's thread ------------------------------------------------------------------

    def _finished(self) -> None:
        if not self.closing:  # PortAudio ended a stream we did not stop: its device failed
            self.finished = True
            self._on_finished()

    def _callback(self) -> Callable[..., None]:
        timer = self.buffers.timers[self.roles[0]]  # a duplex stream: both sides' timing
        if self.roles == ("input",):

            def captured(indata: np.ndarray, frames: int, when: Any, status: Any) -> None:
                self.last_callback = began = timer.begin()
                if status:
                    self._note(status)
                try:
                    self._captured(indata)
                except Exception:
                    self.buffers.callback_errors += 1
                timer.end(began)

            return captured
        if self.roles == ("output",):

            def play(outdata: np.ndarray, frames: int, when: Any, status: Any) -> None:
                self.last_callback = began = timer.begin()
                if status:
                    self._note(status)
                if timer.gap > self._dry_after:
                    self.buffers.speaker.resync()
                try:
                    self._play(outdata, frames)
                except Exception:
                    self.buffers.callback_errors += 1
                    outdata.fill(0)
                timer.end(began)

            return play

        def duplex(
            indata: np.ndarray, outdata: np.ndarray, frames: int, when: Any, status: Any
        ) -> None:
            self.last_callback = began = timer.begin()
            if status:
                self._note(status)
            if timer.gap > self._dry_after:
                self.buffers.speaker.resync()
            try:
                self._captured(indata)
                self._play(outdata, frames)
            except Exception:
                self.buffers.callback_errors += 1
                outdata.fill(0)
            timer.end(began)

        return duplex

    def _note(self, status: Any) -> None:
        self.buffers.device_flags.note(status)
        if getattr(status, "output_underflow", False):  # the card played a gap: catch up beside it
            self.buffers.speaker.resync()

    def _captured(self, indata: np.ndarray) -> None:
        samples = indata[:, 0]
        if self._capture is not None:
            samples = self._capture.process(samples)
        self.buffers.mic.write(samples)
        self.buffers.mic_meter.update(samples)
        offer = self.buffers.on_captured
        if offer is not None:
            offer(len(self.buffers.mic) // self.buffers.frame_samples)

    def _play(self, outdata: np.ndarray, frames: int) -> None:
        if self._playback is not None:
            samples = self._playback.read(frames)
        else:
            samples = self.buffers.speaker.read(frames)
        self.buffers.speaker_meter.update(samples)
        outdata[:, 0] = samples


def follows_server_default(device: AudioDevice) -> bool:
    """True for devices whose sound-server stream follows the default (moves are not losses)."""
    return device.is_default_input or device.is_default_output or device.name in SERVER_DEFAULTS
