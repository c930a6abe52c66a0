"""The dialer: the one object that makes a far party ring — our INVITEs, our REFERs, and the
answer to a REFER received from the far end.

No call leaves the app except through the compliance gate (DESIGN.md, "Boundaries"). That holds
by construction: the SIP phone hands its dialer out once (`SipPhone.take_dialer`), and the
outbound desk takes it when the session builds it; the phone itself has no dial or transfer. The
desk also hands the engine its `Referee`, the rule for a far end's REFER; without one every
REFER is refused (603), since pjsua would otherwise dial the Refer-To target itself.
"""

from __future__ import annotations

from concurrent.futures import Future

import pjsua2 as pj

from softphone.config import SipSettings
from softphone.sip.call import AgentCall
from softphone.sip.engine import EngineError, SipEngine
from softphone.sip.uri import dial_target


def _talking(call: AgentCall) -> bool:
    return call.confirmed_at is not None


class Dialer:
    """Places calls and transfers; every method queues its work on the SIP thread."""

    def __init__(self, engine: SipEngine, sip: SipSettings) -> None:
        self._engine = engine
        self._sip = sip

    def dial(self, target: str) -> Future[str]:
        """Call `target` (a number, a user name or a SIP URI); the call's key when the INVITE
        is on its way. DialError when the text cannot be dialled."""
        uri = dial_target(target, self._sip.sip_domain)
        return self._engine.submit(lambda: self._dial(uri))

    def transfer(self, to: str, call: str | None = None) -> Future[str]:
        """Blind transfer: REFER the far end of `call` to `to` (a number or a SIP URI)."""
        uri = dial_target(to, self._sip.sip_domain)

        def run() -> str:
            target = self._engine.find_call(call, _talking)
            target.xfer(uri, pj.CallOpParam(True))
            return target.key

        return self._engine.submit(run)

    def party_of(self, call: str) -> Future[str]:
        """The far party's URI of a call in hand (what an attended transfer connects to)."""
        return self._engine.submit(lambda: self._engine.find_call(call, _talking).remote)

    def attended_transfer(self, call: str, to_call: str) -> Future[str]:
        """Attended transfer: connect `call`'s far end to the party of `to_call` (Replaces)."""

        def run() -> str:
            first = self._engine.find_call(call, _talking)
            second = self._engine.find_call(to_call, _talking)
            first.xferReplaces(second, pj.CallOpParam(True))
            return first.key

        return self._engine.submit(run)

    def _dial(self, uri: str) -> str:
        account = self._engine.account
        if account is None:
            raise EngineError("no SIP account configured ([sip] server and user)")
        if not self._engine.pace.try_start():
            raise EngineError("calls are being set up too fast; wait a second and dial again")
        call = AgentCall(self._engine, account, direction="outbound")
        key = self._engine.adopt_call(call)
        call.remote = uri
        prm = pj.CallOpParam(True)
        prm.opt.audioCount = 1
        prm.opt.videoCount = 0
        try:
            call.makeCall(uri, prm)
        except pj.Error:
            self._engine.release_call(call)
            raise
        return key
