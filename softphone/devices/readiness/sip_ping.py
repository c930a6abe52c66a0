"""SIP OPTIONS "pings" over UDP, TCP and TLS with plain sockets: is the SIP server reachable, and
how fast does it answer.

The readiness check must not start the SIP engine to learn whether the network lets SIP through
(and `softphone.devices` never imports pjsua2), so it sends a well-formed OPTIONS request itself
(RFC 3261 §11) and reads the status line of the answer. Any final answer — 200, but also 404 or
405 from a server that does not do OPTIONS — proves the path works. What went wrong is told
apart because the fix differs: nothing listens on that port (refused: a wrong port in the
settings), no answer at all (a firewall drops it), or TLS refused the server's certificate.
"""

from __future__ import annotations

import contextlib
import os
import socket
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass

DEFAULT_PORTS = {"udp": 5060, "tcp": 5060, "tls": 5061}
UDP_RETRANSMIT = 0.5  # RFC 3261 T1: UDP requests are resent after this while unanswered


@dataclass(frozen=True)
class Ping:
    """The outcome of one OPTIONS: `code` 0 when no SIP answer came; `problem` says why."""

    transport: str
    host: str
    port: int
    code: int = 0
    reason: str = ""
    rtt_ms: float | None = None
    problem: str = ""  # "" | "refused" | "timeout" | "tls" | "unresolved" | "garbled"
    error: str = ""

    @property
    def reachable(self) -> bool:
        return self.code >= 200


def options_request(
    host: str, port: int, transport: str, local: tuple[str, int], seq: int, call_id: str
) -> bytes:
    """A minimal well-formed OPTIONS (RFC 3261 §11.1) to the server itself."""
    target = f"[{host}]" if ":" in host else host
    via_host = f"[{local[0]}]" if ":" in local[0] else local[0]
    scheme = "sips" if transport == "tls" else "sip"
    branch = f"z9hG4bK-ready-{call_id}-{seq}"
    lines = [
        f"OPTIONS {scheme}:{target}:{port} SIP/2.0",
        f"Via: SIP/2.0/{transport.upper()} {via_host}:{local[1]};branch={branch};rport",
        "Max-Forwards: 70",
        f"From: <{scheme}:readiness@{via_host}>;tag=ready{call_id[:8]}",
        f"To: <{scheme}:{target}:{port}>",
        f"Call-ID: {call_id}@softphone-readiness",
        f"CSeq: {seq} OPTIONS",
        "Accept: application/sdp",
        "User-Agent: softphone readiness check",
        "Content-Length: 0",
        "",
        "",
    ]
    return "\r\n".join(lines).encode()


def parse_status(data: bytes) -> tuple[int, str, int] | None:
    """(code, reason, CSeq number) of a SIP response; None when it is not one."""
    head = data.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    lines = head.split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or parts[0] != "SIP/2.0" or not parts[1].isdigit() or len(parts[1]) != 3:
        return None
    seq = -1
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "cseq":
            number = value.strip().split(" ", 1)[0]
            seq = int(number) if number.isdigit() else -1
    return int(parts[1]), parts[2] if len(parts) > 2 else "", seq


def new_call_id() -> str:
    return os.urandom(8).hex()


