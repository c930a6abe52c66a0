""" "The customer asked not to be called" reaches every agent of the center (issue 13, item 1).

Two headless agents sync to one real center (SQLite and PostgreSQL). Agent A marks a number
do-not-call; the center makes it a blacklist entry of its own (who, when, why), and agent B's
dial to that number is blocked from B's next blacklist delta on. Before the fix the center kept
A's mark only as an operation-log line and B could go on calling the customer.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from softphone.central.blacklist import entries_of
from softphone.central.users import create_user
from tests.central.server import PASSWORD, PASSWORD_HASH
from tests.integration.peers.agent_process import (
    AgentProcess,
    agent_env,
    store_password,
    write_profile,
)
from tests.sync.center_lab import AGENT, LabCenter

pytestmark = pytest.mark.integration

OTHER_AGENT = "bob"
CUSTOMER = "+442079460018"
REASON = "asked not to be called again"
ANY_HOUR = """
default_region = "GB"
[enterprise]
windows.all = ["00:00-24:00"]
caps = []
"""
# A's mark reaches the center on A's next bulk round (seconds); B learns of the new blacklist
# version from its next heartbeat's answer and pulls the delta at once. The lab center's
# offline_after_s of 30 s makes a heartbeat every 10 s (30 s by default); before, B waited for
# its config pull, every minute. Room for a slow, shared machine on top.
NEXT_SYNC_S = 40.0


def _agent(tmp_path: Path, center: LabCenter, user: str) -> AgentProcess:
    central = {"url": center.url, "user": user}
    folder = write_profile(tmp_path / user / "profile", {"user": user}, central=central)
    (folder / "compliance.toml").write_text(ANY_HOUR, encoding="utf-8")
    env = agent_env(tmp_path / user / "home")
    store_password(folder, PASSWORD, env, for_="central")
    agent = AgentProcess(folder, env)
    agent.expect("sync", timeout=20, connected=True)
    return agent


def _dial_verdict(agent: AgentProcess) -> str:
    """`blocked`, or `error` for a dial the gate let through (this agent has no SIP account)."""
    agent.send("dial", number=CUSTOMER)
    return str(agent.expect_first(("blocked", "error"), timeout=10)["event"])


def test_one_agents_do_not_call_blocks_every_agents_dial(center: LabCenter, tmp_path: Path) -> None:
    with center.database.writing() as session:
        create_user(session, OTHER_AGENT, "agent", PASSWORD_HASH, ["sales"])
    center.start()
    ann = _agent(tmp_path, center, AGENT)
    bob = _agent(tmp_path, center, OTHER_AGENT)
    try:
        assert _dial_verdict(bob) == "error"  # allowed by bob's gate: "no SIP account"

        ann.send("do_not_call", number=CUSTOMER, reason=REASON)
        ann.expect("do_not_call", timeout=10)
        marked_at = time.monotonic()
        while (verdict := _dial_verdict(bob)) != "blocked":
            assert time.monotonic() - marked_at < NEXT_SYNC_S, "bob may still call the customer"
            time.sleep(1.0)
        delay = time.monotonic() - marked_at
        print(f"\ndo-not-call from {AGENT} to {OTHER_AGENT}'s gate: {delay:.1f} s")
        assert verdict == "blocked"
        blocked = bob.events[-1] if bob.events[-1]["event"] == "blocked" else bob.seen("blocked")
        assert "blacklisted" in [r["code"] for r in blocked["reasons"]]
    finally:
        assert ann.stop() == 0
        assert bob.stop() == 0

    with center.database.reading() as session:
        entries = entries_of(session, CUSTOMER)
    assert [(e["op"], e["who"], e["reason"]) for e in entries] == [("add", AGENT, REASON)]
    assert entries[0]["at"] is not None
