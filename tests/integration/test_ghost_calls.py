"""Only the agent's own server rings it: requests sent straight to its port by anyone else (SIP
scanners: "100" calling at night) get 403 and leave no trace but a counted log line.

The lab's Kamailio is 127.0.0.1; the stranger sends from 127.0.0.2 (any loopback address works
on Linux), straight to the agent's port, as SIPVicious does.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.integration.lab.sipp import start_uac
from tests.integration.peers import stranger
from tests.integration.peers.agent_process import AgentProcess

pytestmark = pytest.mark.integration

CALLER = "+4930123456"  # the genuine caller of the lab's SIPp scenarios


def registered(make_agent, **sip: object) -> AgentProcess:
    agent = make_agent("agent1", "secret1", **sip)
    agent.expect("registered", timeout=15)
    return agent


def call_rows(agent: AgentProcess) -> list[tuple[object, ...]]:
    with sqlite3.connect(agent.folder / "journal.sqlite") as journal:
        return journal.execute("SELECT direction, calling_number FROM call_records").fetchall()


def test_a_strangers_invite_gets_403_and_never_rings(
    make_agent, run_sipp_uac, tmp_path: Path
) -> None:
    agent = registered(make_agent)
    port = agent.ready["sip_port"]
    scanner = start_uac(
        tmp_path,
        "uac_stranger_invite_forbidden.xml",
        f"127.0.0.1:{port}",
        "agent1",
        local_ip="127.0.0.2",
    )
    assert scanner.wait(timeout=30) == 0  # it got its 403
    # the genuine caller, through the registrar, still rings the agent
    caller = run_sipp_uac("uac_call_expect_reject.xml", to_user="agent1")
    incoming = agent.expect("incoming", timeout=15)
    assert incoming["number"] == CALLER
    agent.send("reject")
    agent.expect("call_ended", call=incoming["call"], timeout=10)
    assert caller.wait(timeout=20) == 0
    assert agent.stop() == 0
    rang = [e for e in agent.events if e["event"] in ("incoming", "call_state", "call_ended")]
    assert all(CALLER in str(e.get("from", e.get("remote", CALLER))) for e in rang), rang
    assert len(call_rows(agent)) == 1, call_rows(agent)  # only the genuine call is journaled
    log = agent.stderr_tail(1_000_000)
    assert "WARNING" in log and "refused 1 SIP request(s)/connection(s)" in log
    assert "INVITE from 127.0.0.2" in log


def test_an_sbc_in_trusted_sources_may_ring_the_agent(make_agent) -> None:
    agent = registered(make_agent, trusted_sources="127.0.0.2, 10.9.0.0/16")
    port = agent.ready["sip_port"]
    stranger.send_udp(stranger.invite(port), ("127.0.0.1", port))
    incoming = agent.expect("incoming", timeout=10)
    assert incoming["number"] == "100"
    agent.send("reject")
    agent.expect("call_ended", call=incoming["call"], timeout=10)


def test_strangers_subscriptions_and_notifications_are_not_taken(make_agent) -> None:
    """pjsua answered both with 200: a stranger could watch the agent's presence, or light a
    voicemail lamp. (OPTIONS and MESSAGE are answered 200 inside pjsua before any hook of the
    wheel's: see README "Who may ring the agent".)"""
    agent = registered(make_agent)
    port = agent.ready["sip_port"]
    where = ("127.0.0.1", port)
    subscribe = stranger.request(
        "SUBSCRIBE", port, extra_headers="Event: presence\r\nExpires: 60\r\n"
    )
    assert stranger.final_answer_udp(subscribe, where).startswith("SIP/2.0 403")
    notify = stranger.request(
        "NOTIFY",
        port,
        extra_headers="Event: message-summary\r\nSubscription-State: active\r\n",
        body="Messages-Waiting: yes\r\n",
        content_type="application/simple-message-summary",
    )
    assert not stranger.final_answer_udp(notify, where, timeout=2).startswith("SIP/2.0 2")


def test_the_readiness_report_counts_refused_requests(make_agent) -> None:
    agent = registered(make_agent)
    port = agent.ready["sip_port"]
    for _ in range(3):
        reply = stranger.final_answer_udp(stranger.invite(port), ("127.0.0.1", port))
        assert reply.startswith("SIP/2.0 403"), reply
    agent.send("check")
    report = agent.expect("readiness", timeout=60)
    (strangers,) = [c for c in report["checks"] if c["name"] == "sip_strangers"]
    assert strangers["status"] == "warn"
    assert strangers["value"] == 3
    assert "127.0.0.2" in strangers["summary"]
    assert "trusted_sources" in strangers["fix"]


def test_the_password_answers_only_the_servers_realm(make_agent, sipp_uas) -> None:
    """A far end that challenges the agent's INVITE for a realm of its own gets no digest of
    the agent's password (which it could crack offline): the call fails with its 407."""
    uas = sipp_uas("uas_challenge_foreign_realm.xml")
    agent = registered(make_agent)
    agent.send("dial", number="9001")
    ended = agent.expect("call_ended", timeout=20)
    assert ended["code"] == 407, ended
    uas.proc.wait(timeout=20)  # its exit code says only whether a second INVITE came
    sipp_saw = uas.out_path.parent.glob("*_messages.log")
    seen = "".join(p.read_text(errors="replace") for p in sipp_saw)
    assert "INVITE sip:9001" in seen
    assert "Proxy-Authorization" not in seen and "Authorization:" not in seen


def test_a_server_with_another_realm_is_named_in_the_log(make_agent) -> None:
    """The password no longer answers any realm: a profile whose server's realm is not the
    domain fails to register, and the log says which realm to set."""
    agent = make_agent("agent1", "secret1", realm="asterisk")
    failed = agent.expect("registration_failed", timeout=15)
    assert failed["code"] == 401
    log = agent.stderr_tail(1_000_000)
    assert "asks for a password for realm '127.0.0.1'" in log
    assert "set [sip] realm = '127.0.0.1'" in log
