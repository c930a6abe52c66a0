"""The customer's jitter buffer is shortened only when it has stood too full for seconds.

A buffer that stays fuller than the network needs is clock drift: the far end sends a little
faster than our microphone's clock ticks the conference (100 ppm between a trunk and a headset
is 6 ms a minute), and unless a frame is thrown away now and then the customer is heard later
and later. pjmedia's own answer ("static discard") throws a frame away whenever the buffer
stands one frame above twice the burst it has measured — at any tick. Our ticks come from the
microphone's Python callback, which a busy interpreter holds back 20–40 ms at times; the buffer
then stands high for a moment, not for long, and pjmedia trimmed 0–4 frames a call that the
next ticks would have played: a skip in the customer's voice each time
(tests/bench/audio_path.py, busy GIL).

So pjmedia's discard is off (`rtp_jitter`) and drift is trimmed here: the SIP thread looks at
each call's buffer every media-clock check; when it has held more than `CUSHION_MS` at every look
for `STANDING_S`, the microphone's drive — the only thread that ticks the conference then —
takes one packet's worth out of the stream right after a tick (`pull_due`), at most once each
`GAP_S`, until it holds the cushion or less. Jitter never keeps the buffer that full that long
(it dips at each late packet); drift and the backlog a stalled far end leaves behind do. Only
while the microphone drives: under the null clock (no microphone) nothing trims, and pjmedia's
buffer limit (`jbMax`, 500 ms) bounds the delay.
Where pjsua2's C functions are not reachable (Windows) pjmedia's static discard stays on.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass

from softphone.sip import pj_native
from softphone.sip.rtp_jitter import MIN_PREFETCH_MS

STANDING_S = 5.0  # how long the buffer must have stood full before a frame goes
# "Full": more than this held at every look; trimming stops at it or below. What the buffer
# fills to before it plays (at the start and after running dry: less would only be refilled),
# and the packet that arrives on top of it between two ticks.
CUSHION_MS = MIN_PREFETCH_MS + 20
GAP_S = 0.2  # at most one packet trimmed this often (pjmedia's PJMEDIA_JBUF_DISC_MIN_GAP)
FRAME_BYTES_MAX = 48000 // 50 * 2 * 2  # a decoded 20 ms frame: up to 48 kHz stereo, 16-bit


@dataclass
class _Stream:
    stream: int  # pjmedia_stream*, valid from onStreamCreated to onStreamDestroyed
    port: int  # its pjmedia_port, which the conference ticks
    frame_ms: float  # one codec frame, the buffer's unit (G.711: 10 ms)
    full_since: float | None = None  # the first of the latest unbroken run of full looks
    trimmed_at: float = 0.0
    due: bool = False  # set by the SIP thread, done by the drive's thread
    trimmed: int = 0


class JitterTrim:
    """`watch`, `forget` and `look` on the SIP thread; `pull_due` on the drive's thread. A
    stream is known by its call's pjsua id and its index in the call."""

    def __init__(self) -> None:
        self._lib = pj_native.library()
        self._streams: dict[tuple[int, int], _Stream] = {}
        self._lock = threading.Lock()  # a stream is never pulled while it is being forgotten
        self._state = pj_native.JitterState()
        self._buffer = ctypes.create_string_buffer(FRAME_BYTES_MAX)
        self._frame = pj_native.Frame()
        self._any_due = False  # read at every tick: a bool, no lock

    @property
    def available(self) -> bool:
        return self._lib is not None

    def watch(self, call: tuple[int, int], stream: int, frame_ms: float) -> None:
        """A call's audio stream was created (`onStreamCreated`), with its codec's frame length
        (the buffer's unit)."""
        if self._lib is None or not stream:
            return
        port = ctypes.c_void_p()
        if self._lib.pjmedia_stream_get_port(stream, ctypes.byref(port)) != 0 or not port.value:
            return
        with self._lock:
            self._streams[call] = _Stream(stream, port.value, frame_ms)

    def forget(self, call: tuple[int, int]) -> int:
        """The stream is about to be destroyed: never touched again. Returns the frames trimmed."""
        with self._lock:
            gone = self._streams.pop(call, None)
        return gone.trimmed if gone is not None else 0

    def look(self, now: float) -> None:
        """Every media-clock check: note each buffer's fill; mark a trim where it stood full."""
        if self._lib is None:
            return
        for watched in list(self._streams.values()):
            if self._lib.pjmedia_stream_get_stat_jbuf(watched.stream, ctypes.byref(self._state)):
                continue
            if self._state.size * watched.frame_ms <= CUSHION_MS:
                watched.full_since = None
                continue
            if watched.full_since is None:
                watched.full_since = now
            stood = now - watched.full_since >= STANDING_S
            if stood and now - watched.trimmed_at >= GAP_S and not watched.due:
                watched.due = self._any_due = True
                watched.trimmed_at = now

    def pull_due(self) -> None:
        """Right after a tick, on the thread that ticks: one frame out of each marked stream."""
        if not self._any_due:
            return
        with self._lock:
            self._any_due = False
            for watched in self._streams.values():
                if watched.due:
                    watched.due = False
                    self._pull(watched)

    def _pull(self, watched: _Stream) -> None:
        pj_native.get_audio_frame(self._lib, watched.port, self._frame, self._buffer)
        watched.trimmed += 1
