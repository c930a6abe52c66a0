"""Where the agent listens, and who may hold its connections.

One listener, of the account's transport, on the address facing the server: not every interface,
no UDP listener for a TCP/TLS account, and no loopback "doorbell" transport a local user could
send SIP through. Connections strangers open do not pass for the registrar's, and more of them
than pjlib's select() loop holds cannot take the agent down.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import time

import pytest

from tests.integration.peers import stranger
from tests.integration.peers.agent_process import AgentProcess

pytestmark = pytest.mark.integration

CALLER = "+4930123456"


def agent_sockets(agent: AgentProcess, flags: str) -> list[list[str]]:
    ss = shutil.which("ss")
    assert ss, "ss (iproute2) is needed to list the agent's sockets"
    out = subprocess.run([ss, flags], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines() if f"pid={agent.proc.pid}," in line]


def sockets_of(agent: AgentProcess, kind: str) -> list[str]:
    """Local addresses of the agent's sockets open to anyone: UDP (kind "u") not connected to
    one peer, or listening TCP ("t")."""
    if kind == "u":
        found = [f for f in agent_sockets(agent, "-Huanp") if f[0] == "UNCONN"]
    else:
        found = agent_sockets(agent, "-Htlnp")
    return sorted(fields[3] for fields in found)


def private_doorbells(agent: AgentProcess) -> list[tuple[str, str]]:
    """(local, peer) of UDP sockets connected to one peer: the doorbell and its ringer."""
    found = [f for f in agent_sockets(agent, "-Huanp") if f[0] == "ESTAB"]
    return sorted((f[3], f[4]) for f in found)


def registered(make_agent, transport: str = "udp") -> AgentProcess:
    agent = make_agent("agent1", "secret1", transport=transport)
    agent.expect("registered", timeout=15)
    return agent


def test_a_udp_agent_listens_once_on_the_address_facing_the_server(make_agent) -> None:
    agent = registered(make_agent)
    port = agent.ready["sip_port"]
    agent.send("dial", number="sip:nobody@127.0.0.1")  # commands wake the loop at once …
    assert agent.expect("call_ended", timeout=10)["code"] == 404
    assert sockets_of(agent, "u") == [f"127.0.0.1:{port}"]  # no 0.0.0.0, no doorbell
    assert sockets_of(agent, "t") == []
    ((_, bell),) = private_doorbells(agent)  # … by ringing that same socket
    assert bell == f"127.0.0.1:{port}"
    # what that means on the wire: the agent's port on another address is closed
    options = stranger.request("OPTIONS", port, source_ip="127.0.0.1")
    assert stranger.final_answer_udp(options, ("127.0.0.2", port), "127.0.0.1", 2) == ""


@pytest.mark.parametrize("transport", ["tcp", "tls"])
def test_a_tcp_or_tls_agent_has_no_udp_listener(make_agent, transport: str) -> None:
    agent = registered(make_agent, transport)
    assert sockets_of(agent, "u") == []
    assert sockets_of(agent, "t") == [f"127.0.0.1:{agent.ready['listen_ports'][transport]}"]
    # its doorbell is a pair of loopback sockets connected to each other, deaf to the rest:
    (bell, ringer), (ringer_back, bell_back) = private_doorbells(agent)
    assert {bell, ringer} == {bell_back, ringer_back}
    for address in (bell, ringer):  # a local user's SIP gets no answer from either
        ip, _, port = address.rpartition(":")
        options = stranger.request("OPTIONS", int(port), source_ip="127.0.0.1")
        assert stranger.final_answer_udp(options, (ip, int(port)), "127.0.0.1", 2) == ""
    agent.send("dial", number="sip:nobody@127.0.0.1")
    assert agent.expect("call_ended", timeout=10)["code"] == 404


def open_connections(port: int, count: int) -> list[socket.socket]:
    held = []
    for _ in range(count):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.2", 0))
        sock.settimeout(2)
        try:
            sock.connect(("127.0.0.1", port))
        except OSError:
            sock.close()
            continue
        held.append(sock)
    return held


def close_all(held: list[socket.socket]) -> None:
    for sock in held:
        with contextlib.suppress(OSError):
            sock.close()


def test_strangers_connections_coming_and_going_are_not_the_registrars(make_agent) -> None:
    agent = registered(make_agent, "tcp")
    port = agent.ready["listen_ports"]["tcp"]
    for _ in range(3):
        close_all(open_connections(port, 10))
    # the registrar's own connection still carries a genuine call
    agent.send("dial", number="sip:nobody@127.0.0.1")
    assert agent.expect("call_ended", timeout=10)["code"] == 404
    assert agent.stop() == 0
    assert "connection to the registrar lost" not in agent.stderr_tail(1_000_000)
    assert not [e for e in agent.events if e["event"] == "registration_failed"]


@pytest.mark.parametrize("transport", ["tcp", "tls"])
def test_more_connections_than_select_holds_do_not_take_the_agent_down(
    make_agent, run_sipp_uac, transport: str
) -> None:
    """Strangers open 120 connections and hold them (over TLS they never even say hello)."""
    agent = registered(make_agent, transport)
    port = agent.ready["listen_ports"][transport]
    held = open_connections(port, 120)
    try:
        for sock in held:  # a request on each, so the agent has to read them all
            with contextlib.suppress(OSError):
                sock.sendall(stranger.request("OPTIONS", port, proto="TCP").encode())
        time.sleep(2)  # let the agent take them all in (nothing to poll for: it must not die)
        assert agent.proc.poll() is None, agent.stderr_tail()
        if transport == "tcp":  # the server (127.0.0.1) may still open a connection of its own
            options = stranger.request("OPTIONS", port, source_ip="127.0.0.1", proto="TCP")
            reply = stranger.final_answer_tcp(options, ("127.0.0.1", port), "127.0.0.1", 5)
            assert reply.startswith("SIP/2.0 200"), reply
        # a customer's call through the registrar rings, while strangers hold the listener
        caller = run_sipp_uac("uac_call_expect_reject.xml", to_user="agent1")
        incoming = agent.expect("incoming", timeout=15)
        assert incoming["number"] == CALLER
        agent.send("reject")
        assert caller.wait(timeout=20) == 0
    finally:
        close_all(held)
    assert agent.stop() == 0
    log = agent.stderr_tail(1_000_000)
    if transport == "tcp":
        assert re.search(r"refused \d+ SIP request\(s\)/connection\(s\)", log)
    assert "connection to the registrar lost" not in log
