"""One real registration with settings the agent is still typing: "Test" on the account page.

It runs in a child process of its own (`softphone test-registration`, JSON in on stdin, JSON out
on stdout), with a bare pjsua2 library: the running app's engine keeps its one account, its
listeners, its trust in its own server and its idea of "our connection to the registrar"
untouched by a test of another server (a test connection closing must not read as the agent's
registration lost), and a first run needs no engine at all. The library registers once, reports
the final answer (or none within the time), unregisters and is destroyed. For TLS it also
reports the server certificate pjsip saw and why it did not verify.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pjsua2 as pj

from softphone.config import SipSettings, split_host_port
from softphone.sip import setup
from softphone.sip.guard import callback
from softphone.sip.network_watch import local_address_towards
from softphone.sip.quiet import stdout_to_stderr

UNREGISTER_WAIT_S = 2.0
NO_ANSWER = 0  # `code` when the server gave no final answer in time


@dataclass
class ProbeAnswer:
    """What the registrar said (`code` 0: nothing in time), and for TLS what pjsip saw."""

    code: int = NO_ANSWER
    reason: str = ""
    transport_error: str = ""  # why a TCP/TLS connection failed, in pjsip's words
    certificate: dict[str, str] = field(default_factory=dict)  # subject, issuer, problem


class _ProbeEndpoint(pj.Endpoint):  # type: ignore[misc]
    def __init__(self, answer: ProbeAnswer) -> None:
        super().__init__()
        self.answer = answer

    @callback
    def onTransportState(self, prm: pj.OnTransportStateParam) -> None:
        failed = prm.state == pj.PJSIP_TP_STATE_DISCONNECTED and int(prm.lastError) != 0
        if failed and not self.answer.transport_error:
            self.answer.transport_error = _error_text(int(prm.lastError))
        # A certificate that did not verify is reported with the connection (pjsip then drops
        # it): the state is "connected", the verify status says why not.
        tls = prm.tlsInfo
        if tls.isEmpty() or int(tls.verifyStatus) == 0:
            return
        cert = tls.remoteCertInfo
        self.answer.certificate = {
            "subject": str(cert.subjectCn),
            "issuer": str(cert.issuerCn),
            "problem": "; ".join(str(m) for m in tls.verifyMsgs),
        }


class _ProbeAccount(pj.Account):  # type: ignore[misc]
    def __init__(self, answer: ProbeAnswer) -> None:
        super().__init__()
        self.answer = answer
        self.finished = False
        self.registered = False

    @callback
    def onRegState(self, prm: pj.OnRegStateParam) -> None:
        code = int(prm.code)
        if self.finished:  # the answer to our un-REGISTER
            self.registered = False
            return
        if code < 200:
            return
        self.finished = True
        self.registered = 200 <= code < 300 and bool(self.getInfo().regIsActive)
        self.answer.code = code
        self.answer.reason = str(prm.reason)


def probe_registration(sip: SipSettings, password: str, timeout_s: float) -> ProbeAnswer:
    """Register once with `sip`/`password`; the answer within `timeout_s` (code 0: none)."""
    answer = ProbeAnswer()
    with stdout_to_stderr():  # stdout carries our JSON answer
        ep = _ProbeEndpoint(answer)
        ep.libCreate()
    try:
        ep.libInit(_endpoint_config())
        ep.audDevManager().setNullDev()
        transport = _transport(ep, sip)
        ep.libStart()
        _register_once(ep, answer, setup.account_config(sip, password, transport), timeout_s)
    except pj.Error as exc:
        answer.reason = answer.reason or str(exc.info())
    finally:
        # We unregistered already: pjsua need not wait for the network on the way out.
        ep.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)
    return answer


def _register_once(
    ep: pj.Endpoint, answer: ProbeAnswer, config: pj.AccountConfig, timeout_s: float
) -> None:
    """Register, wait for the answer, unregister; the account is gone (its last reference
    dropped here) before the library is destroyed."""
    account = _ProbeAccount(answer)
    account.create(config)
    _poll(ep, lambda: account.finished, timeout_s)
    if account.registered:  # leave no binding of ours behind on the agent's server
        account.setRegistration(False)
        _poll(ep, lambda: not account.registered, UNREGISTER_WAIT_S)
    account.shutdown()


def _endpoint_config() -> pj.EpConfig:
    cfg = pj.EpConfig()
    cfg.logConfig.consoleLevel = 0
    cfg.logConfig.level = 0
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.uaConfig.userAgent = setup.USER_AGENT
    return cfg


def _transport(ep: pj.Endpoint, sip: SipSettings) -> int:
    host, port, _ = split_host_port(sip.outbound_proxy or sip.server)
    facing = local_address_towards(host, port or 5060) if host else ""
    cfg = setup.transport_config(sip, sip.transport, facing if facing.count(".") == 3 else None)
    return int(ep.transportCreate(setup.transport_type(sip.transport), cfg))


def _poll(ep: pj.Endpoint, done: Callable[[], bool], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not done() and time.monotonic() < deadline:
        ep.libHandleEvents(20)


def _error_text(status: int) -> str:
    try:
        return str(pj.Endpoint.instance().utilStrError(status))
    except pj.Error:
        return f"error {status}"
