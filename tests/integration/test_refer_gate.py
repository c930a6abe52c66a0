"""A REFER from the far end is an outbound call like a dial (issue 13, item 1).

A customer (SIPp) in an answered call sends the agent a REFER. By default the agent refuses it
(603); with `accept_refer = true` the target goes through the compliance gate: a blacklisted one
is refused (403) and no INVITE for it reaches the gateway (a SIPp UAS behind Kamailio's route
for +44… numbers); an allowed one becomes a call of its own, in the events and in the journal.
Before the fix pjsua answered every REFER 202 and dialled the target itself.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.agent_fixtures import stop_cleanly
from tests.integration.conftest import LAB_USERS
from tests.integration.lab.kamailio import Kamailio
from tests.integration.lab.sipp import Sipp, start_uac
from tests.integration.lab.tools import free_port
from tests.integration.peers.agent_process import (
    AgentProcess,
    agent_env,
    store_password,
    write_profile,
)

pytestmark = pytest.mark.integration

ANY_HOUR = """
default_region = "GB"
[enterprise]
windows.all = ["00:00-24:00"]
caps = []
"""
LISTED = "+442079460018"  # put on the blacklist by the agent before the REFER
ALLOWED = "+442079460019"


@pytest.fixture
def kamailio(tmp_path: Path) -> Iterator[Kamailio]:
    """The lab's Kamailio, with +44… numbers routed to the gateway (a SIPp UAS) as 9… are."""
    sipp_port = free_port()
    gateway = f"127.0.0.1:{sipp_port}"
    lab = Kamailio(tmp_path / "kamailio", LAB_USERS, {"9": gateway, "[+]44": gateway})
    lab.workdir.mkdir()
    lab.sipp_port = sipp_port  # type: ignore[attr-defined]
    lab.start()
    yield lab
    lab.stop()


@pytest.fixture
def refer_from_customer(kamailio: Kamailio, tmp_path: Path) -> Iterator[Callable[..., Sipp]]:
    started: list[Sipp] = []

    def start(scenario: str, refer_to: str) -> Sipp:
        server = kamailio.server("udp")
        sipp = start_uac(tmp_path, scenario, server, "agent1", keys={"refer_to": refer_to})
        started.append(sipp)
        return sipp

    yield start
    for sipp in started:
        sipp.stop()


@pytest.fixture
def agent_with(kamailio: Kamailio, tmp_path: Path) -> Iterator[Callable[[str], AgentProcess]]:
    """agent_with(policy): agent1, registered, with that compliance.toml."""
    started: list[AgentProcess] = []

    def start(policy: str) -> AgentProcess:
        home = tmp_path / "home"
        sip = {"server": kamailio.server("udp"), "user": "agent1", "register_expires_s": 60}
        folder = write_profile(home / "profile", sip)
        (folder / "compliance.toml").write_text(policy, encoding="utf-8")
        env = agent_env(home)
        store_password(folder, "secret1", env)
        agent = AgentProcess(folder, env)
        started.append(agent)
        agent.expect("registered", timeout=15)
        return agent

    yield start
    stop_cleanly(started)


def _invites_at_gateway(tmp_path: Path) -> list[str]:
    """Request lines of the INVITEs the gateway (SIPp UAS) received."""
    lines = []
    for log in sorted(tmp_path.glob("uas_answer_*_messages.log")):
        text = log.read_text(errors="replace")
        lines += [ln.strip() for ln in text.splitlines() if ln.strip().startswith("INVITE sip:")]
    return lines


