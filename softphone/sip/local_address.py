"""The local IPv4 address the agent's SIP traffic to its server leaves from.

pjsua puts the address of the default interface into Via and Contact when the account is bound
to a transport. On a laptop with a VPN (the usual way an agent at home reaches the contact
center's PBX), or with the server on loopback, that is the wrong address: the server answers the
first REGISTER with `received=`, pjsua rewrites its Contact and starts the registration over — an
extra round trip on every start. Asking the routing table which address faces the server (a UDP
socket's `connect` sends nothing) gets it right the first time; pjsua's Contact rewrite still
corrects it behind NAT.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading

from softphone.config import ConfigError, split_host_port

log = logging.getLogger(__name__)

_RESOLVE_TIMEOUT_S = 1.0  # a slow DNS must not hold the SIP thread's start-up


def local_address_toward(server: str) -> str | None:
    """Our IPv4 address on the route to `host[:port]`, or None when it cannot be told."""
    try:
        host, port, _ = split_host_port(server)
    except ConfigError:
        return None
    if not host:
        return None
    address = _resolve_ipv4(host)
    if address is None:
        return None
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect((address, port or 5060))
            return str(probe.getsockname()[0])
        except OSError as exc:
            log.info("no route to %s yet (%s); pjsua picks the address", server, exc)
            return None


def _resolve_ipv4(host: str) -> str | None:
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        return _lookup(host)
    return str(literal) if literal.version == 4 else None


def _lookup(host: str) -> str | None:
    found: list[str] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, None, socket.AF_INET, socket.SOCK_DGRAM)
        except OSError:
            return
        found.extend(str(info[4][0]) for info in infos)

    worker = threading.Thread(target=lookup, name="sip-resolve", daemon=True)
    worker.start()
    worker.join(_RESOLVE_TIMEOUT_S)
    return found[0] if found else None
