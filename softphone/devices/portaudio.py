"""PortAudio through sounddevice: the device catalogue, choosing a device by name, opening streams.

This is the one module that imports sounddevice, and it does so on first use: sounddevice loads
and initialises PortAudio at import, and a machine whose sound system is broken must still start,
register and take calls. Devices are named as PortAudio names them (on Linux, ALSA PCM names —
see `softphone.devices.audio` for how PulseAudio sinks get names). Opening, closing and
re-initialising PortAudio go through one lock: PortAudio does not promise that those calls are
safe from several threads at once, and the call audio, its watchdog and the ringer each have one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

log = logging.getLogger(__name__)

Kind = Literal["input", "output"]
# Seconds; two frames of headroom, low enough for a conversation. 80 ms for the speaker was
# measured (issue 18): its callbacks came in bursts, the far end's voice arrived 50 ms later and
# the busy-GIL glitches did not drop, so both sides keep 40 ms.
STREAM_LATENCY = 0.04

PORTAUDIO_LOCK = threading.RLock()
_open_streams = 0


class AudioUnavailable(RuntimeError):
    """PortAudio cannot start here (no library, no sound server): calls go on without audio."""


def sd() -> Any:
    """The sounddevice module, imported on first use."""
    try:
        import sounddevice
    except Exception as exc:  # OSError when libportaudio is missing, others on broken set-ups
        raise AudioUnavailable(f"audio system unavailable: {exc}") from exc
    return sounddevice


@dataclass(frozen=True)
class AudioDevice:
    index: int
    name: str
    host_api: str
    max_input_channels: int
    max_output_channels: int
    default_samplerate: float
    is_default_input: bool = False
    is_default_output: bool = False

    def channels(self, kind: Kind) -> int:
        return self.max_input_channels if kind == "input" else self.max_output_channels


def list_devices() -> list[AudioDevice]:
    """Every device PortAudio knows about (as of start-up or the last `rescan_devices`)."""
    lib = sd()
    with PORTAUDIO_LOCK:
        apis = [str(api["name"]) for api in lib.query_hostapis()]
        default_in, default_out = _default_indexes(lib)
        raw = list(lib.query_devices())
    devices = []
    for index, d in enumerate(raw):
        api = int(d["hostapi"])
        devices.append(
            AudioDevice(
                index=index,
                name=str(d["name"]),
                host_api=apis[api] if 0 <= api < len(apis) else "",
                max_input_channels=int(d["max_input_channels"]),
                max_output_channels=int(d["max_output_channels"]),
                default_samplerate=float(d["default_samplerate"]),
                is_default_input=index == default_in,
                is_default_output=index == default_out,
            )
        )
    return devices


def _default_indexes(lib: Any) -> tuple[int, int]:
    try:
        default_in, default_out = (int(i) for i in lib.default.device)
    except Exception:
        default_in = default_out = -1
    # sounddevice leaves -1 until someone sets a default: ask PortAudio's default host API.
    if default_in < 0 or default_out < 0:
        try:
            api = lib.query_hostapis(lib._lib.Pa_GetDefaultHostApi())
            default_in = default_in if default_in >= 0 else int(api["default_input_device"])
            default_out = default_out if default_out >= 0 else int(api["default_output_device"])
        except Exception:
            log.debug("no default host API", exc_info=True)
    return default_in, default_out


def find_device(
    name: str, kind: Kind, devices: Iterable[AudioDevice] | None = None
) -> AudioDevice | None:
    """The device called `name` that can `kind` (capture or play); "" means the system default.

    An exact name wins over a case-insensitive part of a name ("Jabra" finds "Jabra Evolve2 65").
    Windows lists one headset under several host APIs (MME, DirectSound, WASAPI): among equal
    matches the default device's host API wins, then the lowest index. None when nothing fits.
    """
    usable = [
        d for d in (devices if devices is not None else list_devices()) if d.channels(kind) > 0
    ]

    def is_default(device: AudioDevice) -> bool:
        return device.is_default_input if kind == "input" else device.is_default_output

    if not name:
        return next((d for d in usable if is_default(d)), None)
    default_api = next((d.host_api for d in usable if is_default(d)), None)

    def best(matches: list[AudioDevice]) -> AudioDevice | None:
        matches.sort(key=lambda d: (d.host_api != default_api, d.index))
        return matches[0] if matches else None

    wanted = name.casefold()
    return best([d for d in usable if d.name == name]) or best(
        [d for d in usable if wanted in d.name.casefold()]
    )


def portaudio_version() -> str:
    return str(sd().get_portaudio_version()[1])


def rescan_devices() -> bool:
    """Re-read the device list (a headset plugged in after start-up). PortAudio can only do that
    by re-initialising, which would kill open streams: so it is done only when none is open."""
    lib = sd()
    with PORTAUDIO_LOCK:
        if _open_streams:
            return False
        lib._terminate()
        lib._initialize()
    return True


def supported_rate(device: AudioDevice, kind: Kind | Literal["duplex"], rate: int) -> int:
    """`rate` if the device takes it (the host API converting if it must), else its own rate.
    Raises PortAudio's error when the device takes neither: it cannot be opened at all."""
    own = int(device.default_samplerate) or rate
    try:
        _check(device, kind, rate)
    except Exception as exc:
        if own == rate:
            raise
        _check(device, kind, own)
        log.info("%s refuses %d Hz (%s); opening it at %d Hz", device.name, rate, exc, own)
        return own
    return rate


def _check(device: AudioDevice, kind: Kind | Literal["duplex"], rate: int) -> None:
    lib = sd()
    for k in ("input", "output") if kind == "duplex" else (kind,):
        check = lib.check_input_settings if k == "input" else lib.check_output_settings
        check(device=device.index, samplerate=rate, channels=1, dtype="int16")


def open_stream(
    kind: Kind | Literal["duplex"],
    device: AudioDevice | tuple[AudioDevice, AudioDevice],
    rate: int,
    blocksize: int,
    callback: Callable[..., None],
    finished: Callable[[], None],
) -> Any:
    """Open and start a mono int16 callback stream; the caller owns it until `close_stream`."""
    global _open_streams
    lib = sd()
    factory = {"input": lib.InputStream, "output": lib.OutputStream, "duplex": lib.Stream}[kind]
    index: int | tuple[int, int]
    index = (device[0].index, device[1].index) if isinstance(device, tuple) else device.index
    with PORTAUDIO_LOCK:
        stream = factory(
            device=index,
            samplerate=rate,
            channels=1,
            dtype="int16",
            blocksize=blocksize,
            latency=STREAM_LATENCY,
            callback=callback,
            finished_callback=finished,
        )
        _open_streams += 1
        try:
            stream.start()
        except Exception:
            close_stream(stream)
            raise
    return stream


def close_stream(stream: Any) -> None:
    """Stop and close a stream; never raises (the device may already be gone)."""
    global _open_streams
    if stream is None:
        return
    with PORTAUDIO_LOCK:
        _open_streams = max(0, _open_streams - 1)
        try:
            stream.abort(ignore_errors=True)
            stream.close(ignore_errors=True)
        except Exception:
            log.debug("closing a stream failed", exc_info=True)
