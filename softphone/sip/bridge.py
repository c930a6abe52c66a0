"""The audio bridge port: pjsua2's conference bridge on one side, the agent's devices on the other.

The pjsua2 wheel has no sound device (DESIGN.md), so every call's audio is connected to this one
AudioMediaPort. The conference's tick asks it for a 20 ms frame to send (`onFrameRequested`) and
hands it each 20 ms frame received (`onFrameReceived`); the tick runs on pjmedia's clock thread,
or on the microphone's own thread while that drives the conference (`conference_drive`), never
on both at once. "The clock thread" below is whichever ticks. Both callbacks copy one
frame to or from the `FramePipe` that the agent installs (the sounddevice streams that
`softphone.devices` opens) and return. With no pipe installed the port sends silence. A `FrameTap`
(the call recorder's) sees every frame sent and received, and may replace the one sent (a consent
prompt played to the far end).

Every wrapped pjsua2 call lets go of the GIL and queues for it again, which costs up to a
millisecond or two each when other threads are busy; so each callback makes as few as it can:
two to send a frame (its buffer, refilled in place, and its type; pjsua2 has set the size) and one
to take one (its buffer, read in one copy): see `frame_bytes`.
"""

from __future__ import annotations

import logging
from typing import Protocol

import pjsua2 as pj

from softphone.sip.frame_bytes import OutgoingFrame, bytes_of

log = logging.getLogger(__name__)

CLOCK_RATE = 16000
FRAME_MS = 20
FRAME_BYTES = CLOCK_RATE * FRAME_MS // 1000 * 2  # 16-bit mono


class FramePipe(Protocol):
    """What the bridge needs from the device side: one frame out, one frame in, never blocking."""

    def read_frame(self) -> bytes: ...

    def write_frame(self, data: bytes) -> None: ...


class FrameTap(Protocol):
    """Copies frames for a recording; called on the clock thread, so it must never block."""

    capturing: bool  # received frames are copied out of pjsua2 only while this is set

    def sent(self, frame: bytes) -> bytes: ...

    def received(self, frame: bytes) -> None: ...


class BridgePort(pj.AudioMediaPort):  # type: ignore[misc]
    """The conference port every call's audio is connected to, in both directions."""

    def __init__(self) -> None:
        super().__init__()
        self.pipe: FramePipe | None = None
        self.tap: FrameTap | None = None
        self._silent_bytes = bytes(FRAME_BYTES)
        self._silence = pj.ByteVector(self._silent_bytes)
        self._failures = 0
        self._outgoing = OutgoingFrame(FRAME_BYTES)

    def create(self) -> None:
        fmt = pj.MediaFormatAudio()
        fmt.init(pj.PJMEDIA_FORMAT_PCM, CLOCK_RATE, 1, FRAME_MS * 1000, 16)
        self.createPort("agent-bridge", fmt)

    def onFrameRequested(self, frame: pj.MediaFrame) -> None:
        try:
            pipe = self.pipe
            data = pipe.read_frame() if pipe is not None else b""
            tap = self.tap
            if tap is not None:
                data = tap.sent(data if len(data) == FRAME_BYTES else self._silent_bytes)
            whole = len(data) == FRAME_BYTES and data is not self._silent_bytes
            # No `frame.size =`: pjsua2 set it to what the bridge asked for (FRAME_BYTES).
            frame.buf = self._outgoing.holding(data) if whole else self._silence
            frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
        except Exception:  # SWIG would print and swallow it; log once in a while instead
            self._note_failure("onFrameRequested")

    def onFrameReceived(self, frame: pj.MediaFrame) -> None:
        try:
            pipe, tap = self.pipe, self.tap
            recording = tap is not None and tap.capturing
            data = None
            if pipe is not None or recording:
                # The bridge's frames without audio (heart-beats) are empty: no `frame.type`
                # needed to tell them apart, one wrapped call less.
                data = bytes_of(frame.buf) or None  # the copy out of SWIG's vector, once
                if pipe is not None and data is not None:
                    pipe.write_frame(data)
            if recording and tap is not None:  # a tick without audio is silence: aligned
                tap.received(data if data is not None else self._silent_bytes)
        except Exception:
            self._note_failure("onFrameReceived")

    def _note_failure(self, where: str) -> None:
        self._failures += 1
        if self._failures == 1 or self._failures % 500 == 0:
            log.exception("audio bridge %s failed (%d times)", where, self._failures)
