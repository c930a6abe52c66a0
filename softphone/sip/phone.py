"""The phone the rest of the app uses: call and account commands, each run on the SIP thread.

Every method may be called from any thread; it queues the work for the SIP thread and returns a
Future with the result (or the EngineError saying why it could not be done).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

import pjsua2 as pj

from softphone.config import SipSettings
from softphone.events import EventBus
from softphone.sip.account import AgentAccount
from softphone.sip.bridge import FramePipe
from softphone.sip.call import AgentCall
from softphone.sip.engine import EngineError, SipEngine
from softphone.sip.uri import dial_target

REJECT_CODES = {"busy": 486, "decline": 603}


def _ringing_inbound(call: AgentCall) -> bool:
    return call.direction == "inbound" and call.confirmed_at is None


def _any(call: AgentCall) -> bool:
    return True


def _talking(call: AgentCall) -> bool:
    return call.confirmed_at is not None


class SipPhone:
    def __init__(self, bus: EventBus, sip: SipSettings, password: str) -> None:
        self.sip = sip
        self.engine = SipEngine(bus, sip, password)

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

    # --- calls ------------------------------------------------------------------------------

    def dial(self, target: str) -> Future[str]:
        uri = dial_target(target, self.sip.sip_domain)
        return self.engine.submit(lambda: self._dial(uri))

    def _dial(self, uri: str) -> str:
        account = self._account()
        if not self.engine.pace.try_start():
            raise EngineError("calls are being set up too fast; wait a second and dial again")
        call = AgentCall(self.engine, account, direction="outbound")
        key = self.engine.adopt_call(call)
        call.remote = uri
        prm = pj.CallOpParam(True)
        prm.opt.audioCount = 1
        prm.opt.videoCount = 0
        try:
            call.makeCall(uri, prm)
        except pj.Error:
            self.engine.release_call(call)
            raise
        return key

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

    def transfer(self, to: str, call: str | None = None) -> Future[str]:
        """Blind transfer: REFER the far end to `to` (a number or a SIP URI)."""
        uri = dial_target(to, self.sip.sip_domain)
        return self._on_call(call, _talking, lambda c: c.xfer(uri, pj.CallOpParam(True)))

    def attended_transfer(self, call: str, to_call: str) -> Future[str]:
        """Attended transfer: connect `call`'s far end to the party of `to_call` (Replaces)."""

        def run() -> str:
            first = self.engine.find_call(call, _talking)
            second = self.engine.find_call(to_call, _talking)
            first.xferReplaces(second, pj.CallOpParam(True))
            return first.key

        return self.engine.submit(run)

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

    # --- account ----------------------------------------------------------------------------

    def _account(self) -> AgentAccount:
        if self.engine.account is None:
            raise EngineError("no SIP account configured ([sip] server and user)")
        return self.engine.account

    def handle_network_change(self) -> Future[None]:
        """Re-bind transports and re-register after the machine's addresses changed."""

        return self.engine.submit(self.engine.handle_ip_change)
