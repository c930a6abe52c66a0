"""The microphone's own clock drives the conference bridge, where pjsua2's library lets it.

With the null sound device as the media clock, two clocks meet at the microphone: PortAudio's
capture callback fills a buffer, pjmedia's clock thread empties it 20 ms at a time, at a phase of
its own. The buffer needs a cushion so the two never cross (40 ms, and the phase on top): the
agent's voice reached the customer ~50 ms later than through baresip, which sends each captured
block as it comes (tests/bench/audio_path.py). Here the capture callback, right after it has
written a block, ticks the conference itself — pjmedia's documented use of
`pjsua_set_no_snd_dev()` for an application with its own sound device — so the block leaves
within the same callback, and there is no second clock for it to wait for.

Right before it ticks, the drive has the RTP that has arrived read into the calls' jitter buffers
(`rtp_reader`), so a tick never finds a packet still waiting on its socket; right after, a jitter
buffer that has stood full for seconds loses a packet's worth (`jitter_trim`), on the one thread
that ticks. The C functions are reached through ctypes in pjsua2's own extension module
(`pj_native`; Windows' .pyd exports none: there `available` is False and the null clock stays).
`MediaClock` (SIP thread) decides who ticks: the drive while a microphone is offering blocks, the
null clock whenever it stops (no microphone, a device being reopened), so the call's audio never
stalls. The conference must never
be ticked from two threads at once: the null clock is stopped (synchronously, by
`pjsua_set_no_snd_dev`) before the drive starts, and the drive is stopped under its lock (an
in-flight tick finishes) before the null clock starts again.
"""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from collections.abc import Callable

from softphone.sip import pj_native
from softphone.sip.bridge import FRAME_BYTES

log = logging.getLogger(__name__)


def _nothing() -> None:
    return None


class ConferenceDrive:
    """Ticks the conference from a device thread; switched on and off by the SIP thread."""

    def __init__(
        self,
        read_rtp: Callable[[], None] = _nothing,
        after_ticks: Callable[[], None] = _nothing,
    ) -> None:
        self._lib = pj_native.library()
        self._read_rtp = read_rtp  # what has arrived goes into the jitter buffers before a tick
        self._after_ticks = after_ticks  # a drifting jitter buffer trimmed, between ticks
        self._lock = threading.Lock()  # held for each tick; taken to switch the drive off
        self._port: int | None = None  # the conference's master port while driving
        self._buffer = ctypes.create_string_buffer(FRAME_BYTES)
        self._frame = pj_native.Frame()
        self._threads = pj_native.ThreadRecords(b"audio-device")
        self._fresh = False  # the next offer is the drive's first: it ticks once
        self.offered_at = 0.0  # when a device last had captured audio ready (monotonic)
        self.ticked_at = 0.0  # when the drive last ticked
        self.on_switch: Callable[[bool], None] | None = None  # the pipe's cushion follows

    @property
    def available(self) -> bool:
        return self._lib is not None

    @property
    def driving(self) -> bool:
        return self._port is not None

    # --- the SIP thread ----------------------------------------------------------------------

    def take_over(self) -> None:
        """Stop the null clock (pjsua closes it and joins its thread) and tick from devices."""
        if self._lib is None or self._port is not None:
            return
        port = self._lib.pjsua_set_no_snd_dev()
        if not port:
            return
        self.ticked_at = time.monotonic()
        with self._lock:
            self._port = port
            self._fresh = True
        self._tell(True)
        log.info("media clock: the microphone drives the conference")

    def hand_back(self) -> None:
        """Stop ticking; returns once no tick is in flight (the caller may start another clock)."""
        if self._port is None:
            return
        with self._lock:
            self._port = None
        self._tell(False)
        log.info("media clock: the microphone stopped driving the conference")

    def _tell(self, driving: bool) -> None:
        listener = self.on_switch
        if listener is not None:
            listener(driving)

    # --- a device thread (PortAudio's) -------------------------------------------------------

    def offer(self, frames: int) -> None:
        """`frames` whole frames of captured audio are ready: one conference tick each, now."""
        self.offered_at = time.monotonic()
        if self._port is None or frames <= 0:
            return
        self._threads.register_this_thread()
        with self._lock:
            port = self._port
            if port is None:
                return
            if self._fresh:
                # The null clock ticked last one frame ago: a tick per frame of the backlog the
                # microphone built up for it would send packets ahead of time, and the far end's
                # jitter buffer would keep them as extra delay for the rest of the call. The
                # backlog is dropped by the microphone's buffer instead (its new, empty cushion).
                self._fresh, frames = False, 1
            self._read_rtp()
            for _ in range(frames):
                pj_native.get_audio_frame(self._lib, port, self._frame, self._buffer)
            self._after_ticks()
        self.ticked_at = time.monotonic()
