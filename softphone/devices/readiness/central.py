"""The central-service check: `GET {url}/api/v1/health` answers, and how fast.

Without the central service the agent's status and logs wait in the outbox and supervisors do
not see the agent; calls still work, so an unreachable center is a warning here unless the center
answers with an error (then something is wrong on its side, which IT must hear about). The round
trip is the median of three requests on one connection, so that the TLS handshake does not count.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from softphone.devices.readiness.report import Check, passed, skipped, warned

if TYPE_CHECKING:
    import httpx

HEALTH_PATH = "/api/v1/health"
TIMEOUT = 5.0
TRIES = 3


def check_central(url: str, max_rtt_ms: float, ca_file: str = "") -> Check:
    if not url:
        return skipped("central", "no central service configured ([central] url)")
    import httpx  # here: a desk with no center configured never loads the HTTP client

    health = url.rstrip("/") + HEALTH_PATH
    rtts: list[float] = []
    try:
        with httpx.Client(timeout=TIMEOUT, verify=ca_file or True) as client:
            for _ in range(TRIES):
                began = time.monotonic()
                answer = client.get(health)
                rtts.append((time.monotonic() - began) * 1000)
                if answer.status_code >= 400:
                    break
    except httpx.HTTPError as exc:
        return warned(
            "central",
            f"cannot reach {url}: {_why(exc)}",
            "Supervisors will not see "
            "you until this works (your calls are not affected): check VPN/proxy, or "
            "ask IT whether the central service is up.",
            device=url,
            details={"error": _why(exc)},  # the GUI words the sentence around it
        )
    rtt = round(sorted(rtts)[len(rtts) // 2], 1)
    extra = {
        "value": rtt,
        "unit": "ms",
        "device": url,
        "details": {"status_code": answer.status_code},
    }
    if answer.status_code >= 400:
        return warned(
            "central",
            f"{url} answered {answer.status_code}",
            "The central service has a problem: tell IT (your calls are not affected).",
            **extra,
        )
    if rtt > max_rtt_ms:
        return warned(
            "central",
            f"{url} is slow ({rtt:.0f} ms)",
            "Status changes will show late on the wallboard; tell IT if it stays slow.",
            **extra,
        )
    return passed("central", f"{url} answers in {rtt:.0f} ms", **extra)


def _why(exc: httpx.HTTPError) -> str:
    import httpx

    if isinstance(exc, httpx.ConnectError):
        return f"connection failed ({exc})"
    if isinstance(exc, httpx.TimeoutException):
        return "no answer (timed out)"
    return str(exc) or type(exc).__name__
