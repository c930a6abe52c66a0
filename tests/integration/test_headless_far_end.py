"""Mid-call features against a real second SIP phone (a pjsua2 process registered at Kamailio):
DTMF, hold and resume, blind and attended transfer — each checked on the far end's side."""

from __future__ import annotations

from tests.integration.peers.agent_process import AgentProcess


def connected(make_agent, far_end, far_user: str = "agent2") -> tuple[AgentProcess, str]:
    agent = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    agent.send("dial", number=far_user)
    far_end.expect("incoming", timeout=10)
    call = agent.expect("call_state", state="confirmed", timeout=10)["call"]
    return agent, call


def test_inbound_from_a_real_phone_is_answered(make_agent, far_end_factory) -> None:
    agent = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    caller = far_end_factory("agent2", "secret2", auto_answer="none")
    caller.send("call", to="sip:agent1@127.0.0.1")
    incoming = agent.expect("incoming", timeout=10)
    assert incoming["number"] == "agent2"
    agent.send("answer", call=incoming["call"])
    caller.expect("call_state", state="CONFIRMED", timeout=10)
    caller.send("hangup")
    ended = agent.expect("call_ended", call=incoming["call"], timeout=10)
    assert ended["hung_up_by"] == "remote"


def test_dtmf_reaches_the_far_end(make_agent, far_end_factory) -> None:
    far = far_end_factory("agent2", "secret2", auto_answer="200")
    agent, call = connected(make_agent, far)
    agent.send("dtmf", digits="12#", call=call)
    digits = [far.expect("dtmf", timeout=10)["digit"] for _ in range(3)]
    assert digits == ["1", "2", "#"]
    agent.send("hangup")
    agent.expect("call_ended", call=call, timeout=10)


def test_the_customers_keypresses_reach_the_agent(make_agent, far_end_factory) -> None:
    # RFC 4733 digits ride the RTP, which the RTP reader's thread takes in (rtp_reader), not the
    # SIP thread: pjsua2 hands each digit to the SIP thread to report. None lost, none reordered.
    far = far_end_factory("agent2", "secret2", auto_answer="200")
    agent, call = connected(make_agent, far)
    far.send("dtmf", digits="907#")
    digits = [agent.expect("dtmf", call=call, timeout=10)["digit"] for _ in range(4)]
    assert digits == ["9", "0", "7", "#"]
    agent.send("hangup")
    agent.expect("call_ended", call=call, timeout=10)


def test_dtmf_over_sip_info_when_configured(make_agent, far_end_factory) -> None:
    far = far_end_factory("agent2", "secret2", auto_answer="200")
    agent = make_agent("agent1", "secret1", dtmf="info")
    agent.expect("registered", timeout=15)
    agent.send("dial", number="agent2")
    call = agent.expect("call_state", state="confirmed", timeout=10)["call"]
    # An account number typed fast into an IVR: every digit arrives, in order, though the
    # proxy forwards the INFOs from parallel workers.
    digits = "4111222233334444#"
    agent.send("dtmf", digits=digits, call=call)
    got = [far.expect("dtmf", timeout=10) for _ in digits]
    assert "".join(g["digit"] for g in got) == digits
    assert {g.get("method") for g in got} == {"info"}


def test_hold_and_resume_are_seen_by_the_far_end(make_agent, far_end_factory) -> None:
    far = far_end_factory("agent2", "secret2", auto_answer="200")
    agent, call = connected(make_agent, far)
    agent.send("hold", call=call)
    agent.expect("call_state", call=call, state="held", timeout=10)
    far.wait_media_status("remote_hold")
    agent.send("resume", call=call)
    agent.expect("call_state", call=call, state="confirmed", timeout=10)
    far.wait_media_status("active")
    agent.send("hangup")
    agent.expect("call_ended", call=call, timeout=10)


def test_blind_transfer_is_seen_by_the_far_end(make_agent, far_end_factory) -> None:
    customer = far_end_factory("agent2", "secret2", auto_answer="200")
    colleague = far_end_factory("agent3", "secret3", auto_answer="200")
    agent, call = connected(make_agent, customer)
    agent.send("transfer", to="agent3", call=call)
    request = customer.expect("transfer_request", timeout=10)
    assert "agent3" in request["to"]
    colleague.expect("incoming", timeout=10)
    ended = agent.expect("call_ended", call=call, timeout=15)
    assert ended["hung_up_by"] == "agent"  # our leg ends once the colleague has the customer
