"""RFC 4475 / RFC 5118 torture messages thrown at the agent's SIP port: it stays up and useful.

Each message goes as one UDP datagram, and over TCP for an agent registered over TCP. After every
message the agent must still answer an OPTIONS; a torture INVITE that the stack accepts as a call
is declined by the agent like any unwanted call (nothing may leak: the wheel allows only 4 calls).
At the end the agent still takes a real call.
"""

from __future__ import annotations

import contextlib
import socket
from pathlib import Path

import pytest

from tests.integration.peers.agent_process import AgentProcess

TORTURE = Path(__file__).resolve().parents[1] / "data" / "sip-torture"  # from ../shared/testdata
MESSAGES = sorted(p for p in TORTURE.glob("rfc*/*") if p.is_file())

OPTIONS = (
    "OPTIONS sip:agent@127.0.0.1 SIP/2.0\r\n"
    "Via: SIP/2.0/{proto} 127.0.0.1:{port};branch=z9hG4bK-probe-{n}\r\n"
    "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=probe{n}\r\n"
    "To: <sip:agent@127.0.0.1>\r\nCall-ID: probe-{n}@127.0.0.1\r\nCSeq: 1 OPTIONS\r\n"
    "Content-Length: 0\r\n\r\n"
)


def options_answered_udp(port: int, n: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(3)
        local = sock.getsockname()[1]
        sock.sendto(OPTIONS.format(proto="UDP", port=local, n=n).encode(), ("127.0.0.1", port))
        try:
            reply = sock.recv(65535).decode(errors="replace")
        except TimeoutError:
            return False
    return reply.startswith("SIP/2.0 200")


def options_answered_tcp(port: int, n: int) -> bool:
    """An OPTIONS over a new connection from the server's address (a TCP/TLS agent has no UDP
    listener)."""
    with socket.create_connection(("127.0.0.1", port), timeout=3) as sock:
        sock.sendall(OPTIONS.format(proto="TCP", port=sock.getsockname()[1], n=n).encode())
        try:
            reply = sock.recv(65535).decode(errors="replace")
        except TimeoutError:
            return False
    return reply.startswith("SIP/2.0 200")


def send_tcp(port: int, payload: bytes) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=3) as sock:
        sock.sendall(payload)
        sock.settimeout(0.3)
        with contextlib.suppress(TimeoutError, ConnectionError):
            sock.recv(65535)


def decline_stray_calls(agent: AgentProcess, seen: int) -> int:
    """Reject every incoming call the torture produced; returns how many events were read."""
    for event in agent.events[seen:]:
        if event["event"] == "incoming":
            agent.send("reject", call=event["call"])
    return len(agent.events)


def test_the_corpus_is_there() -> None:
    assert len(MESSAGES) >= 61, f"torture messages missing under {TORTURE}"


def test_udp_torture_leaves_the_agent_alive(make_agent, sipp_uas) -> None:
    agent = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    port = agent.ready["sip_port"]
    seen = 0
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for n, path in enumerate(MESSAGES):
            sock.sendto(path.read_bytes()[:65000], ("127.0.0.1", port))
            assert options_answered_udp(port, n), f"no OPTIONS answer after {path.name}"
            seen = decline_stray_calls(agent, seen)
            assert agent.proc.poll() is None, f"agent died on {path.name}"
    assert_takes_a_real_call(agent, sipp_uas)


def test_tcp_torture_leaves_the_agent_alive(make_agent, sipp_uas) -> None:
    agent = make_agent("agent1", "secret1", transport="tcp")
    agent.expect("registered", timeout=15)
    tcp_port = agent.ready["listen_ports"]["tcp"]
    seen = 0
    for n, path in enumerate(MESSAGES):
        send_tcp(tcp_port, path.read_bytes())
        assert options_answered_tcp(tcp_port, n), f"dead after {path.name}"
        seen = decline_stray_calls(agent, seen)
    assert_takes_a_real_call(agent, sipp_uas)


def assert_takes_a_real_call(agent: AgentProcess, sipp_uas) -> None:
    uas = sipp_uas("uas_answer.xml")
    agent.send("dial", number="9001")
    call = agent.expect("call_state", state="confirmed", timeout=15)["call"]
    agent.send("hangup", call=call)
    agent.expect("call_ended", call=call, timeout=10)
    assert uas.wait(timeout=15) == 0
    assert agent.stop() == 0
    assert "Assertion" not in agent.stderr_tail(1_000_000)


pytestmark = pytest.mark.integration
