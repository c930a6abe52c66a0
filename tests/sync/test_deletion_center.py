"""A deletion request from the admin to the real center (SQLite and PostgreSQL) and on to the
agent: the number is matched by its E.164 key on both sides — a national "138 0013 8000" is
+8613800138000, +4930123456 is not +49301234567 — it has at least 7 digits, and the agent erases
it from its journal (no copy left in the file), its outbox and its log files while it keeps
logging."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from softphone.central.models import Call, Event
from softphone.journal.outbox import BULK
from softphone.journal.records import JournalWriter
from softphone.journal.retention import profile_log_files
from softphone.journal.store import Journal
from softphone.logs import setup_logging
from softphone.protocol import CallRecord
from tests.sync.center_lab import AGENT, LabCenter, admin_token, client_for, worker_for

pytestmark = pytest.mark.integration
NOW = datetime.now(timezone.utc) - timedelta(minutes=5)


def journal_call(journal: Journal, call_id: str, number: str, inbound: bool = False) -> None:
    writer = JournalWriter(journal, AGENT)
    record = CallRecord(
        call_id=call_id,
        direction="inbound" if inbound else "outbound",
        terminal="ann@pbx",
        calling_number=number if inbound else AGENT,
        called_number=AGENT if inbound else number,
        start_time=NOW,
        end_time=NOW + timedelta(seconds=30),
        connected=True,
        duration_s=28.0,
    )
    user = number if number.startswith("+") else number.replace(" ", "")
    writer.call_ended(record, sip_trace=f"INVITE sip:{user}@pbx SIP/2.0")
    writer.call_wrapped_up(call_id, remarks="ok")


def send_everything(journal: Journal, center: LabCenter) -> None:
    worker, client = worker_for(journal, center), client_for(center)
    while worker.drain(client, BULK):
        pass


def ask_deletion(center: LabCenter, token: str, number: str) -> httpx.Response:
    return httpx.post(
        f"{center.url}/api/v1/deletion-requests",
        json={"number": number},
        headers={"Authorization": f"Bearer {token}"},
    )


def central_calls(center: LabCenter) -> set[str]:
    with center.database.reading() as session:
        return set(session.scalars(select(Call.call_id)))


def central_payloads(center: LabCenter) -> list[tuple[str | None, dict[str, Any]]]:
    with center.database.reading() as session:
        return [
            (r.call_id, r.payload) for r in session.execute(select(Event.call_id, Event.payload))
        ]


@pytest.fixture
def agent_log(journal: Journal) -> Iterator[Path]:
    """The agent's log file as the running agent writes it (the profile's agent.log)."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    path = journal.path.parent / "agent.log"
    setup_logging("INFO", path)
    yield path
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_a_national_number_is_erased_by_its_e164_key_at_the_center_and_on_the_agent(
    center: LabCenter, journal: Journal, agent_log: Path
) -> None:
    journal_call(journal, "dialled", "138 0013 8000")  # as the agent typed it
    journal_call(journal, "caller", "+8613800138000", inbound=True)
    journal_call(journal, "neighbour", "+8613800138001")
    log = logging.getLogger("softphone.tests.deletion")
    log.warning("dialling 138 0013 8000 for the callback")
    log.warning("registered as ann")
    check_log = journal.path.parent / "check.log"
    check_log.write_text("probe sip:013800138000@pbx\nspeaker ok\n", encoding="utf-8")
    center.start()
    send_everything(journal, center)
    assert central_calls(center) == {"dialled", "caller", "neighbour"}

    token = admin_token(center)
    answer = ask_deletion(center, token, "138 0013 8000")  # the admin types it nationally

    assert answer.status_code == 201, answer.text
    report = answer.json()
    assert report["subject"] == "+8613800138000" and report["removed"]["calls"] == 2
    assert central_calls(center) == {"neighbour"}
    assert not any("13800138000" in json.dumps(p) for _, p in central_payloads(center))

    worker, client = worker_for(journal, center), client_for(center)
    assert worker.pull_deltas(client) == 1
    log.warning("a line after the erasure")

    kept = {row[0] for row in journal.query("SELECT call_id FROM call_records")}
    assert kept == {"neighbour"}
    raw = journal.path.read_bytes() + journal.path.with_name("journal.sqlite-wal").read_bytes()
    assert b"13800138000" not in raw, "the number is still in the journal file"
    text = agent_log.read_text(encoding="utf-8")
    assert "a line after the erasure" in text and "registered as ann" in text
    assert "138 0013 8000" not in text
    assert check_log.read_text(encoding="utf-8") == "speaker ok\n"
    assert check_log in profile_log_files(journal.path.parent)


