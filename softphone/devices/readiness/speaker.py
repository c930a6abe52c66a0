"""The speaker check (and the ring device's): the output opens, plays a test tone, and — where the
sound server lets us listen to our own output — the tone is verified to have come out.

The tone is a 1 kHz sine at -20 dBFS for about a second and a half. On a PulseAudio/PipeWire
system the stream's sink has a monitor source that hears what the sink plays: we record it and
look for the tone's frequency. Where nothing can listen (Windows, macOS, plain ALSA) the check
passes with a question for the agent — "Did you hear the tone?" — which the GUI asks. A sink
that is muted or at zero volume fails with the setting to change; a headset unplugged during
the test fails with that reason, and the check still returns on time.
"""

from __future__ import annotations

import logging
import threading

import numpy as np

from softphone.devices.levels import SILENCE_DBFS
from softphone.devices.portaudio import AudioUnavailable
from softphone.devices.readiness.report import Check, failed, passed, warned
from softphone.devices.readiness.sound_server import RATE, ServerDevice, SoundServer
from softphone.devices.readiness.trial import Choice, Trial, choose, hold_open, open_trial

log = logging.getLogger(__name__)

TONE_HZ = 1000.0
TONE_DBFS = -20.0
PLAY_SECONDS = 1.5
SETTLE_SECONDS = 0.3  # let the stream reach the sink before listening to its monitor
HEARD_DBFS = -50.0  # the tone's band at the monitor must reach this to count as played
HEARD_WINDOW = 0.5  # … over this long
LATE_SECONDS = 2.0  # how late a sink with a long latency may play the tone (a null sink: 2 s)
LOW_VOLUME_PCT = 20  # a sink turned down this far makes a customer hard to hear
ASK = "Did you hear the test tone?"


def test_tone(seconds: float = 1.0, hz: float = TONE_HZ, dbfs: float = TONE_DBFS) -> np.ndarray:
    """A whole number of cycles (so it loops without a click) of a sine, as int16 at RATE."""
    t = np.arange(int(RATE * seconds)) / RATE
    return np.rint(32767 * 10 ** (dbfs / 20) * np.sin(2 * np.pi * hz * t)).astype(np.int16)


def tone_band_dbfs(samples: np.ndarray, hz: float = TONE_HZ, width: float = 60.0) -> float:
    """RMS level (dBFS) of the part of the signal within `width` Hz of the tone."""
    if samples.size < RATE // 20:
        return SILENCE_DBFS
    spectrum = np.fft.rfft(samples.astype(np.float64))
    freqs = np.fft.rfftfreq(samples.size, 1 / RATE)
    band = np.abs(spectrum[np.abs(freqs - hz) <= width]) ** 2
    # Parseval: the band's share of the mean square, per sample.
    power = 2 * float(np.sum(band)) / samples.size**2
    if power < 1.0:
        return SILENCE_DBFS
    return max(SILENCE_DBFS, 10 * float(np.log10(power / 32768.0**2)))


def check_speaker(
    wanted: str,
    name: str = "speaker",
    server: SoundServer | None = None,
    seconds: float = PLAY_SECONDS,
) -> Check:
    """Play the test tone on the output a call would use (`wanted` as in [audio] output/ring)."""
    server = server or SoundServer()
    try:
        choice = choose(wanted, "output")
    except AudioUnavailable as exc:
        return failed(
            name,
            f"No audio system: {exc}",
            "Reinstall the app or ask IT: the audio library (PortAudio) could not start.",
        )
    if choice.device is None:
        return failed(
            name,
            "No speaker or headset found",
            "Plug in your headset and run the check again.",
            device=choice.wanted,
        )
    try:
        trial = open_trial("output", choice.device, server, test_tone())
    except Exception as exc:
        log.info("%s %r did not open: %s", name, choice.device.name, exc)
        return failed(
            name,
            f"{choice.label} did not open: {exc}",
            "Another program may hold the device; close it, or pick another one.",
            device=choice.label,
        )
    heard: list[np.ndarray | None] = [None]
    try:
        sink = trial.server_device()
        listener = _listen(server, sink, seconds, heard)
        trouble = _play(trial, seconds, listener)
    finally:
        trial.close()
    return _judge(name, choice, trouble, sink, heard[0], server.parec is not None)


