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
import subprocess
import sys
from dataclasses import asdict, dataclass
from typing import Any

from softphone.config import SipSettings, split_host_port

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
    answer = _register_in_child(sip, password, timeout_s)
    code, reason = int(answer.get("code", 0)), str(answer.get("reason", ""))
    base: dict[str, Any] = {"transport": sip.transport, "host": host, "port": port, "code": code}
    certificate = answer.get("certificate") or {}
    if 200 <= code < 300:
        return AccountTest("registered", **base)
    if code in _AUTH_CODES:
        return AccountTest("wrong_password", reason=reason, **base)
    if code == 404:
        return AccountTest("unknown_user", reason=reason, **base)
    if certificate:
        return AccountTest(
            "tls_untrusted",
            certificate_subject=str(certificate.get("subject", "")),
            certificate_issuer=str(certificate.get("issuer", "")),
            problem=str(certificate.get("problem", "")),
            **base,
        )
    if code not in _LOCAL_FAILURES:
        return AccountTest("refused", reason=reason, **base)
    return _why_no_answer(sip, host, port, reason or str(answer.get("transport_error", "")), base)


def _why_no_answer(
    sip: SipSettings, host: str, port: int, reason: str, base: dict[str, Any]
) -> AccountTest:
    """The registrar did not answer: the readiness check's ping tells the causes apart."""
    from softphone.devices.readiness.sip_ping import ping, tls_context

    found = ping(host, port, sip.transport, 3.0, tls_context(sip.ca_file, sip.verify_server))
    if found.problem == "refused":
        return AccountTest("nothing_listens", reason=found.error, **base)
    if found.problem == "timeout":
        return AccountTest("no_answer", reason=found.error, **base)
    if found.problem == "unresolved":
        return AccountTest("unresolved", reason=found.error, **base)
    if found.problem == "tls":
        return AccountTest("tls_untrusted", problem=found.error, **base)
    return AccountTest("failed", reason=reason or found.error or found.reason, **base)


def probe_command() -> list[str]:
    """How to run `softphone test-registration` from this install (frozen or not)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, COMMAND]
    return [sys.executable, "-m", "softphone", COMMAND]


def _register_in_child(sip: SipSettings, password: str, timeout_s: float) -> dict[str, Any]:
    request = json.dumps({"sip": asdict(sip), "password": password, "timeout_s": timeout_s})
    try:
        done = subprocess.run(
            probe_command(),
            input=request,
            capture_output=True,
            text=True,
            timeout=timeout_s + 20,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"code": 0, "reason": f"the test could not run: {exc}"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
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
