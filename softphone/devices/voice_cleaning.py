"""What the customer hears of the agent, cleaned: echo cancellation (the far end's own voice coming
back from the agent's speakers), noise suppression, automatic gain and a high-pass filter.

The processing is WebRTC's audio processing module (AEC3, NS, AGC2 with its speech detector) as
`pywebrtc-audio` packages it: wheels for Windows, macOS and Linux, numpy in and out, no service
or runtime of its own. Chosen over livekit's `rtc.AudioProcessingModule` on measurements (issue
18's closing note): livekit cancels more echo (~55 dB vs ~30 dB, both past the 25 dB target) but
its gain control only limits — it cannot be configured to raise a quiet agent — and it brings a
protobuf FFI service and a second of import time; pywebrtc-audio meets all three targets. We
hand-write no DSP. pjsua2's own echo canceller cannot help: the wheel has no sound device, our
bridge port is not a pjmedia sound port, so `ecTailLen` never reaches our audio.

Both sides run on the conference's tick (pjmedia's clock thread, or the microphone's thread while
it drives the conference: `softphone.sip.conference_drive`), one at a time (the module is not
thread-safe): every frame received from the far end is kept as the reference (`far`) for the next
frame sent, which is cleaned with it (`near`). The library is imported by `warm_up()` off that
thread, never by the first frame of a call.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass, replace
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


def in_force(local: VoiceProcessing, center: dict[str, Any] | None) -> VoiceProcessing:
    """The desk's [audio] stages with the center's (`AgentConfig.voice`) over them, key by key;
    a value this version cannot use is ignored, with a warning, not obeyed halfway."""
    if not center:
        return local
    wanted = {k: v for k, v in center.items() if k in VoiceProcessing.__dataclass_fields__}
    merged = replace(local, **wanted)
    usable = merged.echo_cancellation in ("auto", "on", "off") and all(
        isinstance(getattr(merged, name), bool)
        for name in ("noise_suppression", "auto_gain", "high_pass")
    )
    if not usable:
        log.warning("voice cleaning: the center's settings are not usable: %s", center)
        return local
    return merged


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


_library: Any = None
_library_lock = threading.Lock()
NS_LEVEL = 2  # 0-3: 6, 12, 18, 21 dB of suppression; 18 dB keeps voices natural
FAR_BACKLOG = 5  # far-end frames kept at most while the microphone side lags (100 ms)


def _webrtc() -> Any:
    global _library
    with _library_lock:
        if _library is None:
            import pywebrtc_audio

            _library = pywebrtc_audio
    return _library


def warm_up() -> None:
    """Import the processing library now, so that a call's first frame does not."""
    try:
        _webrtc()
    except Exception:  # without it calls still work, uncleaned: say so once
        log.warning("voice processing unavailable (pywebrtc-audio could not load)", exc_info=True)


class VoiceCleaner:
    """One call's processing state: the far end's frames in, the agent's frames cleaned."""

    def __init__(self, stages: Stages, sample_rate: int, stream_delay_ms: int) -> None:
        self.stages = stages
        self._far: deque[np.ndarray] = deque(maxlen=FAR_BACKLOG)
        self._processor = _webrtc().AudioProcessor(
            sample_rate=sample_rate,
            echo_cancellation=stages.echo_cancellation,
            noise_suppression=stages.noise_suppression,
            high_pass_filter=stages.high_pass,
            auto_gain_control=stages.auto_gain,
            ns_level=NS_LEVEL,
            # The echo path as our buffers make it; the canceller refines it from the signals.
            stream_delay_ms=stream_delay_ms,
        )

    def far(self, samples: np.ndarray) -> None:
        """A frame from the far end, as it goes to the speaker: the echo to remove."""
        if self.stages.echo_cancellation:
            self._far.append(samples.copy())

    def near(self, samples: np.ndarray) -> np.ndarray:
        """A frame of the agent's microphone, cleaned (a new int16 array)."""
        if not self.stages.echo_cancellation:
            return np.asarray(self._processor.process(samples))
        far = self._far.popleft() if self._far else np.zeros_like(samples)
        return np.asarray(self._processor.process(samples, far))