def _play(trial: Trial, seconds: float, listener: threading.Thread | None) -> str:
    """Play the tone for `seconds`; where the monitor listens, until it heard the tone (or
    LATE_SECONDS more). What comes out decides then, not the callbacks' pace: a sink that
    another app already plays into at its own latency takes our buffer late and in bursts
    more than a second apart, which is no fault of the headset (issue 15)."""
    if listener is None:
        return hold_open(trial, seconds)
    trouble = hold_open(trial, seconds, stalls=False)
    if not trouble and listener.is_alive():
        trouble = hold_open(
            trial, LATE_SECONDS, stalls=False, until=lambda: not listener.is_alive()
        )
    listener.join(2.0)
    return trouble


def _listen(
    server: SoundServer, sink: ServerDevice | None, seconds: float, out: list[np.ndarray | None]
) -> threading.Thread | None:
    """Record the sink's monitor while the tone plays (on a thread: the player is watched)."""
    if sink is None or not sink.monitor or server.parec is None:
        return None
    if sink.muted or sink.volume_pct == 0:  # the verdict is known: no need to wait for the tone
        return None

    def record() -> None:
        threading.Event().wait(SETTLE_SECONDS)
        out[0] = server.listen(sink.monitor, _heard_enough, seconds - SETTLE_SECONDS + LATE_SECONDS)

    thread = threading.Thread(target=record, name="speaker-check-listen", daemon=True)
    thread.start()
    return thread


def _heard_enough(samples: np.ndarray) -> bool:
    """The last HEARD_WINDOW of the monitor carries the tone."""
    window = int(RATE * HEARD_WINDOW)
    return samples.size >= window and tone_band_dbfs(samples[-window:]) >= HEARD_DBFS


def _tone_level(samples: np.ndarray) -> float:
    """The tone's level where it was loudest (the sink may have played it late)."""
    window, step = int(RATE * HEARD_WINDOW), RATE // 10
    if samples.size <= window:
        return tone_band_dbfs(samples)
    return max(
        tone_band_dbfs(samples[start : start + window])
        for start in range(0, samples.size - window + 1, step)
    )


def _judge(
    name: str,
    choice: Choice,
    trouble: str,
    sink: ServerDevice | None,
    heard: np.ndarray | None,
    can_record: bool,
) -> Check:
    where = choice.label + (f" (sound server: {sink.description})" if sink else "")
    band = _tone_level(heard) if heard is not None else None
    extra = {
        "device": choice.label,
        "value": None if band is None else round(band, 1),
        "unit": "" if band is None else "dBFS",
        "details": {
            "verified": band is not None,
            "fell_back_from": choice.wanted if choice.fell_back else "",
            "volume_pct": sink.volume_pct if sink else None,
        },
    }
    if trouble:
        what = "was disconnected" if trouble == "moved" else "stopped"
        return failed(
            name,
            f"{where} {what} during the test",
            "Check that the headset is plugged in, then run the check again.",
            **extra,
        )
    if sink is not None and (sink.muted or sink.volume_pct == 0):
        return failed(
            name,
            f"{where} is muted in the system settings",
            f"Your {name} is muted "
            "in the system settings: unmute it (sound settings → output) and run the "
            "check again.",
            **extra,
        )
    # Turned down: the monitor hears the tone after the volume, so this comes before "heard".
    if sink is not None and sink.volume_pct < LOW_VOLUME_PCT:
        return warned(
            name,
            f"{where} is turned down to {sink.volume_pct} %",
            f"Turn the {name} volume up in the system sound settings.",
            **extra,
        )
    if band is not None and band < HEARD_DBFS:
        return failed(
            name,
            f"the test tone did not come out of {where}",
            "Check the headset's volume and cable, or pick another output device.",
            **extra,
        )
    if choice.fell_back:
        return warned(
            name,
            f"{choice.wanted!r} is not connected; calls would use {where}",
            f"Plug in {choice.wanted!r}, or choose the device in settings.",
            **extra,
        )
    if band is None:
        why = "" if can_record else " (this system cannot listen to its own output)"
        return passed(name, f"played the test tone on {where}{why}", ask=ASK, **extra)
    return passed(name, f"{where} plays sound (tone heard at {band:.0f} dBFS)", **extra)
