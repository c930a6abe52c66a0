"""The network checks: SIP server reachable per transport, registration, NAT type, the central
service, and the quality probe — each a `Check` with the fix IT or the agent can apply.

The profile's own transport must work (else `fail`); the other transports IT asks about in
`[readiness] sip_transports` (e.g. "udp,tcp,tls:5061") only warn, and when one of them works the
fix for a blocked transport says "or switch to it". Thresholds come from `[readiness]`.
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass

from softphone.config import ConfigError, ReadinessSettings, SipSettings, split_host_port
from softphone.devices.readiness import quality_probe, stun
from softphone.devices.readiness.report import Check, failed, passed, skipped, warned
from softphone.devices.readiness.sip_ping import DEFAULT_PORTS, Ping, ping, tls_context

log = logging.getLogger(__name__)

PING_TIMEOUT = 3.0
STUN_PORT = 3478


@dataclass(frozen=True)
class Target:
    transport: str
    host: str
    port: int
    used: bool  # the profile's own transport


def targets(sip: SipSettings, wanted: str = "") -> list[Target]:
    """The (transport, host, port) to try: the profile's own first, then those in `wanted`."""
    host, port, _ = split_host_port(sip.outbound_proxy or sip.server)
    own = Target(sip.transport, host, port or DEFAULT_PORTS[sip.transport], True)
    found = [own]
    for entry in (e.strip().lower() for e in wanted.split(",") if e.strip()):
        name, _, port_text = entry.partition(":")
        if name not in DEFAULT_PORTS or (port_text and not port_text.isdigit()):
            raise ConfigError(f"[readiness] sip_transports: {entry!r} is not udp|tcp|tls[:port]")
        if name == own.transport and not port_text:
            continue
        # UDP and TCP share a listener on nearly every SIP server; TLS has a port of its own.
        shared = port if name != "tls" and sip.transport != "tls" else None
        at = int(port_text) if port_text else shared or DEFAULT_PORTS[name]
        if all((t.transport, t.port) != (name, at) for t in found):
            found.append(Target(name, host, at, False))
    return found


def check_sip_transports(sip: SipSettings, ready: ReadinessSettings) -> list[Check]:
    if not sip.server:
        return [skipped("sip", "no SIP server configured ([sip] server)")]
    found = targets(sip, ready.sip_transports)
    context = tls_context(sip.ca_file, sip.verify_server)
    pings = [ping(t.host, t.port, t.transport, PING_TIMEOUT, context) for t in found]
    working = [p.transport.upper() for p in pings if p.reachable]
    return [_transport_check(t, p, ready, working) for t, p in zip(found, pings, strict=True)]


def _transport_check(
    target: Target, result: Ping, ready: ReadinessSettings, working: list[str]
) -> Check:
    name = f"sip_{target.transport}"
    where = f"{target.host}:{target.port}"
    extra = {
        "value": result.rtt_ms,
        "unit": "ms" if result.rtt_ms is not None else "",
        "device": where,
        "details": {
            "code": result.code,
            "problem": result.problem,
            "error": result.error,
            "used": target.used,
        },
    }
    label = target.transport.upper()
    if result.reachable:
        summary = f"{label} to {where}: {result.code} {result.reason} in {result.rtt_ms:.0f} ms"
        if result.rtt_ms is not None and result.rtt_ms > ready.max_rtt_ms:
            return warned(
                name,
                summary + " (slow)",
                "The SIP server is far or the network is "
                "busy: expect late ringing; tell IT if it stays slow.",
                **extra,
            )
        return passed(name, summary, **extra)
    others = [w for w in working if w != label]
    fix = _transport_fix(target, result, others)
    summary = f"{label} to {where}: {_PROBLEM.get(result.problem, result.problem)}"
    if target.used:
        return failed(name, summary, fix, **extra)
    return warned(name, summary + " (not used by this profile)", fix, **extra)


_PROBLEM = {
    "refused": "nothing listens there",
    "timeout": "no answer (blocked?)",
    "tls": "TLS refused",
    "unresolved": "the name does not resolve",
    "garbled": "the answer is not SIP",
}


def _transport_fix(target: Target, result: Ping, others: list[str]) -> str:
    label, port = target.transport.upper(), target.port
    switch = f" or switch to {others[0]}, which works from here" if others else ""
    if result.problem == "refused":
        return (
            f"Nothing answers SIP on port {port} over {label}: the port in the settings is "
            f"probably wrong; ask IT for the SIP server's {label} port{switch}."
        )
    if result.problem == "tls":
        return (
            f"The SIP server's certificate is not accepted ({result.error}); ask IT for the "
            "CA file and set [sip] ca_file."
        )
    if result.problem == "unresolved":
        return (
            f"The SIP server's name {target.host!r} does not resolve: check [sip] server, "
            "your DNS or VPN."
        )
    if result.problem == "garbled":
        return f"Something on port {port} answers, but not in SIP: check the port in the settings."
    alternative = switch or (" or switch to TLS" if label != "TLS" else "")
    return (
        f"{label} to the SIP server is blocked; ask IT to open port {port}/"
        f"{'udp' if label == 'UDP' else 'tcp'}{alternative}."
    )


NO_PASSWORD = "no SIP password stored"


@dataclass(frozen=True)
class RegistrationState:
    """What the agent's SIP account last reported (None: no answer yet)."""

    registered: bool | None
    code: int = 0
    reason: str = ""


