"""Notices when the machine's way to the SIP server changes (Wi-Fi to VPN, a new DHCP lease).

pjsua2 does not watch the network itself; after a change the old contact address is dead and
calls would never reach the agent. Every few seconds we ask the OS which local address it would
use toward the registrar (a connected UDP socket sends nothing) and, when it differs from last
time, the engine calls `handleIpChange` to re-bind transports and re-register.
"""

from __future__ import annotations

import socket

CHECK_INTERVAL_S = 5.0


def local_address_towards(host: str, port: int) -> str:
    """The local IP the OS routes `host` from; '' when there is no route (network down)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM)
    except OSError:
        return ""
    for family, kind, proto, _, address in infos:
        try:
            with socket.socket(family, kind, proto) as probe:
                probe.connect(address)
                return str(probe.getsockname()[0])
        except OSError:
            continue
    return ""


class NetworkWatch:
    """Remembers the last local address; `changed()` is true once per change."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.last = local_address_towards(host, port)

    def changed(self) -> bool:
        now = local_address_towards(self.host, self.port)
        if now == self.last:
            return False
        self.last = now
        return bool(now)  # going offline is not a change we can act on; coming back is
