"""The microphone's own clock drives the conference bridge, where pjsua2's library lets it.

With the null sound device as the media clock, two clocks meet at the microphone: PortAudio's
capture callback fills a buffer, pjmedia's clock thread empties it 20 ms at a time, at a phase of
its own. The buffer needs a cushion so the two never cross (40 ms, and the phase on top): the
agent's voice reached the customer ~50 ms later than through baresip, which sends each captured
block as it comes (tests/bench/audio_path.py). Here the capture callback, right after it has
written a block, ticks the conference itself — pjmedia's documented use of
`pjsua_set_no_snd_dev()` for an application with its own sound device — so the block leaves
within the same callback, and there is no second clock for it to wait for.

The C functions are reached through ctypes in pjsua2's own extension module, which exports them
on Linux and macOS (Windows' .pyd exports none: there `available` is False and the null clock
stays). `MediaClock` (SIP thread) decides who ticks: the drive while a microphone is offering
blocks, the null clock whenever it stops (no microphone, a device being reopened), so the call's
audio never stalls. The conference must never be ticked from two threads at once: the null clock
is stopped (synchronously, by `pjsua_set_no_snd_dev`) before the drive starts, and the drive is
stopped under its lock (an in-flight tick finishes) before the null clock starts again.
"""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import pjsua2 as pj

from softphone.sip.bridge import FRAME_BYTES

log = logging.getLogger(__name__)

PJMEDIA_FRAME_TYPE_AUDIO = 1
THREAD_DESC_LONGS = 64  # PJ_THREAD_DESC_SIZE: pjlib's per-thread record, kept by the caller


class _Frame(ctypes.Structure):
    """pjmedia_frame, as pjmedia/frame.h lays it out."""

    _fields_ = [
        ("type", ctypes.c_int),
        ("buf", ctypes.c_void_p),
        ("size", ctypes.c_size_t),
        ("timestamp", ctypes.c_uint64),
        ("bit_info", ctypes.c_uint32),
    ]


def _library() -> Any:
    """pjsua2's extension module with the four C functions typed, or None where not exported."""
    module = getattr(pj, "_pjsua2", None)
    path = getattr(module, "__file__", None)
    if not path:
        return None
    try:
        lib = ctypes.CDLL(path)
        lib.pjsua_set_no_snd_dev.restype = ctypes.c_void_p
        lib.pjsua_set_no_snd_dev.argtypes = []
        lib.pjmedia_port_get_frame.restype = ctypes.c_int
        lib.pjmedia_port_get_frame.argtypes = [ctypes.c_void_p, ctypes.POINTER(_Frame)]
        lib.pj_thread_is_registered.restype = ctypes.c_int
        lib.pj_thread_is_registered.argtypes = []
        lib.pj_thread_register.restype = ctypes.c_int
        lib.pj_thread_register.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p]
    except (OSError, AttributeError):
        return None
    return lib


class ConferenceDrive:
    """Ticks the conference from a device thread; switched on and off by the SIP thread."""

    def __init__(self) -> None:
        self._lib = _library()
        self._lock = threading.Lock()  # held for each tick; taken to switch the drive off
        self._port: int | None = None  # the conference's master port while driving
        self._buffer = ctypes.create_string_buffer(FRAME_BYTES)
        self._frame = _Frame()
        self._threads: dict[int, Any] = {}  # pjlib's record of each device thread, kept alive
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
        self._register_thread()
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
            for _ in range(frames):
                frame = self._frame
                frame.type = PJMEDIA_FRAME_TYPE_AUDIO
                frame.buf = ctypes.addressof(self._buffer)
                frame.size = FRAME_BYTES
                self._lib.pjmedia_port_get_frame(port, ctypes.byref(frame))
        self.ticked_at = time.monotonic()

    def _register_thread(self) -> None:
        # pjlib aborts on a call from a thread it does not know; PortAudio's threads are not its.
        if self._lib.pj_thread_is_registered():
            return
        record = (ctypes.c_long * THREAD_DESC_LONGS)()
        handle = ctypes.c_void_p()
        self._threads[threading.get_ident()] = (record, handle)
        self._lib.pj_thread_register(b"audio-device", record, ctypes.byref(handle))
