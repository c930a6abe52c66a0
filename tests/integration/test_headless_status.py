"""The headless agent's status and wrap-up contract through Kamailio and SIPp, and what the
profile's journal holds afterwards."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from softphone.journal.meta import Meta
from softphone.journal.store import journal_path, open_journal
from softphone.protocol import AgentConfig, WrapUpConfig
from tests.integration.lab.tools import wait_for
from tests.integration.peers.agent_process import AGENT_CMD, AgentProcess


def registered(make_agent, **sip) -> AgentProcess:  # type: ignore[no-untyped-def]
    agent = make_agent("agent1", "secret1", **sip)
    agent.expect("registered", timeout=15)
    return agent


def journal_rows(agent: AgentProcess, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(journal_path(agent.folder)) as conn:
        return [tuple(row) for row in conn.execute(sql)]


def test_status_commands_and_refusals(make_agent) -> None:
    agent = registered(make_agent)
    first = agent.seen("status", timeout=5)
    assert (first["status"], first["reason"]) == ("offline", None) and first["since"]
    agent.send("status", status="available")
    agent.expect("status", status="available")
    agent.send("status", status="break", reason="lunch")
    on_break = agent.expect("status", status="break")
    assert on_break["reason"] == "lunch"
    agent.send("status", status="break", reason="l" * 257)
    assert "reason may be at most 256" in agent.expect("error", cmd="status")["message"]
    agent.send("status", status="break", reason="siesta")
    assert "not a break reason" in agent.expect("error", cmd="status")["message"]
    agent.send("status", status="on_call")
    assert "cannot go from break to on_call" in agent.expect("error", cmd="status")["message"]
    agent.send("wrap_up_done")
    assert "not in wrap-up" in agent.expect("error", cmd="wrap_up_done")["message"]
    assert agent.stop() == 0
    statuses = journal_rows(agent, "SELECT status, reason FROM status_intervals ORDER BY start")
    assert statuses == [
        ("offline", None),
        ("available", None),
        ("break", "lunch"),
        ("offline", None),
    ]


def test_failed_outbound_call_wrap_up_and_record(make_agent, sipp_uas) -> None:
    uas = sipp_uas("uas_busy.xml")
    agent = registered(make_agent)
    agent.send("status", status="available")
    agent.expect("status", status="available")
    agent.send("dial", number="9002")
    agent.expect("status", status="on_call")
    ended = agent.expect("call_ended")
    agent.expect("status", status="wrap_up")
    wrap_up = agent.expect("wrap_up", call=ended["call"])
    assert wrap_up["deadline"] and wrap_up["mode"] == "timed"
    agent.send("wrap_up_done", remarks="x" * 4001)  # the center would refuse it for good
    refused = agent.expect("error", cmd="wrap_up_done")["message"]
    assert "remarks may be at most 4,000 characters" in refused
    agent.send("wrap_up_done", remarks="line busy, try later", disposition="busy")
    agent.expect("status", status="available")
    assert uas.wait(timeout=15) == 0
    assert agent.stop() == 0
    (record,) = journal_rows(
        agent,
        "SELECT direction, called_number, connected, remarks, disposition, end_reason,"
        " wrapped_up FROM call_records",
    )
    assert record == ("outbound", "9002", 0, "line busy, try later", "busy", "486 Busy Here", 1)
    assert journal_rows(agent, "SELECT count(*) FROM sip_traces")[0][0] == 1


def test_inbound_calls_missed_in_a_row_put_the_agent_in_not_ready(make_agent, run_sipp_uac) -> None:
    agent = registered(make_agent)
    agent.send("status", status="available")
    agent.expect("status", status="available")
    for _ in range(2):  # the default: 2 unanswered offers
        uac = run_sipp_uac("uac_call_cancel.xml", to_user="agent1", background=True)
        incoming = agent.expect("incoming", timeout=10)
        agent.expect("status", status="ringing")
        agent.expect("call_ended", call=incoming["call"], timeout=20)
        assert uac.wait(timeout=20) == 0
    not_ready = agent.expect("status", status="not_ready")
    assert not_ready["reason"] == "missed calls"
    agent.stop()


def test_mandatory_wrap_up_from_the_last_pulled_config(
    make_agent, sipp_uas, tmp_path: Path
) -> None:
    uas = sipp_uas("uas_answer.xml")
    agent = registered(make_agent)
    agent.stop()
    # The config pulled from the center earlier stays in force offline.
    journal = open_journal(journal_path(agent.folder))
    config = AgentConfig(version="7", wrap_up=WrapUpConfig(mode="timed_mandatory", seconds=2))
    Meta(journal).store_config(config.model_dump(mode="json"), '"7"')
    journal.close()
    agent = AgentProcess(agent.folder, agent.env)
    agent.expect("registered", timeout=15)
    agent.send("dial", number="9001")
    call = agent.expect("call_state", state="confirmed", timeout=10)["call"]
    agent.send("hangup", call=call)
    wrap_up = agent.expect("wrap_up", call=call, timeout=10)
    assert wrap_up["mode"] == "timed_mandatory"
    agent.send("wrap_up_done", remarks="too early")
    assert "mandatory" in agent.expect("error", cmd="wrap_up_done")["message"]
    agent.expect("status", status="available", timeout=5)  # by itself at the deadline
    assert uas.wait(timeout=15) == 0
    agent.stop()


def test_a_call_shows_at_the_center_while_it_lasts_then_its_record(
    kamailio, sipp_uas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from softphone.central.models import AgentState, Call
    from tests.central.server import PASSWORD
    from tests.integration.peers.agent_process import agent_env, store_password, write_profile
    from tests.sync.center_lab import make_center

    center = make_center(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    center.start()
    try:
        folder = write_profile(
            tmp_path / "profile",
            {"server": kamailio.server("udp"), "user": "agent1", "register_expires_s": 60},
        )
        with (folder / "softphone.toml").open("a", encoding="utf-8") as settings:
            settings.write(f'\n[central]\nurl = "{center.url}"\nuser = "ann"\n')
        env = agent_env(tmp_path / "home")
        store_password(folder, "secret1", env)
        subprocess.run(
            [*AGENT_CMD, "credentials", "set", "--profile", str(folder), "--for", "central"],
            input=PASSWORD + "\n", text=True, env=env, check=True, capture_output=True,
        )  # fmt: skip
        uas = sipp_uas("uas_answer.xml")
        agent = AgentProcess(folder, env)
        agent.expect("registered", timeout=15)
        agent.send("dial", number="9001")
        call = agent.expect("call_state", state="confirmed", timeout=10)["call"]

        def current_call() -> str | None:
            with center.database.reading() as session:
                state = session.scalar(select(AgentState))
                return state.current_call if state is not None else None

        wait_for(lambda: current_call() is not None, 10, "the call at the center")
        agent.send("hangup", call=call)
        agent.expect("wrap_up", call=call, timeout=10)
        agent.send("wrap_up_done", remarks="sold", disposition="sale")
        agent.expect("status", status="available")

        def record() -> tuple[object, ...] | None:
            with center.database.reading() as session:
                row = session.scalar(select(Call))
                return (row.called_number, row.remarks, row.end_time is not None) if row else None

        wait_for(lambda: record() == ("9001", "sold", True), 10, "the call's record")
        assert current_call() is None
        assert uas.wait(timeout=15) == 0
        agent.stop()
    finally:
        center.close()
