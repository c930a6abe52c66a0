"""The journal's disk fills up (or another program holds it) mid-shift: the agent says so, calls
go on, nothing is lost.

The agent's file-size limit is lowered from outside (`prlimit`, RLIMIT_FSIZE, as a quota or a
full disk would refuse the next write: SQLite gets EFBIG and reports an I/O error). Before, the
refused COMMIT left its transaction open, every later write failed with "cannot start a
transaction within a transaction", and nobody was told. Now a `journal_error` event says it, the
writes wait in memory in order, and once the disk takes writes again they land.
"""

from __future__ import annotations

import resource
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.integration.peers.agent_process import AgentProcess

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="prlimit is Linux's")


def call_records(folder: Path) -> int:
    with sqlite3.connect(f"file:{folder / 'journal.sqlite'}?mode=ro", uri=True) as db:
        return int(db.execute("SELECT count(*) FROM call_records").fetchone()[0])


def missed_call(agent: AgentProcess, run_sipp_uac) -> str:
    """A customer calls and hangs up while it rings; the call's key."""
    uac = run_sipp_uac("uac_call_cancel.xml", to_user="agent1", background=True)
    incoming = agent.expect("incoming", timeout=10)
    agent.expect("call_ended", call=incoming["call"], timeout=20)
    assert uac.wait(timeout=20) == 0
    return str(incoming["call"])


@pytest.mark.allow_error_log  # the agent logs the refused write as ERROR, by design
def test_a_full_disk_is_said_calls_go_on_and_nothing_is_lost(make_agent, run_sipp_uac) -> None:
    agent: AgentProcess = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    missed_call(agent, run_sipp_uac)
    agent.send("status", status="break", reason="lunch")  # a write that waits for the executor
    agent.expect("status", status="break", timeout=10)

    wal = agent.folder / "journal.sqlite-wal"
    pid = agent.proc.pid
    _, hard = resource.prlimit(pid, resource.RLIMIT_FSIZE)
    resource.prlimit(pid, resource.RLIMIT_FSIZE, (wal.stat().st_size, hard))  # the disk is full
    try:
        second = missed_call(agent, run_sipp_uac)  # the call itself goes on as ever
        trouble = agent.seen("journal_error", timeout=10)
        assert trouble["path"].endswith("journal.sqlite")
        assert trouble["message"]
        assert call_records(agent.folder) == 1  # the first call is still there
    finally:
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, hard))

    agent.seen("journal_recovered", timeout=15)
    assert agent.stop() == 0
    assert call_records(agent.folder) == 2, f"call {second} was lost"


@pytest.mark.allow_error_log  # the agent logs the refused write as ERROR, by design
def test_a_journal_held_by_another_program_does_not_hold_up_calls(make_agent, run_sipp_uac) -> None:
    """A backup tool or an SQLite shell holds the journal's write lock. The SIP thread wrote the
    journal itself before and waited out SQLite's busy timeout (10 s) on the offer: the caller
    heard no ringback for 10 s (SIPp gives up after 5). Now the call goes on; the writes wait."""
    agent: AgentProcess = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    agent.send("status", status="available")  # an offer then moves the status: a write
    agent.expect("status", status="available", timeout=10)
    holder = sqlite3.connect(agent.folder / "journal.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # the write lock, held
    try:
        uac = run_sipp_uac("uac_call_cancel_prompt.xml", to_user="agent1", background=True)
        incoming = agent.expect("incoming", timeout=10)
        assert uac.wait(timeout=30) == 0  # CANCEL answered at once
        agent.expect("call_ended", call=incoming["call"], timeout=10)
        agent.seen("journal_error", timeout=20)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    agent.seen("journal_recovered", timeout=20)
    assert agent.stop() == 0
    assert call_records(agent.folder) == 1  # the call waited for the journal, and is in it
