"""An agent who logs off while a customer's call rings: the phone says goodbye, it does not crash.

pjsua2 aborted the process (`pjsua_call_set_user_data: Assertion call_id>=0 failed`) when the
agent quit with an inbound call still ringing, 3 of 3 tries: the shutdown tore the call down while
pjsua still held it. The test rings the agent through Kamailio with SIPp and quits, a few times.
"""

from __future__ import annotations

import pytest

from tests.integration.peers.agent_process import AgentProcess


@pytest.mark.parametrize("attempt", range(3))
def test_quit_while_an_inbound_call_rings_is_a_clean_exit(
    make_agent, run_sipp_uac, attempt: int
) -> None:
    agent: AgentProcess = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    uac = run_sipp_uac("uac_call_rings_on.xml", to_user="agent1", background=True)
    incoming = agent.expect("incoming", timeout=10)

    assert agent.stop() == 0, agent.stderr_tail()

    stderr = agent.stderr_tail(100_000)
    assert "Assertion" not in stderr
    ended = agent.seen("call_ended", call=incoming["call"], timeout=1)
    assert ended["hung_up_by"] == "agent"
    assert uac.wait(timeout=20) == 0  # the customer got a final answer, not silence
