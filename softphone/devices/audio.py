"""The agent's audio devices for calls: PortAudio streams behind two small ring buffers.

pjmedia's clock thread (through the SIP bridge port) takes one 20 ms frame of microphone audio
and gives one 20 ms frame for the speaker at a time; PortAudio's own threads fill and drain the
same buffers. Neither side ever waits for the other: a late device means a frame of silence, a
full buffer drops the oldest audio. Devices are chosen by name (exact, then case-insensitive
part); a device that fails mid-call is replaced by the system default without ending the call.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from softphone.devices.ring_buffer import RingBuffer, level_dbfs

log = logging.getLogger(__name__)

DeviceLost = Callable[[str, str, str], None]


class AudioUnavailable(RuntimeError):
    """PortAudio cannot start here (no library, no sound server): calls go on without audio."""


def _sd() -> Any:
    # Imported on first use: sounddevice initialises PortAudio at import, and a machine whose
    # sound system is broken must still register and take calls, not crash at start-up.
    try:
        import sounddevice
    except (OSError, Exception) as exc:
        raise AudioUnavailable(f"audio system unavailable: {exc}") from exc
    return sounddevice


@dataclass(frozen=True)
class AudioDevice:
    index: int
    name: str
    max_input_channels: int
    max_output_channels: int
    default_samplerate: float
    host_api: str


def list_devices() -> list[AudioDevice]:
    sd = _sd()
    apis = [api["name"] for api in sd.query_hostapis()]
    return [
        AudioDevice(
            index=i,
            name=str(d["name"]),
            max_input_channels=int(d["max_input_channels"]),
            max_output_channels=int(d["max_output_channels"]),
            default_samplerate=float(d["default_samplerate"]),
            host_api=apis[int(d["hostapi"])] if int(d["hostapi"]) < len(apis) else "",
        )
        for i, d in enumerate(sd.query_devices())
    ]


def find_device(name: str, kind: str, devices: list[AudioDevice] | None = None) -> int | None:
    """The PortAudio index of the named device (None = the system default)."""
    if not name:
        return None
    channels = "max_input_channels" if kind == "input" else "max_output_channels"
    usable = [
        d for d in (devices if devices is not None else list_devices()) if getattr(d, channels) > 0
    ]
    for device in usable:
        if device.name == name:
            return device.index
    wanted = name.casefold()
    for device in usable:
        if wanted in device.name.casefold():
            return device.index
    raise LookupError(f"no {kind} device named {name!r}")


def portaudio_version() -> str:
    return str(_sd().get_portaudio_version()[1])


class CallAudio:
    """Microphone and speaker of one call's audio, as 16-bit mono frames."""

    def __init__(
        self,
        input_name: str,
        output_name: str,
        sample_rate: int = 16000,
        frame_ms: int = 20,
        on_device_lost: DeviceLost | None = None,
    ) -> None:
        self.input_name = input_name
        self.output_name = output_name
        self.sample_rate = sample_rate
        self.frame_samples = sample_rate * frame_ms // 1000
        self.on_device_lost = on_device_lost
        self._mic = RingBuffer(self.frame_samples * 10)
        self._speaker = RingBuffer(self.frame_samples * 10)
        self._input: Any = None
        self._output: Any = None
        self._lock = threading.Lock()
        self._stopped = False
        self.device_names: tuple[str, str] = ("", "")

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        with self._lock:
            self._open(self.input_name, self.output_name)

    def _open(self, input_name: str, output_name: str) -> None:
        input_index = find_device(input_name, "input")
        output_index = find_device(output_name, "output")
        sd = _sd()
        self._input = sd.InputStream(
            device=input_index,
            samplerate=self.sample_rate,
            channels=1,
            dtype="int16",
            blocksize=self.frame_samples,
            callback=self._on_captured,
            finished_callback=lambda: self._on_finished("input"),
        )
        self._output = sd.OutputStream(
            device=output_index,
            samplerate=self.sample_rate,
            channels=1,
            dtype="int16",
            blocksize=self.frame_samples,
            callback=self._on_playback,
            finished_callback=lambda: self._on_finished("output"),
        )
        self._speaker.write(np.zeros(self.frame_samples * 2, dtype=np.int16))  # 40 ms cushion
        self._input.start()
        self._output.start()
        self.device_names = (_name_of(input_index, "input"), _name_of(output_index, "output"))

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._close()

    def _close(self) -> None:
        for stream in (self._input, self._output):
            if stream is not None:
                try:
                    stream.abort(ignore_errors=True)
                    stream.close(ignore_errors=True)
                except Exception:
                    log.debug("closing a stream failed", exc_info=True)
        self._input = self._output = None

    def restart_on(self, input_name: str, output_name: str) -> None:
        """Move the running call to other devices; buffered audio carries over."""
        with self._lock:
            self._close()
            self.input_name, self.output_name = input_name, output_name
            self._open(input_name, output_name)

    # --- the bridge side (pjmedia's clock thread) ------------------------------------------

    def read_frame(self) -> bytes:
        return self._mic.read_exactly(self.frame_samples).tobytes()

    def write_frame(self, data: bytes) -> None:
        self._speaker.write(np.frombuffer(data, dtype=np.int16))

    def input_level_dbfs(self) -> float:
        return self._mic.level

    def output_level_dbfs(self) -> float:
        return self._speaker.level

    # --- PortAudio's threads ---------------------------------------------------------------

    def _on_captured(self, indata: np.ndarray, frames: int, time: Any, status: Any) -> None:
        samples = indata[:, 0]
        self._mic.level = level_dbfs(samples)
        self._mic.write(samples)

    def _on_playback(self, outdata: np.ndarray, frames: int, time: Any, status: Any) -> None:
        samples = self._speaker.read_exactly(frames)
        self._speaker.level = level_dbfs(samples)
        outdata[:, 0] = samples

    def _on_finished(self, role: str) -> None:
        # PortAudio ends a stream whose device vanished; we did not ask it to stop.
        if self._stopped:
            return
        threading.Thread(target=self._fall_back, args=(role,), daemon=True).start()

    def _fall_back(self, role: str) -> None:
        with self._lock:
            if self._stopped:
                return
            old = self.device_names[0 if role == "input" else 1]
            log.warning("%s device %r is gone; moving the call to the default", role, old)
            self._close()
            try:
                self._open(
                    "" if role == "input" else self.input_name,
                    "" if role == "output" else self.output_name,
                )
            except Exception:
                log.exception("no %s device to fall back to; the call goes on silent", role)
                return
        if self.on_device_lost is not None:
            self.on_device_lost(role, old, self.device_names[0 if role == "input" else 1])


