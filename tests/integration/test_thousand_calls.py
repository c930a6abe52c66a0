"""1,000 consecutive short calls in one agent process (DESIGN.md: the conference-slot leak).

Without a sound-device clock, PJSIP before 2.16 leaks a conference slot per unbridged call and
answers every call after the 253rd with 488. The agent keeps every call bridged; this proves it.
"""

from __future__ import annotations

import time

import pytest

from softphone.sip.pace import MAX_CALLS_PER_WINDOW, WINDOW_S

CALLS = 1000
# Just slower than the agent's cap; the margin absorbs scheduling jitter on a busy CI machine.
SPACING_S = WINDOW_S / MAX_CALLS_PER_WINDOW + 0.015
TOO_FAST = "too fast"
MAX_PACED_REFUSALS = CALLS // 100


@pytest.mark.slow
def test_a_thousand_consecutive_calls(make_agent, sipp_uas) -> None:
    # SIPp's whole-run limit must outlast 1,000 paced calls (~2 minutes) with room to spare. On a
    # loaded machine SIPp counts a late retransmission as a call of its own, so it may serve a
    # few more than we place; what is asserted is that every call of ours connected.
    uas = sipp_uas("uas_answer.xml", calls=CALLS + 50, timeout_s=int(CALLS * SPACING_S * 3))
    agent = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    failures = []
    refusals = 0
    for n in range(CALLS):
        started = time.monotonic()
        while not _dial(agent):
            # The agent's documented answer to a burst: wait a second and dial again.
            refusals += 1
            assert refusals <= MAX_PACED_REFUSALS, "the agent refuses dials at a human pace"
            time.sleep(WINDOW_S)
        confirmed = agent.expect("call_state", state="confirmed", timeout=10)
        agent.send("hangup", call=confirmed["call"])
        ended = agent.expect("call_ended", call=confirmed["call"], timeout=10)
        if ended["hung_up_by"] != "agent" or ended["code"] != 200:
            failures.append((n, ended))
        time.sleep(max(0.0, SPACING_S - (time.monotonic() - started)))
    assert failures == []
    assert uas.proc.poll() is None, f"SIPp gave up before our last call:\n{uas.output()}"
    uas.stop()
    assert agent.stop() == 0
    assert "Assertion" not in agent.stderr_tail(10_000_000)


def _dial(agent) -> bool:
    """Dial once; False when the agent refused it for pace (nothing was sent to the network)."""
    agent.send("dial", number="9001")
    first = agent.expect_first(("call_state", "error"))
    if first["event"] == "error":
        assert TOO_FAST in first["message"], first
        return False
    return True
