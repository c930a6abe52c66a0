"""Who may ring the agent: its registrar or outbound proxy, and the SBCs IT lists; nobody else.

SIP scanners (SIPVicious and friends) send INVITEs straight to softphones' ports; a phone that
takes them rings at night with "100" calling and journals a call that never was. Like a desk
phone's "accept SIP from trusted server only" (Yealink `sip.trust_ctrl`), a request whose source
address is not the server's (the addresses its name resolves to, the address its answers to our
REGISTER come from) nor one of `[sip] trusted_sources` is refused with 403, publishes no event
and leaves no journal row. Refusals are counted (the readiness report shows the count) and
logged at most once a minute, so a scan is visible but cannot flood the log.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterable

import pjsua2 as pj

from softphone.config import SipSettings, split_host_port
from softphone.sip.guard import callback

log = logging.getLogger(__name__)

LOG_EVERY_S = 60.0
FORBIDDEN = 403
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str], Iterable[str]]


def resolve(host: str) -> list[str]:
    """Every address a name resolves to ([] when it does not)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_UDP)
    except OSError:
        return []
    return sorted({str(info[4][0]) for info in infos})


def host_of(src_address: str) -> str:
    """'127.0.0.2:5060' or '[::1]:5060' (pjsua2's srcAddress) → the IP."""
    text = src_address.strip()
    if text.startswith("["):
        return text[1:].partition("]")[0]
    return text.rpartition(":")[0] if text.count(":") == 1 else text


def _address(text: str) -> IpAddress | None:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


class SourceGate:
    """The trusted sources of one account, and the count of what strangers sent."""

    def __init__(self, sip: SipSettings, resolver: Resolver = resolve) -> None:
        self._resolver = resolver
        self._names: list[str] = []
        self._networks: list[IpNetwork] = []
        self._lock = threading.Lock()  # counted on the SIP thread, read by the readiness check
        self.refused = 0
        self.latest = ""  # the source of the latest refused request
        self._unlogged = 0
        self._logged_at: float | None = None
        for entry in (split_host_port(sip.outbound_proxy)[0], sip.host, *sip.trusted_source_list):
            self._add(entry)

    def _add(self, entry: str) -> None:
        if not entry:
            return
        try:
            self._networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            self._names.append(entry)

    def refresh(self) -> None:
        """Resolve the names (at start and after a network change: a server's DNS may move)."""
        for name in self._names:
            for address in self._resolver(name):
                self.learn(address)

    def learn(self, src_address: str) -> None:
        """Trust an address the server was seen answering from (a REGISTER's 200)."""
        found = _address(host_of(src_address))
        if found is None:
            return
        network = ipaddress.ip_network(found)
        if network not in self._networks:
            self._networks.append(network)

    def trusts(self, src_address: str) -> bool:
        found = _address(host_of(src_address))
        if found is None:
            return False
        if isinstance(found, ipaddress.IPv6Address) and found.ipv4_mapped is not None:
            found = found.ipv4_mapped
        return any(found.version == n.version and found in n for n in self._networks)

    def summary(self) -> tuple[int, str]:
        """(requests refused since start, the latest one's source address); any thread."""
        with self._lock:
            return self.refused, self.latest

    def refuse(self, what: str, src_address: str) -> None:
        """Count one refused request and say so in the log, at most once a minute."""
        with self._lock:
            self.refused += 1
            self.latest = host_of(src_address)
            self._unlogged += 1
            now = time.monotonic()
            if self._logged_at is not None and now - self._logged_at < LOG_EVERY_S:
                return
            count, total = self._unlogged, self.refused
            self._unlogged = 0
            self._logged_at = now
        log.warning(
            "refused %d SIP request(s)/connection(s) from sources neither the SIP server nor "
            "in [sip] trusted_sources (latest: %s from %s; %d refused since start)",
            count,
            what,
            src_address,
            total,
        )


class StrangerCall(pj.Call):  # type: ignore[misc]
    """An INVITE from a stranger, answered 403 at once: no event, no journal row, no ring.
    pjsua2 needs a Call object to answer with a code of our choosing (without one it answers
    500); `on_gone` lets the account drop it once pjsua2 is done with it."""

    def __init__(self, account: pj.Account, call_id: int, on_gone: Callable[[object], None]):
        super().__init__(account, call_id)
        self._on_gone = on_gone

    def refuse(self) -> None:
        prm = pj.CallOpParam()
        prm.statusCode = FORBIDDEN
        self.hangup(prm)

    @callback
    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        if self.getInfo().state == pj.PJSIP_INV_STATE_DISCONNECTED:
            self._on_gone(self)
