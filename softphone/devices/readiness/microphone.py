"""The microphone check: the agent's input device opens, and what it hears is neither nothing nor
distorted.

It records about two seconds from the device a call would use and measures the level (RMS, dBFS),
the peak and how much of it clipped. Digital silence means the microphone is muted or not there;
where a sound server runs, its source's mute switch and volume tell which, so the fix names the
right setting. A device that stops or is taken away mid-check is a failure with its reason, never
a hang.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np

from softphone.devices.levels import SILENCE_DBFS, level_dbfs, peak_dbfs
from softphone.devices.portaudio import AudioUnavailable
from softphone.devices.readiness.report import Check, failed, passed, warned
from softphone.devices.readiness.sound_server import ServerDevice, SoundServer
from softphone.devices.readiness.trial import Choice, Trial, choose, hold_open, open_trial

log = logging.getLogger(__name__)

NAME = "microphone"
RECORD_SECONDS = 2.0
SILENT_DBFS = -85.0  # below this an analog mic is not connected at all (its own noise is louder)
QUIET_DBFS = -60.0  # a live mic in a quiet room; the agent probably did not speak
CLIP_LEVEL = 32000  # samples this close to full scale count as clipped
CLIP_SHARE = 0.001  # more than 0.1 % of samples clipped is audible distortion
LOW_VOLUME_PCT = 20  # a source turned down this far makes the agent hard to hear


def check_microphone(
    wanted: str,
    server: SoundServer | None = None,
    seconds: float = RECORD_SECONDS,
    on_level: Callable[[float], None] | None = None,
) -> Check:
    """Record from the microphone a call would use (`wanted` as in [audio] input)."""
    server = server or SoundServer()
    try:
        choice = choose(wanted, "input")
    except AudioUnavailable as exc:
        return failed(
            NAME,
            f"No audio system: {exc}",
            "Reinstall the app or ask IT: the audio library (PortAudio) could not start.",
        )
    if choice.device is None:
        return failed(
            NAME,
            "No microphone found",
            "Plug in your headset (or a microphone) and run the check again.",
            device=choice.wanted,
        )
    try:
        trial = open_trial("input", choice.device, server)
    except Exception as exc:
        log.info("microphone %r did not open: %s", choice.device.name, exc)
        return failed(
            NAME,
            f"{choice.label} did not open: {exc}",
            "Another program may hold the microphone; close it, or pick another device.",
            device=choice.label,
        )
    try:
        trouble = hold_open(trial, seconds, watch=_meter(on_level))
        source = trial.server_device()
    finally:
        trial.close()
    return _judge(choice, trial, trouble, source)


def _meter(on_level: Callable[[float], None] | None) -> Callable[[Trial], None] | None:
    """The level of the last 100 ms, told as the check records (the window's live meter)."""
    if on_level is None:
        return None

    def tell(trial: Trial) -> None:
        samples = trial.samples()[-trial.rate // 10 :]
        if samples.size:
            on_level(level_dbfs(samples))

    return tell


def _judge(choice: Choice, trial: Trial, trouble: str, source: ServerDevice | None) -> Check:
    samples = trial.samples()
    level, peak = level_dbfs(samples), peak_dbfs(samples)
    clipped = float(np.mean(np.abs(samples.astype(np.int32)) >= CLIP_LEVEL)) if samples.size else 0
    where = choice.label + (f" (sound server: {source.description})" if source else "")
    extra = {
        "device": choice.label,
        "value": round(level, 1),
        "unit": "dBFS",
        "details": {
            "peak_dbfs": round(peak, 1),
            "clipped_pct": round(100 * clipped, 3),
            "seconds": round(samples.size / trial.rate, 2),
            "fell_back_from": choice.wanted if choice.fell_back else "",
        },
    }
    if trouble:
        return failed(
            NAME,
            f"{where} {_TROUBLE.get(trouble, trouble)} during the test",
            "Check the headset's cable or plug, then run the check again.",
            **extra,
        )
    if source is not None and (source.muted or source.volume_pct == 0):
        return failed(
            NAME,
            f"{where} is muted in the system settings",
            "Your microphone is muted in the system settings: unmute it (sound "
            "settings → input) and run the check again.",
            **extra,
        )
    if samples.size == 0:
        return failed(
            NAME,
            f"{where} opened but delivered no sound",
            "Unplug and re-plug the headset, or pick another microphone.",
            **extra,
        )
    if peak <= SILENCE_DBFS or level < SILENT_DBFS:
        return failed(
            NAME,
            f"{where} is silent",
            "Your microphone is muted or unplugged: check "
            "the mute switch on the headset cable and the system sound settings.",
            **extra,
        )
    if choice.fell_back:
        return warned(
            NAME,
            f"{choice.wanted!r} is not connected; calls would use {where}",
            f"Plug in {choice.wanted!r}, or choose the microphone to use in settings.",
            **extra,
        )
    if clipped > CLIP_SHARE:
        return warned(
            NAME,
            f"{where} is too loud: {100 * clipped:.1f} % of the sound clipped",
            "Turn the microphone's input volume down a little in the system settings.",
            **extra,
        )
    if source is not None and source.volume_pct < LOW_VOLUME_PCT:
        return warned(
            NAME,
            f"{where} input volume is at {source.volume_pct} %",
            "Turn the microphone's input volume up in the system sound settings.",
            **extra,
        )
    if level < QUIET_DBFS:
        return warned(
            NAME,
            f"{where} is very quiet ({level:.0f} dBFS)",
            "Speak during the test; if it stays quiet, raise the microphone's input "
            "volume or move the boom closer to your mouth.",
            **extra,
        )
    return passed(NAME, f"{where} hears you ({level:.0f} dBFS)", **extra)


_TROUBLE = {
    "stopped": "stopped",
    "stalled": "stopped delivering sound",
    "moved": "was disconnected",
}
