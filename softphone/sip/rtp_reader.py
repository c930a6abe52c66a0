"""Who reads the customer's RTP during calls: a thread of its own, not the SIP thread's loop.

Read by the SIP thread's poll, a packet waited whenever that thread was busy in Python (running
commands, timers, events) and the GIL was wanted elsewhere (a sync backlog draining, the window
repainting): it reached the jitter buffer after its turn to play had passed, and the customer's
voice glitched — 22 glitches a minute with two busy threads (tests/bench/audio_path.py). pjmedia
can read RTP on an ioqueue of its own, but pjsua then gives it a "media" thread that polls every
10 ms all day long, tripling an idle agent's CPU (0.3 → 0.8–1.1 % of a core). So that thread is
stopped as soon as the library is up, and the media ioqueue is polled here, only while calls run,
by a thread that does nothing else and waits in C with the GIL let go; and the microphone's drive
(`conference_drive`) reads what has arrived right before each tick, so a packet on the socket is
in the jitter buffer when the tick asks for it however late either thread was.

Where pjsua2's C functions are not reachable (Windows), `available` is False: RTP stays on the
SIP thread's ioqueue, as before.
"""

from __future__ import annotations

import ctypes
import logging
import threading

from softphone.sip import pj_native

log = logging.getLogger(__name__)

WAIT_MS = 10  # the longest a stop waits for the thread to notice


class RtpReader:
    """Started and stopped by the SIP thread; `read_now` from any thread while it runs."""

    def __init__(self) -> None:
        self._lib = pj_native.library()
        self._ioqueue: int | None = None  # pjmedia's, from `attach` until `detach`
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._threads = pj_native.ThreadRecords(b"rtp-reader")
        self._now = pj_native.TimeVal(0, 0)

    @property
    def available(self) -> bool:
        """Whether calls' RTP can go to pjmedia's own ioqueue (`MediaConfig.hasIoqueue`)."""
        return self._lib is not None

    def attach(self) -> None:
        """After `libInit`: stop pjmedia's own media thread and take over its ioqueue."""
        if self._lib is None:
            return
        endpoint = self._lib.pjsua_get_pjmedia_endpt()
        self._ioqueue = self._lib.pjmedia_endpt_get_ioqueue(endpoint) if endpoint else None
        if not self._ioqueue:
            log.error("pjmedia has no ioqueue of its own: calls would be silent")
            return
        if self._lib.pjmedia_endpt_stop_threads(endpoint) != 0:  # it would poll all day
            log.warning("pjmedia's media thread did not stop: it reads RTP alongside ours")

    def detach(self) -> None:
        """Before `libDestroy`, with the thread stopped."""
        self.stop()
        self._ioqueue = None

    def start(self) -> None:
        if not self._ioqueue or self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._read, name="rtp-reader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Returns once the thread has left its last poll."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping.set()
        thread.join()
        self._threads.release(thread.ident)  # a thread a call: no record kept past it

    def read_now(self) -> None:
        """Whatever RTP has arrived goes into the calls' jitter buffers, now, without waiting."""
        ioqueue = self._ioqueue
        if ioqueue and self._thread is not None:
            self._lib.pj_ioqueue_poll(ioqueue, ctypes.byref(self._now))

    def _read(self) -> None:
        self._threads.register_this_thread()
        ioqueue, wait = self._ioqueue, pj_native.TimeVal(0, WAIT_MS)
        poll, stopping = self._lib.pj_ioqueue_poll, self._stopping
        while not stopping.is_set():
            poll(ioqueue, ctypes.byref(wait))  # the GIL is let go while it waits
