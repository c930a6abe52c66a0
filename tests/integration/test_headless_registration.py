"""The headless agent registers as IT configured it, and says clearly when it cannot."""

from __future__ import annotations

import signal
import time

import pytest

from tests.integration.peers.agent_process import AgentProcess


@pytest.mark.parametrize("transport", ["udp", "tcp", "tls"])
def test_registers_over_each_transport(make_agent, kamailio, transport: str) -> None:
    agent = make_agent("agent1", "secret1", transport=transport)
    registered = agent.expect("registered", timeout=15)
    assert registered["expires_s"] > 0
    assert registered["ts"].endswith("Z")
    assert agent.stop() == 0
    agent.expect("unregistered", timeout=1)
    assert "Assertion" not in agent.stderr_tail(100_000)


def test_wrong_password_is_reported_and_not_hammered(make_agent) -> None:
    agent = make_agent("agent2", "not-the-password")
    failed = agent.expect("registration_failed", timeout=15)
    assert failed["code"] in (401, 403)
    assert failed["retry_in_s"] is None  # retrying a wrong password only locks accounts
    time.sleep(3)
    assert [e for e in agent.events if e["event"] == "registered"] == []
    assert agent.stop() == 0


def test_tls_refuses_a_server_it_cannot_verify(make_agent) -> None:
    agent = make_agent("agent1", "secret1", transport="tls", ca_file="")
    failed = agent.expect("registration_failed", timeout=20)
    assert failed["code"] >= 400
    assert agent.stop() == 0


def test_bad_input_gets_an_error_and_the_agent_keeps_working(make_agent) -> None:
    agent = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    agent.send_raw("{this is not json")
    assert "not JSON" in agent.expect("error")["message"]
    agent.send("fly")
    assert "unknown command" in agent.expect("error", cmd="fly")["message"]
    agent.send_raw('["dial"]')
    agent.expect("error")
    agent.send("dial")
    assert "number" in agent.expect("error", cmd="dial")["message"]
    agent.send("dial", number="call mom")  # the compliance gate answers: no INVITE
    assert "is not a phone number" in agent.expect("blocked")["reasons"][0]["text"]
    agent.send("hangup")
    assert "no call" in agent.expect("error", cmd="hangup")["message"]
    agent.send("dtmf", digits="12x")
    agent.expect("error", cmd="dtmf")
    # still alive and obeying
    assert agent.proc.poll() is None
    assert agent.stop() == 0
    assert all(line.startswith("{") for line in agent.raw_lines)


def test_end_of_input_is_a_clean_exit(make_agent) -> None:
    agent = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    assert agent.proc.stdin is not None
    agent.proc.stdin.close()
    assert agent.proc.wait(20) == 0
    assert "Assertion" not in agent.stderr_tail(100_000)


def test_sigterm_is_a_clean_exit(make_agent) -> None:
    agent = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    agent.proc.send_signal(signal.SIGTERM)
    assert agent.proc.wait(20) == 0
    agent.expect("unregistered", timeout=2)


def test_reregisters_after_the_registrar_restarts(make_agent, kamailio) -> None:
    agent = make_agent("agent1", "secret1", transport="tcp")
    agent.expect("registered", timeout=15)
    kamailio.restart()
    # The TCP connection drops with the old registrar; the agent must come back by itself.
    agent.expect("registered", timeout=40)
    assert agent.stop() == 0


def test_quits_cleanly_when_the_registrar_is_gone(make_agent, kamailio) -> None:
    agent = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    kamailio.stop()
    started = time.monotonic()
    assert agent.stop() == 0
    assert time.monotonic() - started < 15
    assert "Assertion" not in agent.stderr_tail(100_000)


def test_quits_cleanly_while_registration_is_pending(make_agent_unstarted, free_udp_port) -> None:
    # Nobody listens on that port: the REGISTER is still being retransmitted when we quit.
    agent: AgentProcess = make_agent_unstarted(server=f"127.0.0.1:{free_udp_port}")
    time.sleep(1)
    assert agent.stop() == 0
    assert "Assertion" not in agent.stderr_tail(100_000)


def test_a_busy_registrar_is_retried_when_it_says(make_agent_unstarted, tmp_path) -> None:
    from tests.integration.lab.sipp import start_uas
    from tests.integration.lab.tools import free_port

    port = free_port()
    registrar = start_uas(tmp_path, "uas_register_503_then_200.xml", port, calls=2)
    agent: AgentProcess = make_agent_unstarted(server=f"127.0.0.1:{port}")
    failed = agent.expect("registration_failed", timeout=10)
    assert failed["code"] == 503
    assert failed["retry_in_s"] == 3  # the server's Retry-After, not our own back-off
    registered = agent.expect("registered", timeout=10)
    gap = _seconds(registered["ts"]) - _seconds(failed["ts"])
    assert 2.5 <= gap <= 5
    registrar.stop()
    assert agent.stop() == 0


def _seconds(ts: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp()
