"""A stranger who knows a call's Call-ID and tags cannot steer it (issue 13 leftovers, item 1).

A customer (SIPp) calls the agent through the lab's Kamailio and is answered. A second SIPp on
127.0.0.2 — not the registrar — has read the call's Call-ID and tags (as anyone with a SIP trace
or a mirror port could) and sends, straight to the agent's port, inside that call:
- a re-INVITE moving the audio to itself: refused (488, the one refusal pjsua2 allows there);
  before, the agent answered 200 and sent the customer's conversation to the stranger;
- a REFER: refused 403 as the stranger's (before: the policy's answer, as if the customer asked);
- an INVITE with Replaces: refused 403; before, pjsua answered it and hung up on the customer.
The customer's call goes on meanwhile and ends when the agent hangs up.
Not gated (see sip/dialog_trust): an in-dialog BYE, answered before any callback; and pjsip's
dialog takes a target-refresh request's Contact before anyone is asked, so after the refused
re-INVITE the agent's own BYE goes to the stranger's address — the test does not wait for the
customer to hear it.
"""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

from tests.integration.lab.kamailio import Kamailio
from tests.integration.lab.sipp import Sipp, _common
from tests.integration.lab.tools import free_port
from tests.integration.peers.agent_process import AgentProcess

CUSTOMER_TAG = "customer13"
_TO_TAG = re.compile(r"^\s*To:.*;tag=([^;>\s]+)", re.MULTILINE | re.IGNORECASE)


def sipp(
    workdir: Path,
    name: str,
    scenario: str,
    target: str,
    call_id: str,
    keys: dict[str, str],
    local_ip: str = "127.0.0.1",
) -> Sipp:
    """One SIPp UAC call with a Call-ID we know (-cid_str), so a second SIPp can name it."""
    args = [
        *_common(scenario, free_port(), "udp", local_ip=local_ip),
        *("-cid_str", call_id),
        *(arg for key, value in keys.items() for arg in ("-key", key, value)),
        *("-s", "agent1", "-m", "1", target),
    ]
    return Sipp(args, workdir, name)


def agent_tag(workdir: Path, timeout: float = 15.0) -> str:
    """The agent's tag of the customer's call, read from the customer SIPp's message trace."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for trace in workdir.glob("uac_call_until_agent_hangs_up_*_messages.log"):
            text = trace.read_text(errors="replace")
            answered = text.find("SIP/2.0 200")  # the agent's answer (not the proxy's 100)
            found = _TO_TAG.search(text, answered) if answered >= 0 else None
            if found:
                return found.group(1)
        time.sleep(0.2)
    raise AssertionError("the customer's SIPp never saw the agent's tag")


def test_a_stranger_cannot_steer_a_call_it_knows(
    make_agent, kamailio: Kamailio, tmp_path: Path
) -> None:
    agent: AgentProcess = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    call_id = f"leftover-{uuid.uuid4().hex[:12]}"
    tags = {"customer_tag": CUSTOMER_TAG}
    customer = sipp(
        tmp_path, "customer", "uac_call_until_agent_hangs_up.xml", kamailio.server("udp"),
        call_id, tags,
    )  # fmt: skip
    try:
        incoming = agent.expect("incoming", timeout=10)
        agent.send("answer")
        agent.expect("call_state", call=incoming["call"], state="confirmed", timeout=10)
        tags["agent_tag"] = agent_tag(tmp_path)
        straight = f"127.0.0.1:{agent.ready['sip_port']}"
        in_dialog = sipp(
            tmp_path, "stranger", "stranger_in_dialog_reinvite_refer.xml", straight, call_id,
            tags, local_ip="127.0.0.2",
        )  # fmt: skip
        assert in_dialog.wait(timeout=30) == 0  # re-INVITE 488, REFER 403
        replaces = sipp(
            tmp_path, "replaces", "stranger_invite_replaces.xml", straight,
            f"replaces-{uuid.uuid4().hex[:12]}", {**tags, "replaced_call": call_id},
            local_ip="127.0.0.2",
        )  # fmt: skip
        assert replaces.wait(timeout=30) == 0  # 403
        assert not [e for e in agent.events if e.get("event") in ("call_ended", "incoming")][1:]
        agent.send("hangup", call=incoming["call"])
        ended = agent.expect("call_ended", call=incoming["call"], timeout=10)
        assert ended["hung_up_by"] == "agent"  # the customer's call lasted until the agent's end
    finally:
        customer.stop()
    assert agent.stop() == 0
