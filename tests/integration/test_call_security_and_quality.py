"""SRTP as the settings say, quality figures during and after a call, and attended transfer."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("far_srtp", ["optional", "mandatory"])
def test_mandatory_srtp_connects_with_a_peer_that_speaks_it(
    make_agent, far_end_factory, far_srtp: str
) -> None:
    far_end_factory("agent2", "secret2", auto_answer="200", srtp=far_srtp)
    agent = make_agent("agent1", "secret1", srtp="mandatory")
    agent.expect("registered", timeout=15)
    agent.send("dial", number="agent2")
    call = agent.expect("call_state", state="confirmed", timeout=10)["call"]
    agent.send("hangup", call=call)
    assert agent.expect("call_ended", call=call, timeout=10)["hung_up_by"] == "agent"


def test_mandatory_srtp_refuses_a_plain_rtp_peer(make_agent, far_end_factory) -> None:
    far_end_factory("agent2", "secret2", auto_answer="200", srtp="off")
    agent = make_agent("agent1", "secret1", srtp="mandatory")
    agent.expect("registered", timeout=15)
    agent.send("dial", number="agent2")
    ended = agent.expect("call_ended", timeout=15)
    assert ended["code"] >= 400  # never an unencrypted call when IT asked for SRTP
    assert not [e for e in agent.events if e.get("state") == "confirmed"]


def test_quality_is_sampled_during_the_call_and_kept_at_its_end(make_agent, far_end_factory):
    far_end_factory("agent2", "secret2", auto_answer="200", tone_hz=800)
    agent = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    agent.send("dial", number="agent2")
    call = agent.expect("call_state", state="confirmed", timeout=10)["call"]
    sample = agent.expect("quality", call=call, timeout=8)
    assert sample["codec"].upper().startswith(("PCMU", "PCMA", "G722"))
    assert 4.0 <= sample["mos"] <= 4.5  # loopback: a clean line
    assert sample["loss_pct"] == 0 and sample["jitter_ms"] < 20
    agent.send("hangup", call=call)
    ended = agent.expect("call_ended", call=call, timeout=10)
    assert ended["quality"]["mos"] >= 4.0
    assert ended["duration_s"] >= 5


def test_attended_transfer_connects_the_customer_to_the_colleague(make_agent, far_end_factory):
    customer = far_end_factory("agent2", "secret2", auto_answer="200")
    colleague = far_end_factory("agent3", "secret3", auto_answer="200")
    agent = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    agent.send("dial", number="agent2")
    first = agent.expect("call_state", state="confirmed", timeout=10)["call"]
    agent.send("hold", call=first)
    agent.expect("call_state", call=first, state="held", timeout=10)
    agent.send("dial", number="agent3")
    second = agent.expect("call_state", state="confirmed", timeout=10)["call"]
    colleague.expect("incoming", timeout=5)
    agent.send("attended_transfer", call=first, to_call=second)
    request = customer.expect("transfer_request", timeout=10)
    assert "Replaces" in request["to"] or "agent3" in request["to"]
    # The customer calls the colleague with Replaces: the colleague's phone swaps our leg for
    # the customer (ending it from its side), and our REFER reports success, ending the first.
    assert 200 <= agent.seen("transfer", call=first, final=True, timeout=15)["code"] < 300
    assert agent.seen("call_ended", call=first, timeout=15)["hung_up_by"] == "agent"
    assert agent.seen("call_ended", call=second, timeout=15)["hung_up_by"] == "remote"
    customer.expect("call_state", state="CONFIRMED", timeout=5)  # customer ↔ colleague
    assert any(e.get("code") == 410 for e in colleague.events)  # our leg was replaced
