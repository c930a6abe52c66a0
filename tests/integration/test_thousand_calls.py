"""1,000 consecutive short calls in one agent process (DESIGN.md: the conference-slot leak).

Without a sound-device clock, PJSIP before 2.16 leaks a conference slot per unbridged call and
answers every call after the 253rd with 488. The agent keeps every call bridged; this proves it.
"""

from __future__ import annotations

import pytest

CALLS = 1000


@pytest.mark.slow
def test_a_thousand_consecutive_calls(make_agent, sipp_uas) -> None:
    uas = sipp_uas("uas_answer.xml", calls=CALLS)
    agent = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    failures = []
    for n in range(CALLS):
        agent.send("dial", number="9001")
        confirmed = agent.expect("call_state", state="confirmed", timeout=10)
        agent.send("hangup", call=confirmed["call"])
        ended = agent.expect("call_ended", call=confirmed["call"], timeout=10)
        if ended["hung_up_by"] != "agent":
            failures.append((n, ended))
    assert failures == []
    assert uas.wait(timeout=30) == 0
    assert agent.stop() == 0
    assert "Assertion" not in agent.stderr_tail(10_000_000)