class UdpPinger:
    """A UDP socket "connected" to the server, so that an ICMP port-unreachable comes back as
    ConnectionRefusedError (nothing listens there) instead of a silent timeout."""

    def __init__(self, host: str, port: int) -> None:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM)[0]
        self.sock = socket.socket(info[0], socket.SOCK_DGRAM)
        self.sock.connect(info[4])
        self.host, self.port = host, port
        self.local = self.sock.getsockname()[:2]
        self.call_id = new_call_id()

    def close(self) -> None:
        self.sock.close()

    def ping(self, seq: int, timeout: float) -> Ping:
        request = options_request(self.host, self.port, "udp", self.local, seq, self.call_id)
        began = time.monotonic()
        deadline = began + timeout
        try:
            while (left := deadline - time.monotonic()) > 0:
                self.sock.send(request)
                answer = self._answer(seq, min(left, UDP_RETRANSMIT))
                if answer is not None:
                    code, reason = answer
                    rtt = (time.monotonic() - began) * 1000
                    return Ping("udp", self.host, self.port, code, reason, round(rtt, 2))
        except ConnectionRefusedError as exc:
            return Ping("udp", self.host, self.port, problem="refused", error=str(exc))
        except OSError as exc:
            return Ping("udp", self.host, self.port, problem="timeout", error=str(exc))
        return Ping("udp", self.host, self.port, problem="timeout", error="no answer")

    def _answer(self, seq: int, wait: float) -> tuple[int, str] | None:
        """A final answer to request `seq` within `wait` seconds (provisional ones and stale
        answers to earlier requests are skipped)."""
        deadline = time.monotonic() + wait
        while (left := deadline - time.monotonic()) > 0:
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(65535)
            except TimeoutError:
                return None
            status = parse_status(data)
            if status is not None and status[0] >= 200 and status[2] == seq:
                return status[0], status[1]
        return None


def ping(
    host: str,
    port: int,
    transport: str,
    timeout: float = 3.0,
    tls_context: ssl.SSLContext | None = None,
) -> Ping:
    """One OPTIONS round trip over `transport` ("udp", "tcp" or "tls")."""
    try:
        if transport == "udp":
            pinger = UdpPinger(host, port)
            try:
                return pinger.ping(1, timeout)
            finally:
                pinger.close()
        return _stream_ping(host, port, transport, timeout, tls_context)
    except socket.gaierror as exc:
        return Ping(transport, host, port, problem="unresolved", error=str(exc))


def _stream_ping(
    host: str, port: int, transport: str, timeout: float, tls_context: ssl.SSLContext | None
) -> Ping:
    began = time.monotonic()
    try:
        with _connect(host, port, transport, timeout, tls_context) as sock:
            local = sock.getsockname()[:2]
            sock.sendall(options_request(host, port, transport, local, 1, new_call_id()))
            data = _read_head(sock, began + timeout)
    except ssl.SSLError as exc:
        return Ping(transport, host, port, problem="tls", error=_tls_reason(exc))
    except ConnectionRefusedError as exc:
        return Ping(transport, host, port, problem="refused", error=str(exc))
    except TimeoutError as exc:
        return Ping(transport, host, port, problem="timeout", error=str(exc) or "no answer")
    except OSError as exc:
        return Ping(transport, host, port, problem="timeout", error=str(exc))
    status = parse_status(data)
    if status is None:
        return Ping(transport, host, port, problem="garbled", error=repr(data[:60]))
    rtt = round((time.monotonic() - began) * 1000, 2)
    return Ping(transport, host, port, status[0], status[1], rtt)


@contextlib.contextmanager
def _connect(
    host: str, port: int, transport: str, timeout: float, tls_context: ssl.SSLContext | None
) -> Iterator[socket.socket]:
    sock = socket.create_connection((host, port), timeout=timeout)
    try:
        if transport == "tls":
            context = tls_context or ssl.create_default_context()
            sock = context.wrap_socket(sock, server_hostname=host)
        yield sock
    finally:
        sock.close()


def _read_head(sock: socket.socket, deadline: float) -> bytes:
    """Bytes up to the end of the first final response's header (provisional ones skipped)."""
    data = b""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no SIP answer")
        sock.settimeout(left)
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionResetError("the server closed the connection without answering")
        data += chunk
        while b"\r\n\r\n" in data:
            head, _, rest = data.partition(b"\r\n\r\n")
            status = parse_status(head + b"\r\n\r\n")
            if status is None or status[0] >= 200:
                return head + b"\r\n\r\n"
            data = rest  # a 1xx: its Content-Length is 0 for OPTIONS in practice


def tls_context(ca_file: str = "", verify: bool = True) -> ssl.SSLContext:
    """The same trust the SIP engine uses: the profile's CA file, else the system's."""
    context = ssl.create_default_context(cafile=ca_file or None)
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def _tls_reason(exc: ssl.SSLError) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"certificate not trusted: {exc.verify_message}"
    return exc.reason or str(exc)
