"""The doorbell: how a command queued by another thread wakes the SIP thread's poll at once.

The SIP thread sleeps in `libHandleEvents`, which wakes only for a socket of pjsip's or a timer.
The bell is a CRLF keep-alive (pjsip drops it without a word) sent to a UDP socket of pjsip's:
- a UDP account rings its own transport: no socket more than the one the server talks to,
  and what strangers send it is refused like anything else they send (`trust`);
- a TCP/TLS account has no UDP listener for the network. Its bell is a UDP transport on
  127.0.0.1 whose socket is then *connected* to our ringing socket: the kernel delivers it
  nothing from anyone else, so no local user (a terminal server's other agents) can send SIP
  through it. pjsua2 does not hand out the socket; it is found among the process's open files
  by its address (POSIX). Where that cannot be done (Windows), there is no bell and the loop
  polls every 10 ms instead (README "Benchmarks": what that costs).
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import stat

import pjsua2 as pj

log = logging.getLogger(__name__)

_KEEPALIVE = b"\r\n\r\n"
_OPEN_FILES = "/dev/fd"  # Linux and macOS


class Doorbell:
    def __init__(self) -> None:
        self._sock: socket.socket | None = None
        self._to: tuple[str, int] | None = None
        self._bell_transport: int | None = None

    @property
    def installed(self) -> bool:
        return self._to is not None

    def ring_transport(self, address: str, port: int) -> None:
        """Ring the account's own UDP transport."""
        self._sock = _ringer(address)
        self._to = (address, port)
        self._sock.connect(self._to)  # the ringer takes nothing from anyone else either

    def install_private(self, ep: pj.Endpoint) -> bool:
        """A loopback UDP transport only our ringing socket can reach; False when the OS
        would not let us lock it (then there is no bell at all)."""
        cfg = pj.TransportConfig()
        cfg.boundAddress = "127.0.0.1"
        cfg.port = 0
        transport = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, cfg)
        port = int(str(ep.transportGetInfo(transport).localName).rpartition(":")[2])
        ringer = _ringer("127.0.0.1")
        if not lock_to(port, ringer.getsockname()):
            ringer.close()
            ep.transportClose(transport)
            log.info("the SIP loop polls every 10 ms (no private doorbell on this system)")
            return False
        self._sock, self._to, self._bell_transport = ringer, ("127.0.0.1", port), transport
        ringer.connect(self._to)
        return True

    def after_ip_change(self) -> None:
        """pjsua re-creates every listener's socket on all addresses, same port."""
        if self._to is None or self._sock is None:
            return
        if self._bell_transport is None:
            self._to = ("127.0.0.1", self._to[1])  # the account's transport, now on all
            with contextlib.suppress(OSError):
                self._sock.connect(self._to)
        elif not lock_to(self._to[1], self._sock.getsockname()):
            log.warning("the doorbell could not be locked again after a network change")

    def ring(self) -> None:
        if self._sock is None or self._to is None:
            return
        with contextlib.suppress(OSError):  # the poll timeout still picks the command up
            self._sock.send(_KEEPALIVE)

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
        self._sock = self._to = None
        self._bell_transport = None


def _ringer(address: str) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1" if address.startswith("127.") else address, 0))
    return sock


def lock_to(port: int, peer: tuple[str, int]) -> bool:
    """Connect the process's UDP socket bound to `port` to `peer`; True when done."""
    if os.name != "posix" or not os.path.isdir(_OPEN_FILES):
        return False
    for name in os.listdir(_OPEN_FILES):
        try:
            if _lock_if_ours(int(name), port, peer):
                return True
        except (OSError, ValueError):
            continue  # closed meanwhile, not a socket, another family
    return False


def _lock_if_ours(fd: int, port: int, peer: tuple[str, int]) -> bool:
    if not stat.S_ISSOCK(os.fstat(fd).st_mode):
        return False
    with socket.socket(fileno=os.dup(fd)) as probe:
        if probe.family != socket.AF_INET or probe.type != socket.SOCK_DGRAM:
            return False
        host, bound_port = probe.getsockname()
        if (
            bound_port != port
            or host not in ("127.0.0.1", "0.0.0.0")
            or probe.getsockname() == peer
        ):
            return False
        probe.connect(peer)  # the socket is shared with pjsip's descriptor: both are locked
        return True
