"""The compliance gate in front of the headless agent's dial (issue: the outbound compliance
gate): a blocked number gets a `blocked` event with its reasons and no INVITE; "do not call"
blacklists at once; every check lands in the operation log."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.integration.lab.kamailio import Kamailio
from tests.integration.peers.agent_process import (
    AgentProcess,
    agent_env,
    store_password,
    write_profile,
)

pytestmark = pytest.mark.integration

# A policy that allows public calls at any hour, so what these tests see does not depend on the
# time of day they run at (rest periods have their own table-driven tests).
ANY_HOUR = """
default_region = "GB"
[enterprise]
windows.all = ["00:00-24:00"]
caps = []
"""
CUSTOMER = "020 7946 0018"  # a London number, written the national way
CUSTOMER_E164 = "+442079460018"


@pytest.fixture
def agent(tmp_path: Path, kamailio: Kamailio) -> Any:
    yield from _agent(tmp_path, kamailio, ANY_HOUR)


def _agent(tmp_path: Path, kamailio: Kamailio, policy: str) -> Any:
    home = tmp_path / "home"
    folder = write_profile(home / "profile", {"server": kamailio.server("udp"), "user": "agent1"})
    (folder / "compliance.toml").write_text(policy, encoding="utf-8")
    env = agent_env(home)
    store_password(folder, "secret1", env)
    running = AgentProcess(folder, env)
    running.expect("registered", timeout=15)
    yield running
    running.stop()


def _operations(folder: Path, action: str) -> list[dict[str, Any]]:
    with sqlite3.connect(folder / "journal.sqlite") as journal:
        rows = journal.execute(
            "SELECT detail FROM operations WHERE action = ? ORDER BY at", (action,)
        ).fetchall()
    return [json.loads(detail) for (detail,) in rows]


def test_an_allowed_number_is_dialled_and_a_do_not_call_number_is_blocked(
    agent: AgentProcess,
) -> None:
    agent.send("dial", number=CUSTOMER)
    agent.expect("call_state", state="calling", timeout=10)
    agent.expect("call_ended", timeout=15)  # nobody behind that number in the lab: 404

    agent.send("do_not_call", number=CUSTOMER, reason="asked not to be called again")
    listed = agent.expect("do_not_call", timeout=10)
    assert listed["number_e164"] == CUSTOMER_E164

    agent.send("dial", number=CUSTOMER)
    blocked = agent.expect("blocked", timeout=10)
    assert blocked["number"] == CUSTOMER
    assert "blacklisted" in [r["code"] for r in blocked["reasons"]]
    assert all(r["text"] for r in blocked["reasons"])
    assert blocked["callee_zones"] == ["Europe/London"]
    assert blocked["callee_local_time"]
    assert blocked["next_allowed_at"] is None  # time alone will not lift a blacklisting
    agent.send("levels")  # a marker: everything the dial caused is written before its answer
    agent.expect("audio_levels", timeout=10)
    calling = [
        e for e in agent.events if e.get("event") == "call_state" and e["state"] == "calling"
    ]
    assert len(calling) == 1  # the blocked dial sent no INVITE

    assert agent.stop() == 0
    checks = _operations(agent.folder, "compliance_check")
    assert [c["allowed"] for c in checks] == [True, False]
    assert _operations(agent.folder, "blacklist_add")[0]["number"] == CUSTOMER_E164


def test_an_unparseable_number_is_blocked_with_a_reason_that_says_so(agent: AgentProcess) -> None:
    agent.send("dial", number="+44 12")
    blocked = agent.expect("blocked", timeout=10)
    assert blocked["reasons"][0]["code"].startswith("invalid")
    assert "number" in blocked["reasons"][0]["text"].lower()


def test_do_not_call_needs_a_phone_number_and_a_reason(agent: AgentProcess) -> None:
    agent.send("do_not_call", number="agent2", reason="colleague")
    assert "not a phone number" in agent.expect("error", timeout=10)["message"]
    agent.send("do_not_call", number=CUSTOMER)
    assert "reason" in agent.expect("error", timeout=10)["message"]


def test_a_call_in_progress_counts_against_the_cap(tmp_path: Path, kamailio: Kamailio) -> None:
    """Two dials a moment apart: the first call is not in the journal yet (it has not ended),
    yet it counts, so a cap of one call per 5 minutes blocks the second."""
    one_call = ANY_HOUR.replace("caps = []", "caps = [{calls = 1, per = '5m'}]")
    for agent in _agent(tmp_path, kamailio, one_call):
        agent.send("dial", number=CUSTOMER)
        agent.send("dial", number=CUSTOMER)
        blocked = agent.expect("blocked", timeout=10)
        assert [r["code"] for r in blocked["reasons"]] == ["cap"]
        assert blocked["next_allowed_at"]  # five minutes after the first dial
        assert agent.stop() == 0
        checks = _operations(agent.folder, "compliance_check")
        assert [c["allowed"] for c in checks] == [True, False]
