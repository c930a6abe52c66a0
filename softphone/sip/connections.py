"""The agent's TCP/TLS connections: ours to the server, and those others open to our listener.

Two things go wrong when every connection is treated alike. A stranger who opens connections
and closes them made the agent believe "connection to the registrar lost" and re-register; and
pjlib's select() loop holds 64 sockets in all (SIP, media, every connection), beyond which the
process aborts. So: only a connection *we* opened (the registrar's or outbound proxy's; every
request goes there) counts as the server's, and connections opened *to* us are capped, the
newest shut at once above the cap. The server itself keeps to the connection we opened.

pjsua2 hands a transport callback only an opaque handle. pjsip names each connection by its
direction in `obj_name`, the first field of `pjsip_transport` ("tcpc…"/"tlsc…" for connections
it opened, "tcps…"/"tlss…" for accepted ones): that name is read through the handle.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

MAX_ACCEPTED = 16  # far below pjlib's 64 handles, which also hold SIP and RTP sockets
_NAME_BYTES = 32  # PJ_MAX_OBJ_NAME


def connection_name(handle: object) -> str:
    """pjsip's name of the transport behind a pjsua2 TransportHandle ('' when unknown)."""
    try:
        address = int(handle)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return ""
    if not address:
        return ""
    raw = ctypes.string_at(address, _NAME_BYTES)
    return raw.split(b"\0", 1)[0].decode("ascii", errors="replace")


def accepted(name: str) -> bool:
    """A connection someone opened to our listener (not one we opened)."""
    return name.startswith(("tcps", "tlss"))


def opened_by_us(name: str) -> bool:
    return name.startswith(("tcpc", "tlsc"))


class ConnectionGuard:
    """Counts accepted connections, shuts those above the cap, and tells a lost connection of
    ours (the server's) from one of theirs."""

    def __init__(self, shut: Callable[[object], None], on_server_lost: Callable[[], None]):
        self._shut = shut
        self._on_server_lost = on_server_lost
        self._accepted: set[str] = set()
        self.shut_count = 0

    def connected(self, handle: object) -> None:
        name = connection_name(handle)
        if not accepted(name):
            return
        if len(self._accepted) >= MAX_ACCEPTED:
            self.shut_count += 1
            if self.shut_count == 1 or self.shut_count % 100 == 0:
                log.warning(
                    "%d connections to the SIP listener already open: closing new ones "
                    "(%d closed so far)",
                    MAX_ACCEPTED,
                    self.shut_count,
                )
            self._shut(handle)
            return
        self._accepted.add(name)

    def disconnected(self, handle: object) -> None:
        name = connection_name(handle)
        if accepted(name):
            self._accepted.discard(name)
        elif opened_by_us(name) or not name:
            self._on_server_lost()

    @property
    def open_accepted(self) -> int:
        return len(self._accepted)
