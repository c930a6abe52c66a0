"""The media clock: pjmedia's conference bridge ticks only while calls need it.

Call audio goes through our own bridge port (DESIGN.md), so pjsua's sound device is the null
device, kept only for its clock: a thread that ticks the conference every 20 ms. Left running all
day it is most of an idle agent's CPU (measured: 0.6 % of a core of 0.8 %), on a laptop that
lives on battery. So the clock starts when a call is created (before pjsua gives the call its
conference slot) and stops a while after the last call is gone — long enough for the ticks to
finish removing the ended calls' ports, which pjmedia does on the clock's own turn.

While a call runs, the microphone may drive the conference instead (`conference_drive`): a check
every `CHECK_S` hands the ticking to a microphone that is offering captured audio, and back to the
null clock when the microphone has not ticked for `SILENT_S` (a device lost or being reopened, a
call without a microphone), so the call's audio never waits for a device. The calls' RTP is read
by a thread of its own (`rtp_reader`) for as long as the clock runs, and each check looks at how
full the calls' jitter buffers stand (`jitter_trim`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import pjsua2 as pj

from softphone.sip.conference_drive import ConferenceDrive
from softphone.sip.jitter_trim import JitterTrim
from softphone.sip.rtp_reader import RtpReader

log = logging.getLogger(__name__)

STOP_AFTER_S = 3.0  # many ticks (20 ms each) to finish pending port removals; calls often follow
CHECK_S = 0.1  # how often, during calls, who ticks is looked at again
SILENT_S = 0.1  # a microphone that has not ticked for this long hands back to the null clock


class MediaClock:
    """Owned by the SIP thread: every method runs there."""

    def __init__(
        self,
        devices: Callable[[], pj.AudDevManager],
        schedule: Callable[[float, Callable[[], None]], object],
        cancel: Callable[[object], None],
    ) -> None:
        self._devices = devices
        self._schedule = schedule
        self._cancel = cancel
        self._stop_timer: object | None = None
        self._check_timer: object | None = None
        self.running = False
        self.reader = RtpReader()
        self.trim = JitterTrim()
        self.drive = ConferenceDrive(self.reader.read_now, self.trim.pull_due)

    def start_idle(self) -> None:
        """At start-up: no clock, and pjsua must never open a real sound device on its own."""
        self._devices().setNoDev()
        self.running = False

    def call_needs_it(self) -> None:
        """A call is being created: the conference must tick from now on."""
        if self._stop_timer is not None:
            self._cancel(self._stop_timer)
            self._stop_timer = None
        if not self.running:
            self._devices().setNullDev()
            self.reader.start()
            self.running = True
            if self.drive.available:
                self._check_timer = self._schedule(CHECK_S, self._check)

    def calls_gone(self) -> None:
        """The last call has ended: stop the clock after STOP_AFTER_S unless a call comes."""
        if self.running and self._stop_timer is None:
            self._stop_timer = self._schedule(STOP_AFTER_S, self._stop)

    def stop(self) -> None:
        """Now (at shutdown): no tick may reach a port that is being destroyed."""
        if self._stop_timer is not None:
            self._cancel(self._stop_timer)
        self._stop()

    def _stop(self) -> None:
        self._stop_timer = None
        if self._check_timer is not None:
            self._cancel(self._check_timer)
            self._check_timer = None
        self.drive.hand_back()
        if self.running:
            self.reader.stop()
            self._devices().setNoDev()
            self.running = False
            log.debug("media clock stopped: no calls")

    def _check(self) -> None:
        """Who ticks now: a microphone offering audio, else the null clock; and whether a jitter
        buffer has stood full long enough to lose a frame."""
        self._check_timer = self._schedule(CHECK_S, self._check)
        now = time.monotonic()
        self.trim.look(now)
        if self.drive.driving:
            if now - self.drive.ticked_at > SILENT_S:
                self.drive.hand_back()  # no tick in flight from here on
                self._devices().setNullDev()
        elif now - self.drive.offered_at < SILENT_S:
            self.drive.take_over()  # the null clock is stopped before the drive starts
