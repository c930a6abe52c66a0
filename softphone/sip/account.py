"""The agent's SIP account: registration, its failures and retries, and inbound call offers.

pjsua2 refreshes a live registration by itself. Failed registrations are retried by us rather
than by pjsua so that a server's `Retry-After` is honoured and the back-off grows (2 s … 5 min,
with jitter so a floor of agents does not re-register in lock-step after an outage). Refusals
that retrying cannot cure (wrong password, unknown user) are reported and not retried.
Requests from anyone but the server (and IT's trusted SBCs) are refused here (see `trust`).
"""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Mapping

import pjsua2 as pj

from softphone.events import IncomingCall, Registered, RegistrationFailed, Unregistered
from softphone.sip.call import AgentCall
from softphone.sip.context import EngineContext
from softphone.sip.guard import callback
from softphone.sip.offer import line_of
from softphone.sip.trust import FORBIDDEN, SourceGate, StrangerCall
from softphone.sip.uri import number_of

log = logging.getLogger(__name__)

NOT_RETRIED = frozenset({401, 403, 404, 407})
_RETRY_AFTER = re.compile(r"^Retry-After\s*:\s*(\d+)", re.IGNORECASE | re.MULTILINE)
_CHALLENGE_REALM = re.compile(
    r"^(?:WWW|Proxy)-Authenticate\s*:.*?\brealm\s*=\s*\"([^\"]*)\"", re.IGNORECASE | re.MULTILINE
)
_FIRST_RETRY_S = 2.0
_MAX_RETRY_S = 300.0


def retry_after_s(message: str) -> float | None:
    """The Retry-After of a SIP response, in seconds, when it has one."""
    found = _RETRY_AFTER.search(message)
    return float(found.group(1)) if found else None


def next_backoff_s(previous_s: float | None) -> float:
    base = _FIRST_RETRY_S if previous_s is None else min(previous_s * 2, _MAX_RETRY_S)
    return base


