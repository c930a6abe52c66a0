"""A stranger on the network: SIP requests sent straight to the agent's port from any local
address (127.0.0.2 is not the lab's registrar), as SIP scanners do, and what the agent answers."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Callable

SDP = (
    "v=0\r\no=scan 1 1 IN IP4 {ip}\r\ns=-\r\nc=IN IP4 {ip}\r\nt=0 0\r\n"
    "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
)


def request(
    method: str,
    agent_port: int,
    source_ip: str = "127.0.0.2",
    proto: str = "UDP",
    body: str = "",
    extra_headers: str = "",
    content_type: str = "",
) -> str:
    """One out-of-dialog request as a scanner writes it (From "100", like SIPVicious)."""
    tag = uuid.uuid4().hex[:8]
    headers = (
        f"{method} sip:100@127.0.0.1:{agent_port} SIP/2.0\r\n"
        f"Via: SIP/2.0/{proto} {source_ip}:5060;branch=z9hG4bK-{tag};rport\r\n"
        "Max-Forwards: 70\r\n"
        f'From: "100" <sip:100@{source_ip}>;tag={tag}\r\n'
        f"To: <sip:100@127.0.0.1:{agent_port}>\r\n"
        f"Call-ID: scan-{tag}@{source_ip}\r\n"
        f"CSeq: 1 {method}\r\n"
        f"Contact: <sip:100@{source_ip}:5060>\r\n"
        f"{extra_headers}"
    )
    if body:
        headers += f"Content-Type: {content_type or 'application/sdp'}\r\n"
    return f"{headers}Content-Length: {len(body.encode())}\r\n\r\n{body}"


def invite(agent_port: int, source_ip: str = "127.0.0.2", proto: str = "UDP") -> str:
    return request("INVITE", agent_port, source_ip, proto, SDP.format(ip=source_ip))


def final_answer_udp(
    message: str, agent: tuple[str, int], source_ip: str = "127.0.0.2", timeout: float = 3.0
) -> str:
    """Send over UDP from source_ip; the first final response's status line ("" if none)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((source_ip, 0))
        sock.settimeout(timeout)
        sock.sendto(message.encode(), agent)
        return _first_final(lambda: sock.recv(65535))


def final_answer_tcp(
    message: str, agent: tuple[str, int], source_ip: str = "127.0.0.2", timeout: float = 3.0
) -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((source_ip, 0))
        sock.settimeout(timeout)
        sock.connect(agent)
        sock.sendall(message.encode())
        return _first_final(lambda: sock.recv(65535))


def _first_final(receive: Callable[[], bytes]) -> str:
    while True:
        try:
            data = receive()
        except (TimeoutError, ConnectionError):
            return ""
        if not data:
            return ""
        for line in data.decode(errors="replace").split("\r\n"):
            if line.startswith("SIP/2.0 ") and not line.startswith("SIP/2.0 1"):
                return line


def send_udp(message: str | bytes, agent: tuple[str, int], source_ip: str = "127.0.0.2") -> None:
    """Fire and forget: one datagram from source_ip."""
    data = message.encode() if isinstance(message, str) else message
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((source_ip, 0))
        sock.sendto(data, agent)
