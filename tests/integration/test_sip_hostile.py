"""Hostile input against the running headless agent: it stays up, says nothing on stdout but its
JSON lines, logs no ERROR for what it handled, and afterwards a genuine call through Kamailio
still rings and connects.

Garbage datagrams, NUL bytes, 400 Via headers, 300 m-lines, 70 KB of headers over TCP, half
messages; each from a stranger (127.0.0.2) and, where the stack parses more for its own server,
from the server's address too.
"""

from __future__ import annotations

import contextlib
import json
import socket
import time
from collections.abc import Callable

import pytest

from tests.integration.peers import stranger
from tests.integration.peers.agent_process import AgentProcess

pytestmark = pytest.mark.integration

SERVER_IP = "127.0.0.1"  # the lab's Kamailio: the agent trusts this source


def many_vias(port: int, source_ip: str, proto: str) -> str:
    message = stranger.invite(port, source_ip, proto)
    vias = "".join(
        f"Via: SIP/2.0/{proto} 10.0.{n // 250}.{n % 250 + 1}:5060;branch=z9hG4bK-v{n}\r\n"
        for n in range(400)
    )
    head, _, rest = message.partition("Max-Forwards:")
    return f"{head}{vias}Max-Forwards:{rest}"


def many_media_lines(port: int, source_ip: str, proto: str) -> str:
    lines = "".join(
        f"m=audio {40000 + 2 * n} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n" for n in range(300)
    )
    sdp = f"v=0\r\no=x 1 1 IN IP4 {source_ip}\r\ns=-\r\nc=IN IP4 {source_ip}\r\nt=0 0\r\n{lines}"
    return stranger.request("INVITE", port, source_ip, proto, body=sdp)


def huge_headers(port: int, source_ip: str, proto: str) -> str:
    filler = "".join(f"X-Filler-{n}: {'a' * 1000}\r\n" for n in range(70))  # 70 KB
    return stranger.request("OPTIONS", port, source_ip, proto, extra_headers=filler)


def with_nuls(port: int, source_ip: str, proto: str) -> bytes:
    message = stranger.request("OPTIONS", port, source_ip, proto).encode()
    return message.replace(b"Max-Forwards", b"Max-\0\0Forwards").replace(
        b"SIP/2.0\r", b"SIP\0/2.0\r"
    )


def half(port: int, source_ip: str, proto: str) -> bytes:
    message = stranger.invite(port, source_ip, proto).encode()
    return message[: len(message) // 2]


def content_length_lies(port: int, source_ip: str, proto: str) -> bytes:
    message = stranger.invite(port, source_ip, proto)
    return message.replace("Content-Length: ", "Content-Length: 9").encode()


GARBAGE = bytes(range(256)) * 8
Builder = Callable[[int, str, str], "str | bytes"]
HOSTILE: dict[str, Builder] = {
    "garbage": lambda port, ip, proto: GARBAGE,
    "nuls only": lambda port, ip, proto: b"\0" * 1400,
    "nul bytes in headers": with_nuls,
    "400 Via headers": many_vias,
    "300 m-lines": many_media_lines,
    "70 KB of headers": huge_headers,
    "half a message": half,
    "Content-Length beyond the body": content_length_lies,
}


def as_bytes(data: str | bytes) -> bytes:
    return data.encode() if isinstance(data, str) else data


def send_tcp(data: bytes, port: int, source_ip: str, hold_s: float = 0.3) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((source_ip, 0))
        sock.settimeout(3)
        with contextlib.suppress(OSError):
            sock.connect((SERVER_IP, port))
            sock.sendall(data)
            time.sleep(hold_s)  # the agent reads (and answers, or drops) before we go


def alive(agent: AgentProcess, proto: str, port: int, what: str) -> None:
    assert agent.proc.poll() is None, f"agent died on {what}: {agent.stderr_tail()}"
    options = stranger.request("OPTIONS", port, SERVER_IP, proto)
    if proto == "UDP":
        reply = stranger.final_answer_udp(options, (SERVER_IP, port), SERVER_IP)
    else:
        reply = stranger.final_answer_tcp(options, (SERVER_IP, port), SERVER_IP)
    assert reply.startswith("SIP/2.0 200"), f"no OPTIONS answer after {what}: {reply!r}"


def decline_what_rang(agent: AgentProcess, seen: int) -> int:
    for event in agent.events[seen:]:
        if event["event"] == "incoming":
            agent.send("reject", call=event["call"])
    return len(agent.events)


def still_takes_a_genuine_call(agent: AgentProcess, run_sipp_uac) -> None:
    caller = run_sipp_uac("uac_call_and_hangup.xml", to_user="agent1")
    while True:
        incoming = agent.expect("incoming", timeout=20)
        if incoming["number"] == "+4930123456":
            break
    agent.send("answer", call=incoming["call"])
    agent.expect("call_state", call=incoming["call"], state="confirmed", timeout=10)
    agent.expect("call_ended", call=incoming["call"], timeout=20)
    assert caller.wait(timeout=20) == 0
    assert agent.stop() == 0
    for line in agent.raw_lines:  # stdout is still nothing but JSON lines
        assert isinstance(json.loads(line), dict), line
    log = agent.stderr_tail(2_000_000)
    assert " ERROR " not in log and "Assertion" not in log, log[-3000:]


def test_hostile_datagrams_leave_the_agent_alive(make_agent, run_sipp_uac) -> None:
    agent = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    port = agent.ready["sip_port"]
    seen = 0
    for name, build in HOSTILE.items():
        for source_ip in ("127.0.0.2", SERVER_IP):
            data = as_bytes(build(port, source_ip, "UDP"))[:65000]
            stranger.send_udp(data, (SERVER_IP, port), source_ip)
            alive(agent, "UDP", port, f"{name} from {source_ip}")
            seen = decline_what_rang(agent, seen)
    still_takes_a_genuine_call(agent, run_sipp_uac)


def test_hostile_streams_leave_the_agent_alive(make_agent, run_sipp_uac) -> None:
    agent = make_agent("agent1", "secret1", transport="tcp")
    agent.expect("registered", timeout=15)
    port = agent.ready["listen_ports"]["tcp"]
    seen = 0
    for name, build in HOSTILE.items():
        for source_ip in ("127.0.0.2", SERVER_IP):
            send_tcp(as_bytes(build(port, source_ip, "TCP")), port, source_ip)
            alive(agent, "TCP", port, f"{name} from {source_ip}")
            seen = decline_what_rang(agent, seen)
    # half a message on connections left open: the agent does not wait on them
    held = []
    for _ in range(5):
        sock = socket.create_connection((SERVER_IP, port), timeout=3)
        sock.sendall(half(port, SERVER_IP, "TCP"))
        held.append(sock)
    alive(agent, "TCP", port, "half messages left open")
    for sock in held:
        sock.close()
    still_takes_a_genuine_call(agent, run_sipp_uac)