def _name_of(index: int | None, kind: str) -> str:
    try:
        return str(_sd().query_devices(index, kind)["name"])
    except Exception:
        return ""


class Ringer:
    """Rings on the ring device (North-American cadence: 2 s of 440+480 Hz, 4 s silence)."""

    def __init__(self, device_name: str, sample_rate: int = 16000) -> None:
        self.device_name = device_name
        self.sample_rate = sample_rate
        self._stream: Any = None
        t = np.arange(sample_rate * 6) / sample_rate
        tone = 0.25 * (np.sin(2 * np.pi * 440 * t) + np.sin(2 * np.pi * 480 * t))
        tone[sample_rate * 2 :] = 0.0
        self._cycle = (tone * 32767 / 2).astype(np.int16)
        self._pos = 0

    def start(self) -> None:
        self._stream = _sd().OutputStream(
            device=find_device(self.device_name, "output"),
            samplerate=self.sample_rate,
            channels=1,
            dtype="int16",
            callback=self._fill,
        )
        self._stream.start()

    def _fill(self, outdata: np.ndarray, frames: int, time: Any, status: Any) -> None:
        idx = (self._pos + np.arange(frames)) % len(self._cycle)
        outdata[:, 0] = self._cycle[idx]
        self._pos = (self._pos + frames) % len(self._cycle)

    def stop(self) -> None:
        if self._stream is not None:
            try:
                self._stream.abort(ignore_errors=True)
                self._stream.close(ignore_errors=True)
            except Exception:
                log.debug("closing the ringer failed", exc_info=True)
            self._stream = None
