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
import re
from collections import deque
from collections.abc import Callable

from softphone.sip.trust import SourceGate

log = logging.getLogger(__name__)

MAX_ACCEPTED = 16  # far below pjlib's 64 handles, which also hold SIP and RTP sockets
_NAME_BYTES = 32  # PJ_MAX_OBJ_NAME
_INCOMING_TCP = re.compile(r"got incoming TCP connection from (\S+), sock=")


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
    """Shuts connections strangers open at once, caps the others, and tells a lost connection
    of ours (the server's) from one of theirs."""

    def __init__(
        self,
        sources: SourceGate,
        shut: Callable[[object], None],
        on_server_lost: Callable[[], None],
    ) -> None:
        self._sources = sources
        self._shut = shut
        self._on_server_lost = on_server_lost
        self._accepted: set[str] = set()
        self._announced: deque[str] = deque(maxlen=MAX_ACCEPTED * 4)
        self.over_cap = 0

    def noticed_log(self, text: str) -> None:
        """A pjsip log line (any thread); remembers who the next accepted TCP connection is."""
        if "got incoming TCP" in text:
            found = _INCOMING_TCP.search(text)
            if found:
                self._announced.append(found.group(1))

    def connected(self, handle: object, tls_remote: str = "") -> None:
        name = connection_name(handle)
        if not accepted(name):
            return
        source = tls_remote
        if name.startswith("tcps") and self._announced:
            source = self._announced.popleft()
        if source and not self._sources.trusts(source):
            self._sources.refuse("a TCP/TLS connection", source)
            self._shut(handle)
            return
        if len(self._accepted) >= MAX_ACCEPTED:
            self._over_cap(handle)
            return
        self._accepted.add(name)

    def _over_cap(self, handle: object) -> None:
        self.over_cap += 1
        if self.over_cap == 1 or self.over_cap % 100 == 0:
            log.warning(
                "%d connections to the SIP listener already open: closing new ones "
                "(%d closed so far)",
                MAX_ACCEPTED,
                self.over_cap,
            )
        self._shut(handle)

    def disconnected(self, handle: object) -> None:
        name = connection_name(handle)
        if accepted(name):
            self._accepted.discard(name)
        elif opened_by_us(name) or not name:
            self._on_server_lost()

    @property
    def open_accepted(self) -> int:
        return len(self._accepted)
