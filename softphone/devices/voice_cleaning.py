"""What the customer hears of the agent, cleaned: echo cancellation (the far end's own voice coming
back from the agent's speakers), noise suppression, automatic gain and a high-pass filter.

The processing is WebRTC's audio processing module (AEC3, NS, AGC2) as packaged by `livekit`
(`rtc.AudioProcessingModule`): wheels for Windows, macOS and Linux, measured at ~50 dB echo
return loss enhancement on a simulated room for < 1 % of a core (closing note of issue 18); we
hand-write no DSP. pjsua2's own echo canceller cannot help: the wheel has no sound device, our
bridge port is not a pjmedia sound port, so `ecTailLen` never reaches our audio.

Both sides run on pjmedia's clock thread, which is the only caller (the module is not
thread-safe): every frame received from the far end is the reference (`far`), every frame sent is
cleaned (`near`), 10 ms at a time as the module requires. livekit's native library is loaded by
`warm_up()` off that thread (it takes a second), never by the first frame of a call.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

CHUNK_MS = 10  # the module processes exactly 10 ms per call


@dataclass(frozen=True)
class VoiceProcessing:
    """Which stages clean the agent's voice (per agent: `[audio]` in the profile or the center)."""

    echo_cancellation: str = "auto"  # config.ECHO_MODES: auto = on unless the output is a headset
    noise_suppression: bool = True
    auto_gain: bool = True
    high_pass: bool = True

    def stages(self, headset: bool) -> Stages:
        """The stages for this call's devices: a headset has no speaker-to-microphone echo, and
        cancelling one that is not there only risks clipping the agent's voice."""
        echo = self.echo_cancellation == "on" or (self.echo_cancellation == "auto" and not headset)
        return Stages(echo, self.noise_suppression, self.auto_gain, self.high_pass)


@dataclass(frozen=True)
class Stages:
    echo_cancellation: bool
    noise_suppression: bool
    auto_gain: bool
    high_pass: bool

    @property
    def any(self) -> bool:
        return self.echo_cancellation or self.noise_suppression or self.auto_gain or self.high_pass

    def names(self) -> tuple[str, ...]:
        """The stages on, as the `audio_levels` event and the level meter show them."""
        stages = {
            "aec": self.echo_cancellation,
            "ns": self.noise_suppression,
            "agc": self.auto_gain,
            "hpf": self.high_pass,
        }
        return tuple(name for name, on in stages.items() if on)


_rtc: Any = None
_rtc_lock = threading.Lock()


def _livekit_rtc() -> Any:
    global _rtc
    with _rtc_lock:
        if _rtc is None:
            from livekit import rtc

            _rtc = rtc
    return _rtc


def warm_up() -> None:
    """Load the processing library now (≈ 1 s), so that a call's first frame does not."""
    try:
        _livekit_rtc()
    except Exception:  # without it calls still work, uncleaned: say so once
        log.warning("voice processing unavailable (livekit could not load)", exc_info=True)


class VoiceCleaner:
    """One call's processing state: the far end's frames in, the agent's frames cleaned."""

    def __init__(self, stages: Stages, sample_rate: int, stream_delay_ms: int) -> None:
        rtc = _livekit_rtc()
        self.stages = stages
        self._rate = sample_rate
        self._chunk = sample_rate * CHUNK_MS // 1000
        self._frame = rtc.AudioFrame
        self._apm = rtc.AudioProcessingModule(
            echo_cancellation=stages.echo_cancellation,
            noise_suppression=stages.noise_suppression,
            high_pass_filter=stages.high_pass,
            auto_gain_control=stages.auto_gain,
        )
        # The module estimates the echo path's delay itself; a first guess (our buffers) helps.
        self._apm.set_stream_delay_ms(stream_delay_ms)

    def far(self, samples: np.ndarray) -> None:
        """A frame from the far end, as it goes to the speaker: the echo to remove."""
        for start in range(0, samples.size - self._chunk + 1, self._chunk):
            self._apm.process_reverse_stream(
                self._chunk_frame(samples[start : start + self._chunk])
            )

    def near(self, samples: np.ndarray) -> np.ndarray:
        """A frame of the agent's microphone, cleaned (a new array; int16)."""
        cleaned = samples.copy()  # a partial last chunk (never, at 20 ms frames) stays as it is
        for start in range(0, samples.size - self._chunk + 1, self._chunk):
            frame = self._chunk_frame(samples[start : start + self._chunk])
            self._apm.process_stream(frame)
            cleaned[start : start + self._chunk] = np.frombuffer(frame.data, dtype=np.int16)
        return cleaned

    def _chunk_frame(self, chunk: np.ndarray) -> Any:
        data = bytearray(chunk.astype("<i2", copy=False).tobytes())
        return self._frame(data, self._rate, 1, self._chunk)