def check_registration(state: RegistrationState | None) -> Check:
    if state is None:
        return skipped("registration", "not checked here (the running agent checks it)")
    extra = {"value": state.code or None, "details": {"reason": state.reason}}
    if state.registered:
        return passed("registration", "registered at the SIP server", **extra)
    if state.registered is None:
        return failed(
            "registration",
            "no answer to the registration yet",
            "The SIP server does not answer the registration; see the SIP checks above.",
            **extra,
        )
    if state.reason == NO_PASSWORD:
        return failed(
            "registration",
            "not registered: no SIP password stored",
            "Store the SIP "
            "password: `softphone credentials set --profile DIR` (it goes to the OS "
            "keyring).",
            **extra,
        )
    if state.code in (401, 403, 407):
        fix = (
            "The SIP server refused the password: store the right one with `softphone "
            "credentials set --profile DIR`, or ask IT to check the account."
        )
    elif state.code in (404, 604):
        fix = "The SIP server does not know this user: check [sip] user and domain with IT."
    else:
        fix = "The SIP server did not accept the registration; tell IT the code and reason."
    summary = f"registration refused: {state.code} {state.reason}".strip()
    return failed("registration", summary, fix, **extra)


def check_strangers(refused: int, latest: str) -> Check:
    """SIP requests the agent refused because they came neither from its server nor from a
    `[sip] trusted_sources` address: scanners, usually; an SBC IT forgot, sometimes."""
    extra = {"value": refused, "unit": "requests", "details": {"latest_source": latest}}
    if not refused:
        return passed("sip_strangers", "no SIP request from an unknown source", **extra)
    return warned(
        "sip_strangers",
        f"{refused} SIP request(s) from unknown sources refused (latest from {latest})",
        "Usually a SIP scanner: nothing to do. If calls should come from that address (an SBC "
        "or media server), IT adds it to [sip] trusted_sources.",
        **extra,
    )


def check_nat(stun_server: str) -> Check:
    if not stun_server:
        return skipped("nat", "not configured (no STUN server in [sip] stun_server)")
    host, port, _ = split_host_port(stun_server)
    try:
        address = socket.getaddrinfo(host, port or STUN_PORT, type=socket.SOCK_DGRAM)[0][4]
        finding = stun.discover((str(address[0]), int(address[1])))
    except OSError as exc:
        return warned(
            "nat",
            f"STUN server {stun_server} unusable: {exc}",
            "Check [sip] stun_server with IT; without it, calls behind a NAT may have no audio.",
        )
    if finding is None:
        return warned(
            "nat",
            f"STUN server {stun_server} does not answer",
            "Ask IT whether UDP "
            f"port {port or STUN_PORT} to the STUN server is open; without it, calls "
            "behind a NAT may have no audio.",
        )
    extra = {
        "value": finding.nat,
        "details": {
            "local": list(finding.local),
            "mapped": list(finding.mapped),
            "rtt_ms": finding.rtt_ms,
        },
    }
    text = _NAT_TEXT[finding.nat]
    if finding.nat in ("address-dependent", "symmetric"):
        return warned(
            "nat",
            text,
            "This network's NAT changes our address per destination: "
            "calls may have one-way or no audio. Ask IT for a SIP-aware firewall, a "
            "media relay (TURN/SBC) or a VPN.",
            **extra,
        )
    return passed("nat", text, **extra)


_NAT_TEXT = {
    "none": "no NAT: this computer's address is seen as is",
    "endpoint-independent": "behind a NAT that keeps one public address (calls work)",
    "address-dependent": "behind a NAT that maps each server differently",
    "symmetric": "behind a symmetric NAT",
    "unknown": "behind a NAT (the STUN server cannot tell its type)",
}


def check_call_quality(sip: SipSettings, ready: ReadinessSettings) -> Check:
    if not sip.server:
        return skipped("call_quality", "no SIP server configured")
    host, port, _ = split_host_port(sip.outbound_proxy or sip.server)
    at = port or DEFAULT_PORTS[sip.transport]
    try:
        if sip.transport == "udp":
            got = quality_probe.probe_udp(host, at, ready.probe_packets)
        else:
            context = tls_context(sip.ca_file, sip.verify_server)
            got = quality_probe.probe_stream(host, at, sip.transport, ready.probe_packets, context)
    except OSError as exc:
        got = quality_probe.figures([None] * ready.probe_packets)
        log.info("quality probe failed: %s", exc)
    extra = {
        "value": got.mos,
        "unit": "MOS",
        "details": {
            "rtt_ms": got.rtt_ms,
            "jitter_ms": got.jitter_ms,
            "loss_pct": got.loss_pct,
            "sent": got.sent,
            "answered": got.answered,
        },
    }
    if got.answered == 0:
        return failed(
            "call_quality",
            "the SIP server answered none of the probe",
            "See the SIP checks above: the network to the SIP server does not work.",
            **extra,
        )
    figures = (
        f"RTT {got.rtt_ms:.0f} ms, jitter {got.jitter_ms:.0f} ms, loss {got.loss_pct:.0f} %"
        f" → MOS {got.mos:.1f}"
    )
    problems = _quality_problems(got, ready)
    if problems:
        return warned(
            "call_quality",
            f"{figures}: {', '.join(problems)}",
            "Calls may sound "
            "choppy or delayed: use a cable instead of Wi-Fi, stop large downloads, "
            "or tell IT.",
            **extra,
        )
    return passed("call_quality", figures, **extra)


def _quality_problems(got: quality_probe.ProbeFigures, ready: ReadinessSettings) -> list[str]:
    problems = []
    if got.rtt_ms > ready.max_rtt_ms:
        problems.append(f"round trip over {ready.max_rtt_ms:.0f} ms")
    if got.jitter_ms > ready.max_jitter_ms:
        problems.append(f"jitter over {ready.max_jitter_ms:.0f} ms")
    if got.loss_pct > ready.max_loss_pct:
        problems.append(f"loss over {ready.max_loss_pct:.0f} %")
    if got.mos < ready.min_mos:
        problems.append(f"MOS under {ready.min_mos:.1f}")
    return problems