class AgentAccount(pj.Account):  # type: ignore[misc]
    def __init__(
        self,
        engine: EngineContext,
        name: str,
        sources: SourceGate,
        realm: str = "",
        line_groups: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.line_groups = dict(line_groups or {})  # called number → skill group (sip.offer)
        self.engine = engine
        self.name = name
        self.sources = sources
        self.realm = realm  # the one digest realm the password answers
        self._strangers: list[StrangerCall] = []  # refused calls pjsua2 still holds
        self.closing = False
        self.registered = False
        self._backoff_s: float | None = None
        self._retry: object | None = None

    @callback
    def onRegState(self, prm: pj.OnRegStateParam) -> None:
        info = self.getInfo()
        code = int(prm.code)
        if info.regIsActive and 200 <= code < 300:
            self.sources.learn(_source(prm))  # where the registrar answers from is the server
            self._on_registered(int(info.regExpiresSec))
        elif 200 <= code < 300 or (self.closing and not info.regIsActive):
            self.registered = False
            self.engine.publish(Unregistered(account=self.name))
        else:
            self._on_failed(code, str(prm.reason), _whole_message(prm))

    def _on_registered(self, expires_s: int) -> None:
        self._backoff_s = None
        self._cancel_retry()
        self.registered = True
        self.engine.publish(Registered(account=self.name, expires_s=expires_s))

    def _on_failed(self, code: int, reason: str, message: str) -> None:
        self.registered = False
        self._say_if_another_realm(code, message)
        retry_in: float | None = None
        if not self.closing and code not in NOT_RETRIED:
            hinted = retry_after_s(message)
            self._backoff_s = next_backoff_s(self._backoff_s)
            retry_in = hinted if hinted is not None else self._jittered(self._backoff_s)
            self._cancel_retry()
            self._retry = self.engine.schedule(retry_in, self.retry_registration)
        self.engine.publish(
            RegistrationFailed(account=self.name, code=code, reason=reason, retry_in_s=retry_in)
        )

    def _say_if_another_realm(self, code: int, message: str) -> None:
        # The password answers one realm only (setup.account_config); a server whose realm is
        # not the domain (Asterisk says "asterisk") needs `[sip] realm`: say so, naming both.
        found = _CHALLENGE_REALM.search(message) if code in (401, 407) else None
        if found and found.group(1) != self.realm:
            log.warning(
                "the SIP server asks for a password for realm %r; this profile's password "
                "answers realm %r only: if that server is yours, set [sip] realm = %r",
                found.group(1),
                self.realm,
                found.group(1),
            )

    @staticmethod
    def _jittered(delay_s: float) -> float:
        return round(delay_s * random.uniform(0.8, 1.2), 2)

    def connection_lost(self) -> None:
        if self.registered and not self.closing:
            log.warning("connection to the registrar lost; registering again")
            self._on_failed(503, "Connection to the server lost", "")

    def retry_registration(self) -> None:
        self._retry = None
        if not self.closing:
            log.info("retrying registration of %s", self.name)
            self.setRegistration(True)

    def _cancel_retry(self) -> None:
        if self._retry is not None:
            self.engine.cancel(self._retry)
            self._retry = None

    @callback
    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
        source = str(prm.rdata.srcAddress)
        if not self.sources.trusts(source):
            self._refuse_stranger_call(prm.callId, source)
            return
        call = AgentCall(self.engine, self, call_id=prm.callId, direction="inbound")
        call_key = self.engine.adopt_call(call)
        if self.closing or not self.engine.pace.try_start():
            call.reject(503)  # shutting down, or calls arrive faster than pjlib can take them
            return
        info = call.getInfo()
        ringing = pj.CallOpParam()
        ringing.statusCode = 180
        call.answer(ringing)
        own_user = self.name.split("@", 1)[0]
        line = line_of(str(prm.rdata.wholeMsg), str(info.localUri), own_user, self.line_groups)
        self.engine.publish(
            IncomingCall(
                call=call_key,
                from_uri=str(info.remoteUri),
                number=number_of(str(info.remoteUri)),
                display_name=_display_name(str(info.remoteUri)),
                called_number=line.called_number,
                skill_group=line.skill_group,
            )
        )

    def _refuse_stranger_call(self, call_id: int, source: str) -> None:
        self.sources.refuse("INVITE", source)
        stranger = StrangerCall(self, call_id, self._stranger_gone)
        self._strangers.append(stranger)
        stranger.refuse()

    def _stranger_gone(self, stranger: object) -> None:
        # Called from the stranger's own callback: drop it on the next turn, not inside it.
        def drop() -> None:
            self._strangers = [s for s in self._strangers if s is not stranger]

        self.engine.schedule(0, drop)

    @callback
    def onIncomingSubscribe(self, prm: pj.OnIncomingSubscribeParam) -> None:
        # pjsua would accept anyone's presence subscription (200, then NOTIFYs to them).
        source = str(prm.rdata.srcAddress)
        if not self.sources.trusts(source):
            self.sources.refuse("SUBSCRIBE", source)
            prm.code = FORBIDDEN
            prm.reason = "Forbidden"

    def sign_off(self) -> None:
        """Stop retrying and unregister (pjsua sends REGISTER with Expires: 0)."""
        self.closing = True
        self._cancel_retry()
        if self.registered:
            try:
                self.setRegistration(False)
            except pj.Error as exc:
                log.info("unregister of %s not sent: %s", self.name, exc.info())


def _whole_message(prm: pj.OnRegStateParam) -> str:
    try:
        return str(prm.rdata.wholeMsg)
    except Exception:
        return ""


def _source(prm: pj.OnRegStateParam) -> str:
    try:
        return str(prm.rdata.srcAddress)
    except Exception:
        return ""


def _display_name(uri: str) -> str:
    found = re.match(r'\s*"([^"]*)"', uri) or re.match(r"\s*([^<\"]+?)\s*<", uri)
    return found.group(1).strip() if found else ""