def _journal(folder: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(folder / "journal.sqlite") as journal:
        return journal.execute(sql).fetchall()


def _answer_customer(agent: AgentProcess) -> str:
    incoming = agent.expect("incoming", timeout=10)
    agent.send("answer", call=incoming["call"])
    agent.expect("call_state", call=incoming["call"], state="confirmed", timeout=10)
    return str(incoming["call"])


@pytest.mark.parametrize(
    ("policy", "scenario", "reason"),
    [
        (ANY_HOUR, "uac_refer_expect_603.xml", "refer_refused"),
        ("accept_refer = true\n" + ANY_HOUR, "uac_refer_expect_403.xml", "blacklisted"),
    ],
    ids=["not-accepted-by-default", "accepted-but-blacklisted"],
)
def test_a_refused_refer_sends_no_invite(
    agent_with: Callable[[str], AgentProcess],
    sipp_uas: Callable[..., Sipp],
    refer_from_customer: Callable[..., Sipp],
    tmp_path: Path,
    policy: str,
    scenario: str,
    reason: str,
) -> None:
    agent = agent_with(policy)
    agent.send("do_not_call", number=LISTED, reason="asked not to be called again")
    agent.expect("do_not_call", timeout=10)
    gateway = sipp_uas("uas_answer.xml")

    customer = refer_from_customer(scenario, LISTED)
    customer_call = _answer_customer(agent)
    blocked = agent.expect("blocked", timeout=10)
    assert reason in [r["code"] for r in blocked["reasons"]]
    assert LISTED in blocked["number"]
    assert customer.wait(timeout=30) == 0  # the REFER got exactly the code the scenario expects
    agent.expect("call_ended", call=customer_call, timeout=10)

    # A marker: a dial the agent makes now reaches the gateway; an INVITE the REFER had caused
    # would have reached it first.
    agent.send("dial", number=ALLOWED)
    call = agent.expect("call_state", state="confirmed", timeout=15)["call"]
    agent.send("hangup", call=call)
    assert gateway.wait(timeout=20) == 0
    invites = _invites_at_gateway(tmp_path)
    assert len(invites) == 1 and ALLOWED in invites[0], invites
    states = [e for e in agent.events if e.get("event") == "call_state" and e["call"] != call]
    assert all(e["call"] == customer_call for e in states)  # no other call was placed

    assert agent.stop() == 0
    checks = _journal(
        agent.folder, "SELECT detail FROM operations WHERE action = 'compliance_check'"
    )
    refer_checks = [json.loads(d) for (d,) in checks if json.loads(d).get("via") == "refer"]
    assert [c["allowed"] for c in refer_checks] == [False]


def test_an_allowed_refer_is_a_call_of_its_own(
    agent_with: Callable[[str], AgentProcess],
    sipp_uas: Callable[..., Sipp],
    refer_from_customer: Callable[..., Sipp],
    tmp_path: Path,
) -> None:
    agent = agent_with("accept_refer = true\n" + ANY_HOUR)
    gateway = sipp_uas("uas_answer.xml")

    customer = refer_from_customer("uac_refer_expect_202.xml", ALLOWED)
    customer_call = _answer_customer(agent)
    placed = agent.expect("call_state", state="calling", timeout=10)
    assert placed["call"] != customer_call
    assert placed["direction"] == "outbound"
    assert ALLOWED in placed["remote"]
    agent.expect("call_state", call=placed["call"], state="confirmed", timeout=15)
    assert customer.wait(timeout=30) == 0  # 202, then the customer hung up
    agent.send("hangup", call=placed["call"])
    agent.expect("call_ended", call=placed["call"], timeout=10)
    assert gateway.wait(timeout=20) == 0
    assert len(_invites_at_gateway(tmp_path)) == 1

    assert agent.stop() == 0
    records = _journal(
        agent.folder, "SELECT call_id, direction, calling_number, called_number FROM call_records"
    )
    by_direction = {
        direction: (call_id, calling, called) for call_id, direction, calling, called in records
    }
    assert len(records) == 2, records
    assert by_direction["outbound"][2] == ALLOWED
    assert by_direction["inbound"][1] == "+4930123456"
    assert by_direction["outbound"][0] != by_direction["inbound"][0]
    checks = _journal(
        agent.folder, "SELECT detail FROM operations WHERE action = 'compliance_check'"
    )
    refer_checks = [json.loads(d) for (d,) in checks if json.loads(d).get("via") == "refer"]
    assert [(c["allowed"], c["number_e164"]) for c in refer_checks] == [(True, ALLOWED)]


def test_the_agents_blind_transfer_to_a_listed_number_sends_no_refer(
    agent_with: Callable[[str], AgentProcess], far_end_factory: Callable[..., Any]
) -> None:
    """Item 1's second part: the agent's own transfer is an outbound call too."""
    customer = far_end_factory("agent2", "secret2", auto_answer="200")
    colleague = far_end_factory("agent3", "secret3", auto_answer="200")
    agent = agent_with(ANY_HOUR)
    agent.send("do_not_call", number=LISTED, reason="asked not to be called again")
    agent.expect("do_not_call", timeout=10)
    agent.send("dial", number="agent2")
    customer.expect("incoming", timeout=10)
    call = agent.expect("call_state", state="confirmed", timeout=10)["call"]

    agent.send("transfer", to=LISTED, call=call)
    blocked = agent.expect("blocked", timeout=10)
    assert "blacklisted" in [r["code"] for r in blocked["reasons"]]
    # A marker: a transfer to a colleague (exempt) now reaches the customer; a REFER the
    # blocked transfer had sent would have reached it first.
    agent.send("transfer", to="agent3", call=call)
    request = customer.expect("transfer_request", timeout=10)
    assert "agent3" in request["to"] and LISTED not in request["to"]
    colleague.expect("incoming", timeout=10)
    agent.expect("call_ended", call=call, timeout=15)
