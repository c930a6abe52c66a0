"""Testing SIP account settings before they are saved: a real registration, then what went wrong.

`try_account` registers once with the settings as typed (in a child process: see
`softphone.sip.register_probe`, run as `softphone test-registration`), and when the server did
not answer it finds out why with the readiness check's SIP ping: nothing listens on that port,
no answer at all (a firewall), the name does not resolve, or TLS did not trust the server's
certificate. The outcome is data (`AccountTest`); the window words it. It blocks for seconds:
call it off the GUI thread.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
from dataclasses import asdict, dataclass
from typing import Any

from softphone.config import SipSettings, split_host_port
from softphone.devices.readiness.sip_ping import Ping, ping, tls_context

log = logging.getLogger(__name__)

TIMEOUT_S = 8.0  # a registrar that has not answered by then will not be waited for
COMMAND = "test-registration"
_AUTH_CODES = (401, 403, 407)
_LOCAL_FAILURES = (0, 408, 500, 502, 503, 504)  # what pjsip says itself when nobody answers


@dataclass(frozen=True)
class AccountTest:
    """What the test found. `outcome`: registered | wrong_password | unknown_user | refused
    (the server said no: `code`, `reason`) | nothing_listens | no_answer | unresolved |
    tls_untrusted | failed (`reason`)."""

    outcome: str
    transport: str
    host: str
    port: int
    code: int = 0
    reason: str = ""
    certificate_subject: str = ""
    certificate_issuer: str = ""
    problem: str = ""  # why the certificate was refused, in the TLS library's words


def try_account(sip: SipSettings, password: str, timeout_s: float = TIMEOUT_S) -> AccountTest:
    host, port, _ = split_host_port(sip.outbound_proxy or sip.server)
    port = port or (5061 if sip.transport == "tls" else 5060)
    base: dict[str, Any] = {"transport": sip.transport, "host": host, "port": port}
    child = _start_child(sip, password, timeout_s)
    # Meanwhile, the readiness check's ping: a port nothing listens on (a UDP one looks to pjsip
    # like a silent server) or a name that does not resolve is known at once, not after the
    # registration's whole timeout.
    path = _ping(sip, host, port)
    if path.problem in ("refused", "unresolved"):
        _stop(child)
        outcome = "nothing_listens" if path.problem == "refused" else "unresolved"
        return AccountTest(outcome, reason=path.error, **base)
    answer = _answer_of(child, timeout_s)
    return _verdict(answer, path, base)


def _verdict(answer: dict[str, Any], path: Ping, base: dict[str, Any]) -> AccountTest:
    code, reason = int(answer.get("code", 0)), str(answer.get("reason", ""))
    certificate = answer.get("certificate") or {}
    if 200 <= code < 300:
        return AccountTest("registered", code=code, **base)
    if code in _AUTH_CODES:
        return AccountTest("wrong_password", code=code, reason=reason, **base)
    if code == 404:
        return AccountTest("unknown_user", code=code, reason=reason, **base)
    if certificate:
        return AccountTest(
            "tls_untrusted",
            code=code,
            certificate_subject=str(certificate.get("subject", "")),
            certificate_issuer=str(certificate.get("issuer", "")),
            problem=str(certificate.get("problem", "")),
            **base,
        )
    if code not in _LOCAL_FAILURES:
        return AccountTest("refused", code=code, reason=reason, **base)
    # The registrar did not answer: the ping tells the causes apart.
    if path.problem == "timeout":
        return AccountTest("no_answer", code=code, reason=path.error, **base)
    if path.problem == "tls":
        return AccountTest("tls_untrusted", code=code, problem=path.error, **base)
    reason = reason or str(answer.get("transport_error", "")) or path.error or path.reason
    return AccountTest("failed", code=code, reason=reason, **base)


def _ping(sip: SipSettings, host: str, port: int) -> Ping:
    return ping(host, port, sip.transport, 3.0, tls_context(sip.ca_file, sip.verify_server))


def probe_command() -> list[str]:
    """How to run `softphone test-registration` from this install. A checkout runs this module
    itself: the whole command line imports every sub-command (the blacklist store, numpy, the
    keyring), which cost the Test two seconds."""
    if getattr(sys, "frozen", False):
        return [sys.executable, COMMAND]
    return [sys.executable, "-m", __name__]


def _start_child(sip: SipSettings, password: str, timeout_s: float) -> subprocess.Popen[str] | str:
    """The child registering, its request (with the password) written to its stdin and closed;
    or why it could not start."""
    request = json.dumps({"sip": asdict(sip), "password": password, "timeout_s": timeout_s})
    try:
        child = subprocess.Popen(
            probe_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # No console window flashing up on Windows (a checkout's python.exe has one).
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    except OSError as exc:
        return str(exc)
    stdin, child.stdin = child.stdin, None  # written here; communicate() only reads
    assert stdin is not None
    try:
        stdin.write(request)
        stdin.close()
    except OSError as exc:  # it died at once; its stderr says why
        log.info("the registration test's child took no request: %s", exc)
    return child


def _stop(child: subprocess.Popen[str] | str) -> None:
    if isinstance(child, subprocess.Popen):
        child.kill()
        child.communicate()


def _answer_of(child: subprocess.Popen[str] | str, timeout_s: float) -> dict[str, Any]:
    if isinstance(child, str):
        return {"code": 0, "reason": f"the test could not run: {child}"}
    try:
        out, err = child.communicate(timeout=timeout_s + 20)
    except subprocess.TimeoutExpired:
        _stop(child)
        return {"code": 0, "reason": "the test did not finish"}
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if child.returncode != 0 or not lines:
        tail = err.strip().splitlines()[-1:] or [f"exit {child.returncode}"]
        return {"code": 0, "reason": f"the test could not run: {tail[0]}"}
    answer: dict[str, Any] = json.loads(lines[-1])
    return answer


# --- `softphone test-registration`: the child's side -----------------------------------------


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        COMMAND,
        help="register once with settings given as JSON on stdin (the Settings dialog's Test)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from softphone.sip.register_probe import probe_registration

    request = json.loads(sys.stdin.read())
    sip = SipSettings(**request["sip"])
    answer = probe_registration(sip, str(request["password"]), float(request["timeout_s"]))
    print(json.dumps(asdict(answer)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(run(argparse.Namespace()))
