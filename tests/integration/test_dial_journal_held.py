"""A dial does not wait on the journal (issue 13 leftovers, item 2).

The outbound desk wrote its compliance verdict into the operation log on the dialling thread:
with the journal's write lock held by another program (a backup tool, an SQLite shell) a dial
waited out SQLite's busy timeout (10 s) before its INVITE left, and the verdict was then lost.
Now the verdict is queued on the journal executor: the INVITE goes out at once, and the
`compliance_check` row lands once the other program lets go.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.integration.peers.agent_process import AgentProcess

# SQLite's busy timeout is 10 s: a dial that waits on it is seen `calling` after that.
CALLING_WITHIN_S = 6


def dial_checks(folder: Path) -> list[dict[str, object]]:
    with sqlite3.connect(f"file:{folder / 'journal.sqlite'}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT detail FROM operations WHERE action = 'compliance_check'")
        details = [json.loads(row[0]) for row in rows]
    return [detail for detail in details if detail.get("via") == "dial"]


@pytest.mark.allow_error_log  # the agent logs the refused write as ERROR, by design
def test_a_dial_goes_out_while_another_program_holds_the_journal(make_agent, sipp_uas) -> None:
    uas = sipp_uas("uas_answer.xml")
    agent: AgentProcess = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    holder = sqlite3.connect(agent.folder / "journal.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # the write lock, held
    try:
        agent.send("dial", number="9001")
        call = agent.expect("call_state", state="calling", timeout=CALLING_WITHIN_S)["call"]
        agent.expect("call_state", call=call, state="confirmed", timeout=10)
        assert dial_checks(agent.folder) == []  # still waiting for the lock, in memory
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    agent.send("hangup", call=call)
    agent.expect("call_ended", call=call, timeout=10)
    assert uas.wait(timeout=15) == 0
    assert agent.stop() == 0  # the executor writes what waits before the agent ends
    checks = dial_checks(agent.folder)
    assert len(checks) == 1 and checks[0]["allowed"] is True, checks
