"""SRTP keys never leave the call: the SIP trace journaled (and uploaded to the center) shows
the crypto suites negotiated, not the `inline:` keys that would decrypt a capture of the RTP."""

from __future__ import annotations

import re
import sqlite3

import pytest

pytestmark = pytest.mark.integration


def test_the_journaled_sip_trace_keeps_no_srtp_key(make_agent, far_end_factory) -> None:
    far_end_factory("agent2", "secret2", auto_answer="200", srtp="mandatory")
    agent = make_agent("agent1", "secret1", srtp="mandatory")
    agent.expect("registered", timeout=15)
    agent.send("dial", number="agent2")
    call = agent.expect("call_state", state="confirmed", timeout=10)["call"]
    agent.send("hangup", call=call)
    agent.expect("call_ended", call=call, timeout=10)
    assert agent.stop() == 0
    with sqlite3.connect(agent.folder / "journal.sqlite") as journal:
        (trace,) = journal.execute("SELECT text FROM sip_traces").fetchone()
    assert trace.count("a=crypto:") >= 2  # our offer and the far end's answer are there …
    assert "inline:[redacted]" in trace
    assert not re.search(r"inline:(?!\[redacted\])", trace)  # … their keys are not