def test_a_longer_number_is_someone_else_and_a_short_one_is_refused(
    center: LabCenter, journal: Journal
) -> None:
    journal_call(journal, "subject", "+4930123456")
    journal_call(journal, "longer", "+49301234567")
    journal_call(journal, "short", "+49305")
    center.start()
    send_everything(journal, center)
    token = admin_token(center)
    longer_events = [p for c, p in central_payloads(center) if c == "longer"]
    assert longer_events

    assert ask_deletion(center, token, "+4930123456").status_code == 201

    assert central_calls(center) == {"longer", "short"}
    assert [p for c, p in central_payloads(center) if c == "longer"] == longer_events
    refused = ask_deletion(center, token, "+49305")
    assert refused.status_code == 422 and "7 digits" in refused.text
    assert central_calls(center) == {"longer", "short"}  # nothing erased on a doubtful match


def test_a_log_file_held_by_another_program_does_not_stall_the_blacklist(
    center: LabCenter, journal: Journal
) -> None:
    from softphone.journal.meta import Meta
    from softphone.protocol import BlacklistDelta
    from softphone.sync.worker import DELTA_VERSION

    folder = journal.path.parent
    held_log = folder / "agent.log"
    held_log.write_text("probe sip:+8613800138000@pbx\nspeaker ok\n", encoding="utf-8")
    # agent.log cannot be rewritten, as when a log viewer holds it open on Windows
    (folder / "agent.log.scrub").mkdir()
    journal_call(journal, "caller", "+8613800138000", inbound=True)
    center.start()
    token = admin_token(center)
    assert ask_deletion(center, token, "+8613800138000").status_code == 201
    listed = httpx.post(
        f"{center.url}/api/v1/admin/blacklist",
        json={"add": ["+8613900139000"]},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert listed.status_code == 200, listed.text
    deltas: list[BlacklistDelta] = []
    worker = worker_for(journal, center, on_blacklist_delta=deltas.append)
    client = client_for(center)

    assert worker.pull_deltas(client) == 1  # no exception: the lane goes on

    assert deltas[-1].added == ["+8613900139000"], "the blacklist must not wait for the file"
    assert int(Meta(journal).get(DELTA_VERSION) or 0) == deltas[-1].version
    assert journal.query("SELECT call_id FROM call_records") == []  # the journal is done
    assert "+8613800138000" in held_log.read_text(encoding="utf-8")  # not yet the file

    (folder / "agent.log.scrub").rmdir()  # the other program let go of it
    assert worker.pull_deltas(client) == 0
    assert held_log.read_text(encoding="utf-8") == "speaker ok\n"
    from softphone.sync.deletions import PENDING_SCRUBS

    assert Meta(journal).get(PENDING_SCRUBS) is None  # nothing left to try again


@pytest.mark.parametrize("center_db", ["sqlite"], indirect=True)
def test_the_running_agent_scrubs_its_own_log_file_and_keeps_logging_into_it(
    center: LabCenter, tmp_path: Path
) -> None:
    import time

    from tests.central.server import PASSWORD
    from tests.integration.peers.agent_process import (
        AgentProcess,
        agent_env,
        store_password,
        write_profile,
    )

    center.start()
    folder = write_profile(
        tmp_path / "profile", {"user": AGENT}, central={"url": center.url, "user": AGENT}
    )
    env = agent_env(tmp_path / "home")
    store_password(folder, PASSWORD, env, for_="central")
    agent_log, check_log = folder / "agent.log", folder / "check.log"
    agent_log.write_text("yesterday: dialling +8613800138000\n", encoding="utf-8")
    check_log.write_text("probe sip:013800138000@pbx\nspeaker ok\n", encoding="utf-8")
    assert ask_deletion(center, admin_token(center), "+8613800138000").status_code == 201

    agent = AgentProcess(folder, env)  # its first delta pull brings the request
    try:
        deadline = time.monotonic() + 30
        # the line the agent logs right after the scrub, through the handler it rewrote under
        while "deletion request carried out" not in agent_log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, "no log line reached agent.log after the scrub"
            time.sleep(0.1)
    finally:
        assert agent.stop() == 0
    assert "13800138000" not in agent_log.read_text(encoding="utf-8")
    assert check_log.read_text(encoding="utf-8") == "speaker ok\n"
