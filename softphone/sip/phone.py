"""The phone the rest of the app uses: commands on the calls in hand, each run on the SIP thread.

Every method may be called from any thread; it queues the work for the SIP thread and returns a
Future with the result (or the EngineError saying why it could not be done). What makes a far
party ring — dial, transfer, the answer to a far end's REFER — is not here: it is the dialer's,
handed out once to the outbound desk (softphone.sip.dialer).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future

import pjsua2 as pj

from softphone.config import SipSettings
from softphone.events import EventBus
from softphone.sip.bridge import FramePipe, FrameTap
from softphone.sip.call import AgentCall
from softphone.sip.context import Referee
from softphone.sip.dialer import Dialer
from softphone.sip.engine import EngineError, SipEngine

REJECT_CODES = {"busy": 486, "decline": 603}


def _ringing_inbound(call: AgentCall) -> bool:
    return call.direction == "inbound" and call.confirmed_at is None


def _any(call: AgentCall) -> bool:
    return True


def _talking(call: AgentCall) -> bool:
    return call.confirmed_at is not None


class DialerTaken(RuntimeError):
    """A second hand reached for the dialer: a path around the compliance gate."""


class SipPhone:
    def __init__(self, bus: EventBus, sip: SipSettings, password: str) -> None:
        self.sip = sip
        self.engine = SipEngine(bus, sip, password)
        self._dialer_taken = threading.Lock()
        self._dialer_given = False

    def start(self) -> None:
        self.engine.start()

    def stop(self) -> None:
        self.engine.stop()

    @property
    def sip_port(self) -> int:
        return self.engine.sip_port

    @property
    def listen_ports(self) -> dict[str, int]:
        return dict(self.engine.listen_ports)

    def set_audio_pipe(self, pipe: FramePipe | None) -> None:
        self.engine.set_audio_pipe(pipe)

    def set_audio_tap(self, tap: FrameTap | None) -> None:
        self.engine.set_audio_tap(tap)

    # --- calls ------------------------------------------------------------------------------

    def answer(self, call: str | None = None) -> Future[str]:
        def run() -> str:
            target = self.engine.find_call(call, _ringing_inbound)
            prm = pj.CallOpParam(True)
            prm.statusCode = 200
            target.answer(prm)
            return target.key

        return self.engine.submit(run)

    def reject(self, call: str | None = None, how: str = "busy") -> Future[str]:
        code = REJECT_CODES.get(how)
        if code is None:
            raise EngineError(f"reject as {how!r}? use one of {', '.join(REJECT_CODES)}")
        return self._on_call(call, _ringing_inbound, lambda c: c.reject(code))

    def hangup(self, call: str | None = None) -> Future[str]:
        return self._on_call(call, _any, lambda c: c.hang_up())

    def hold(self, call: str | None = None) -> Future[str]:
        return self._on_call(call, _talking, lambda c: c.hold())

    def resume(self, call: str | None = None) -> Future[str]:
        return self._on_call(call, lambda c: c.on_hold, lambda c: c.resume())

    def mute(self, muted: bool, call: str | None = None) -> Future[str]:
        return self._on_call(call, _talking, lambda c: c.set_muted(muted))

    def dtmf(self, digits: str, call: str | None = None) -> Future[str]:
        if not digits or any(d not in "0123456789*#ABCDabcd" for d in digits):
            raise EngineError(f"DTMF digits must be 0-9, *, # or A-D, not {digits!r}")
        prefer_info = self.sip.dtmf == "info"
        return self._on_call(call, _talking, lambda c: c.send_dtmf(digits, prefer_info))

    def _on_call(
        self,
        call: str | None,
        prefer: Callable[[AgentCall], bool],
        action: Callable[[AgentCall], object],
    ) -> Future[str]:
        def run() -> str:
            target = self.engine.find_call(call, prefer)
            action(target)
            return target.key

        return self.engine.submit(run)

    # --- the dialer -------------------------------------------------------------------------

    def take_dialer(self, referee: Referee) -> Dialer:
        """The phone's dialer, once: the outbound desk takes it when the session builds the
        desk, so nothing else can place a call or a transfer past the compliance gate.
        `referee` answers the far end's REFERs from then on (refused with 603 until then)."""
        with self._dialer_taken:
            if self._dialer_given:
                raise DialerTaken("the dialer belongs to the outbound desk; ask the desk")
            self._dialer_given = True
        self.engine.referee = referee
        return Dialer(self.engine, self.sip)

    # --- network ----------------------------------------------------------------------------

    def handle_network_change(self) -> Future[None]:
        """Re-bind transports and re-register after the machine's addresses changed."""

        return self.engine.submit(self.engine.handle_ip_change)
