"""Calls through Kamailio with SIPp as the far end: what the agent sees, and what SIPp sees."""

from __future__ import annotations

import pytest

from tests.integration.peers.agent_process import AgentProcess


def registered_agent(make_agent, user: str = "agent1", password: str = "secret1") -> AgentProcess:
    agent = make_agent(user, password)
    agent.expect("registered", timeout=15)
    return agent


def test_outbound_call_answered_then_agent_hangs_up(make_agent, sipp_uas) -> None:
    uas = sipp_uas("uas_answer.xml")
    agent = registered_agent(make_agent)
    agent.send("dial", number="9001")
    call = agent.expect("call_state", state="calling")["call"]
    agent.expect("call_state", call=call, state="confirmed", timeout=10)
    agent.send("hangup")
    ended = agent.expect("call_ended", call=call, timeout=10)
    assert ended["hung_up_by"] == "agent"
    assert ended["duration_s"] >= 0
    assert uas.wait(timeout=15) == 0


@pytest.mark.parametrize(("scenario", "code"), [("uas_busy.xml", 486), ("uas_not_found.xml", 404)])
def test_outbound_call_refused(make_agent, sipp_uas, scenario: str, code: int) -> None:
    uas = sipp_uas(scenario)
    agent = registered_agent(make_agent)
    agent.send("dial", number="9002")
    ended = agent.expect("call_ended", timeout=10)
    assert ended["code"] == code
    assert ended["duration_s"] == 0
    assert uas.wait(timeout=15) == 0


def test_outbound_call_nobody_answers(make_agent, sipp_uas) -> None:
    uas = sipp_uas("uas_no_answer.xml")
    agent = registered_agent(make_agent)
    agent.send("dial", number="9003")
    call = agent.expect("call_state", state="ringing", timeout=10)["call"]
    agent.send("hangup", call=call)
    ended = agent.expect("call_ended", call=call, timeout=10)
    assert ended["code"] == 487  # the INVITE was cancelled
    assert uas.wait(timeout=15) == 0


def test_outbound_to_an_unregistered_user_is_not_found(make_agent) -> None:
    agent = registered_agent(make_agent)
    agent.send("dial", number="sip:nobody@127.0.0.1")
    assert agent.expect("call_ended", timeout=10)["code"] == 404


def test_inbound_call_answered_and_caller_hangs_up(make_agent, run_sipp_uac) -> None:
    agent = registered_agent(make_agent)
    uac = run_sipp_uac("uac_call_and_hangup.xml", to_user="agent1", background=True)
    incoming = agent.expect("incoming", timeout=10)
    assert incoming["number"] and incoming["from"]
    agent.send("answer")
    agent.expect("call_state", call=incoming["call"], state="confirmed", timeout=10)
    ended = agent.expect("call_ended", call=incoming["call"], timeout=20)
    assert ended["hung_up_by"] == "remote"
    assert ended["duration_s"] > 0
    assert uac.wait(timeout=20) == 0


def test_inbound_call_rejected_busy(make_agent, run_sipp_uac) -> None:
    agent = registered_agent(make_agent)
    uac = run_sipp_uac("uac_call_expect_reject.xml", to_user="agent1", background=True)
    incoming = agent.expect("incoming", timeout=10)
    agent.send("reject")
    ended = agent.expect("call_ended", call=incoming["call"], timeout=10)
    assert ended["code"] == 486
    assert uac.wait(timeout=20) == 0


def test_caller_gives_up_while_ringing_is_a_missed_call(make_agent, run_sipp_uac) -> None:
    agent = registered_agent(make_agent)
    uac = run_sipp_uac("uac_call_cancel.xml", to_user="agent1", background=True)
    incoming = agent.expect("incoming", timeout=10)
    ended = agent.expect("call_ended", call=incoming["call"], timeout=20)
    assert ended["code"] == 487
    assert ended["hung_up_by"] == "remote"
    assert ended["duration_s"] == 0
    assert uac.wait(timeout=20) == 0
