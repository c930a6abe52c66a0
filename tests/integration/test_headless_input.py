"""A broken controller cannot take the headless agent down or hold up its calls.

Bytes that are not UTF-8, a 10 MB line, or a controller that stops reading stdout: each gets an
`error` event (or waits its turn), the agent runs on, and a customer's call through Kamailio is
still handled while it happens. Before, a bad byte ended the agent (a traceback, exit 1), and an
unread stdout stalled the SIP thread on its first event: a ringing call could not even be
cancelled.
"""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from collections.abc import Callable

from tests.integration.peers.agent_process import AgentProcess


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout}s: {what}")
        time.sleep(0.05)


def registered(make_agent) -> AgentProcess:
    agent: AgentProcess = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    return agent


def test_bytes_that_are_not_utf8_get_an_error_and_the_agent_runs_on(make_agent) -> None:
    agent = registered(make_agent)
    agent.send_bytes(b'{"cmd": "set_status", "status": "\xff\xfe"}\n')
    error = agent.expect("error", timeout=10)
    assert "UTF-8" in error["message"]
    agent.send("status", status="break", reason="lunch")
    agent.expect("status", status="break", timeout=10)
    assert agent.stop() == 0


def test_a_ten_megabyte_line_gets_an_error_and_a_call_still_rings(make_agent, run_sipp_uac) -> None:
    agent = registered(make_agent)
    agent.send_raw('{"cmd": "dial", "number": "' + "5" * 10_000_000 + '"}')
    error = agent.expect("error", timeout=20)
    assert "too long" in error["message"]
    uac = run_sipp_uac("uac_call_cancel.xml", to_user="agent1", background=True)
    agent.expect("incoming", timeout=10)
    assert uac.wait(timeout=20) == 0
    assert agent.stop() == 0


def test_a_controller_that_stops_reading_does_not_hold_up_calls(make_agent, run_sipp_uac) -> None:
    agent = registered(make_agent)
    agent.pause_reading()
    # Far more events than a pipe holds (64 KiB): every unknown command gets an `error`.
    flood = threading.Thread(
        target=lambda: agent.send_bytes(b'{"cmd": "no_such_command"}\n' * 3_000), daemon=True
    )
    flood.start()
    flood.join(30)
    assert not flood.is_alive(), "the agent stopped reading its commands"

    # The customer calls, hears it ring and gives up: the agent must see the CANCEL through.
    uac = run_sipp_uac("uac_call_cancel.xml", to_user="agent1", background=True)
    assert uac.wait(timeout=30) == 0

    agent.resume_reading()
    ended = agent.seen("call_ended", timeout=30)  # waited its turn: nothing was lost
    assert ended["code"] == 487
    assert len([e for e in agent.events if e["event"] == "error"]) == 3_000
    assert agent.stop() == 0


def test_a_controller_that_never_reads_again_still_lets_the_agent_quit(make_agent) -> None:
    agent = registered(make_agent)
    agent.pause_reading()
    agent.send_bytes(b'{"cmd": "no_such_command"}\n' * 3_000)  # the stdout pipe fills up
    agent.proc.send_signal(signal.SIGTERM)
    try:
        code = agent.proc.wait(20)
    except subprocess.TimeoutExpired:
        raise AssertionError("still running 20 s after SIGTERM") from None
    assert code == 0, agent.stderr_tail()
    assert "Fatal Python error" not in agent.stderr_tail(100_000)
