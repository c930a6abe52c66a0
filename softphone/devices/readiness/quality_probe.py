"""The network quality probe: a burst of SIP OPTIONS to the SIP server, turned into round-trip
time, jitter, loss and the MOS a call over this path would likely get.

Without an echo service on the server, the closest thing to a call's packet stream we can send is
a run of small requests at a call's packet rate (one every 20 ms over UDP, like RTP). Each is
sent once, never retransmitted, so a lost request or answer counts as loss. Jitter is the mean
change between consecutive round trips (how much a jitter buffer would have to absorb). Over
TCP/TLS the requests go one after another on one connection: no loss can show there, but RTT and
jitter still do. The MOS comes from the same E-model the call-quality figures use (`softphone.mos`).
"""

from __future__ import annotations

import socket
import ssl
import time
from dataclasses import dataclass
from itertools import pairwise

from softphone.devices.readiness.sip_ping import (
    UdpPinger,
    new_call_id,
    options_request,
    parse_status,
    tls_context,
)
from softphone.mos import mos_from_r, r_factor

INTERVAL = 0.02  # a call's packet rate
LATE_AFTER = 1.0  # an answer later than this counts as lost (a call could not use it)


@dataclass(frozen=True)
class ProbeFigures:
    sent: int
    answered: int
    rtt_ms: float
    jitter_ms: float
    loss_pct: float
    mos: float


def figures(rtts: list[float | None]) -> ProbeFigures:
    """Round trips (None: no answer), in the order sent, summarised and scored."""
    got = [r for r in rtts if r is not None]
    loss = 100.0 * (len(rtts) - len(got)) / len(rtts) if rtts else 100.0
    rtt = sorted(got)[len(got) // 2] if got else 0.0  # the median: one slow answer is no trend
    changes = [abs(b - a) for a, b in pairwise(got)]
    jitter = sum(changes) / len(changes) if changes else 0.0
    mos = mos_from_r(r_factor(loss, jitter, rtt)) if got else 1.0
    return ProbeFigures(len(rtts), len(got), round(rtt, 2), round(jitter, 2), round(loss, 2), mos)


def probe_udp(host: str, port: int, count: int) -> ProbeFigures:
    """`count` OPTIONS at 20 ms spacing, each sent once; answers collected as they come."""
    pinger = UdpPinger(host, port)
    sent_at: dict[int, float] = {}
    rtts: dict[int, float] = {}
    try:
        start = time.monotonic()
        for seq in range(1, count + 1):
            request = options_request(host, port, "udp", pinger.local, seq, pinger.call_id)
            due = start + (seq - 1) * INTERVAL
            _collect(pinger.sock, sent_at, rtts, until=due)
            time.sleep(max(0.0, due - time.monotonic()))  # everything answered: wait anyway
            sent_at[seq] = time.monotonic()
            pinger.sock.send(request)
        _collect(pinger.sock, sent_at, rtts, until=time.monotonic() + LATE_AFTER)
    except OSError:  # refused or unreachable mid-burst: whatever was answered is what we have
        pass
    finally:
        pinger.close()
    return figures([rtts.get(seq) for seq in range(1, count + 1)])


def _collect(
    sock: socket.socket, sent_at: dict[int, float], rtts: dict[int, float], until: float
) -> None:
    """Answers until `until`, or until every request sent so far is answered."""
    while (left := until - time.monotonic()) > 0 and len(rtts) < len(sent_at):
        sock.settimeout(left)
        try:
            data = sock.recv(65535)
        except TimeoutError:
            return
        arrived = time.monotonic()
        status = parse_status(data)
        if status is None or status[0] < 200 or status[2] not in sent_at:
            continue
        seq = status[2]
        if seq not in rtts and arrived - sent_at[seq] <= LATE_AFTER:
            rtts[seq] = (arrived - sent_at[seq]) * 1000


def probe_stream(
    host: str, port: int, transport: str, count: int, context: ssl.SSLContext | None = None
) -> ProbeFigures:
    """`count` OPTIONS one after another on one TCP or TLS connection."""
    rtts: list[float | None] = []
    try:
        sock = socket.create_connection((host, port), timeout=LATE_AFTER * 3)
        if transport == "tls":
            sock = (context or tls_context()).wrap_socket(sock, server_hostname=host)
    except OSError:
        return figures([None] * count)
    call_id = new_call_id()
    buffer = b""
    with sock:
        local = sock.getsockname()[:2]
        for seq in range(1, count + 1):
            began = time.monotonic()
            try:
                sock.sendall(options_request(host, port, transport, local, seq, call_id))
                buffer, answered = _await(sock, buffer, seq, began + LATE_AFTER)
            except OSError:
                answered = False
            rtts.append((time.monotonic() - began) * 1000 if answered else None)
            time.sleep(max(0.0, began + INTERVAL - time.monotonic()))
    return figures(rtts)


def _await(sock: socket.socket, buffer: bytes, seq: int, deadline: float) -> tuple[bytes, bool]:
    while True:
        while b"\r\n\r\n" in buffer:
            head, _, buffer = buffer.partition(b"\r\n\r\n")
            status = parse_status(head + b"\r\n\r\n")
            if status is not None and status[0] >= 200 and status[2] == seq:
                return buffer, True
        left = deadline - time.monotonic()
        if left <= 0:
            return buffer, False
        sock.settimeout(left)
        chunk = sock.recv(4096)
        if not chunk:
            return buffer, False
        buffer += chunk
