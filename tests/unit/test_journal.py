"""The local journal: schema and WAL, records with their outbox rows, time in status across a
restart, retention, the deletion request, a damaged file, the compliance gate's history."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from softphone.compliance.blacklist import BlacklistStore
from softphone.compliance.gate import Gate
from softphone.compliance.policy import Policy
from softphone.journal.history import PAST_CALLS, JournalHistory
from softphone.journal.meta import Meta
from softphone.journal.outbox import BULK, PRIORITY, Outbox, enqueue
from softphone.journal.records import JournalWriter
from softphone.journal.retention import forget_number, purge_old_calls
from softphone.journal.schema import MIGRATIONS
from softphone.journal.store import JournalCorrupt, JournalError, open_journal, set_aside
from softphone.protocol import AgentStatus, CallRecord, EventKind, QualitySummary, StatusChange

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
CN = "+8613800138000"


def call(call_id: str, called: str, start: datetime, **kw: object) -> CallRecord:
    fields: dict[str, object] = {
        "call_id": call_id,
        "direction": "outbound",
        "terminal": "agent7@pbx",
        "calling_number": "agent7",
        "called_number": called,
        "start_time": start,
        "end_time": start + timedelta(seconds=40),
        "connected": True,
        "duration_s": 35.0,
        "hung_up_by": "customer",
    }
    fields.update(kw)
    return CallRecord(**fields)  # type: ignore[arg-type]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite"


def test_new_journal_is_wal_at_the_latest_schema(path: Path) -> None:
    journal = open_journal(path)
    assert journal.journal_mode == "wal"
    assert journal.schema_version == len(MIGRATIONS)
    assert {"call_records", "operations", "status_intervals", "outbox"} <= set(
        journal.db.table_names()
    )
    journal.close()
    again = open_journal(path)  # reopening migrates nothing and loses nothing
    assert again.schema_version == len(MIGRATIONS)


def test_a_journal_from_a_newer_app_is_refused(path: Path) -> None:
    open_journal(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(JournalError, match="newer softphone"):
        open_journal(path)


def test_call_record_keeps_every_field_and_goes_out_after_wrap_up(path: Path) -> None:
    journal = open_journal(path)
    writer = JournalWriter(journal, "agent7")
    outbox = Outbox(journal)
    record = call(
        "k1",
        "+4930123456",
        NOW,
        answer_time=NOW + timedelta(seconds=5),
        skill_group="sales",
        satisfaction=4,
        voicemail=False,
        quality=QualitySummary(mos=4.3, loss_pct=0.1, jitter_ms=3.0, rtt_ms=20.0, codec="PCMU"),
    )
    record_id = writer.call_ended(record, sip_trace="INVITE sip:+4930123456@pbx SIP/2.0")
    kinds = [e.kind.value for e in outbox.take(BULK, 10)]
    assert "call_record" not in kinds  # remarks may still come
    assert {"sip_trace", "operation"} <= set(kinds)
    sent = writer.call_wrapped_up("k1", remarks="wants a callback", disposition="sale")
    assert sent is not None
    events = {e.id: e for e in outbox.take(BULK, 10)}
    payload = events[record_id].payload
    assert CallRecord.model_validate(payload) == record.model_copy(
        update={"remarks": "wants a callback", "disposition": "sale"}
    )
    assert writer.call_wrapped_up("k1", remarks="again") is None  # once only


def test_records_left_in_wrap_up_by_a_crash_are_sent_on_the_next_start(path: Path) -> None:
    writer = JournalWriter(open_journal(path), "agent7")
    writer.call_ended(call("k1", "100", NOW))
    writer.journal.close()
    reopened = JournalWriter(open_journal(path), "agent7")
    assert reopened.release_unwrapped() == 1
    assert [e.kind.value for e in Outbox(reopened.journal).take(BULK, 10)].count("call_record") == 1


def test_status_changes_take_the_priority_lane_and_keep_intervals(path: Path) -> None:
    journal = open_journal(path)
    writer = JournalWriter(journal, "agent7")
    writer.status_changed(StatusChange(status=AgentStatus.AVAILABLE, since=NOW))
    writer.status_changed(
        StatusChange(status=AgentStatus.BREAK, reason="lunch", since=NOW + timedelta(minutes=10))
    )
    lane = Outbox(journal).take(PRIORITY, 10)
    assert [e.payload["status"] for e in lane] == ["available", "break"]
    journal.close()
    # a restart: the figures come from the file, not from memory
    writer = JournalWriter(open_journal(path), "agent7")
    spent = writer.time_in_status(NOW, NOW + timedelta(minutes=40))
    assert spent == {"available": 600.0, "break": 1800.0}


def test_a_crash_closes_the_running_interval_when_the_agent_was_last_alive(path: Path) -> None:
    writer = JournalWriter(open_journal(path), "agent7")
    writer.status_changed(StatusChange(status=AgentStatus.AVAILABLE, since=NOW))
    Meta(writer.journal).mark_alive(NOW + timedelta(minutes=3))
    alive = Meta(writer.journal).alive_at()
    assert alive is not None
    writer.close_running_interval(alive)
    assert writer.running_interval() is None
    assert writer.time_in_status(NOW, NOW + timedelta(hours=1)) == {"available": 180.0}


def test_outbox_rows_go_only_when_acknowledged_and_parked_rows_stay_visible(path: Path) -> None:
    journal = open_journal(path)
    writer = JournalWriter(journal, "agent7")
    ids = [writer.operation("login", {"n": n}, NOW) for n in range(5)]
    outbox = Outbox(journal)
    assert [e.id for e in outbox.take(BULK, 3)] == ids[:3]
    assert outbox.acknowledge(ids[:2]) == 2
    outbox.park([(ids[2], "detail: not a valid object")])
    assert [e.id for e in outbox.take(BULK, 10)] == ids[3:]
    assert [(p.id, p.error) for p in outbox.parked()] == [(ids[2], "detail: not a valid object")]
    assert outbox.retry_parked() == 1
    assert outbox.waiting() == 3


def test_corrected_time_follows_the_measured_skew(path: Path) -> None:
    journal = open_journal(path)
    writer = JournalWriter(journal, "agent7")
    before = writer.operation("login", {}, NOW)
    Meta(journal).store_clock_skew(-2.5)
    after = writer.operation("logout", {}, NOW)
    events = {e.id: e for e in Outbox(journal).take(BULK, 10, skew_s=4.0)}
    assert events[after].corrected_time == NOW - timedelta(seconds=2.5)
    assert events[before].corrected_time == NOW + timedelta(seconds=4)  # filled in when sent
    assert events[before].device_time == NOW


def test_retention_purges_old_call_data_but_keeps_the_logs(path: Path) -> None:
    journal = open_journal(path)
    writer = JournalWriter(journal, "agent7")
    old, recent = NOW - timedelta(days=200), NOW - timedelta(days=10)
    writer.call_ended(call("old", "100", old), sip_trace="INVITE old")
    writer.call_ended(call("new", "200", recent), sip_trace="INVITE new")
    writer.operation("login", {}, old)
    erased = purge_old_calls(journal, NOW, days=183)
    assert (erased.call_records, erased.sip_traces) == (1, 1)
    assert [r["call_id"] for r in journal.query("SELECT call_id FROM call_records")] == ["new"]
    assert journal.scalar("SELECT count(*) FROM operations WHERE action = 'login'") == 1


def test_deletion_request_removes_every_local_trace_of_the_number(
    path: Path, tmp_path: Path
) -> None:
    journal = open_journal(path)
    writer = JournalWriter(journal, "agent7")
    writer.call_ended(call("k1", "+4930123456", NOW), sip_trace="INVITE sip:+4930123456@pbx")
    writer.call_wrapped_up("k1", remarks="call back")
    writer.call_ended(call("k2", "4930123456", NOW, direction="inbound"))  # dialled form
    writer.call_ended(call("k3", "+49301234567", NOW), sip_trace="INVITE sip:+49301234567@pbx")
    writer.operation("compliance_check", {"number": "+4930123456", "allowed": True}, NOW)
    log = tmp_path / "agent.log"
    log.write_text("dialing +4930123456\nregistered\ndialing +49301234567\n", encoding="utf-8")

    erased = forget_number(journal, "+49 30 123456", [log])

    assert (erased.call_records, erased.sip_traces, erased.log_lines) == (2, 1, 1)
    dump = "\n".join(journal.db.conn.iterdump())
    assert "+4930123456'" not in dump and "4930123456'" not in dump
    assert "sip:+4930123456@" not in dump
    assert "k3" in dump and "+49301234567" in dump  # a longer number is someone else
    assert log.read_text(encoding="utf-8") == "registered\ndialing +49301234567\n"
    kinds = {e.payload.get("call_id") for e in Outbox(journal).take(BULK, 100)}
    assert "k1" not in kinds and "k2" not in kinds


def test_a_damaged_file_is_a_clear_error_and_is_kept(path: Path) -> None:
    JournalWriter(open_journal(path), "agent7").operation("login", {}, NOW)
    damaged = b"this is not a database" * 200
    path.write_bytes(damaged)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    with pytest.raises(JournalCorrupt, match="softphone journal recover") as caught:
        open_journal(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == damaged  # untouched for recovery
    kept = set_aside(path, NOW)
    assert kept.read_bytes() == damaged
    assert open_journal(path).scalar("SELECT count(*) FROM operations") == 0


def test_a_truncated_database_is_spotted(path: Path) -> None:
    writer = JournalWriter(open_journal(path), "agent7")
    for n in range(300):
        writer.call_ended(call(f"k{n}", f"+49301{n:05d}", NOW), sip_trace="x" * 500)
    writer.journal.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    writer.journal.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"\x00" * 4096 + data[len(data) // 2 + 4096 :])
    with pytest.raises(JournalCorrupt):
        open_journal(path)


def test_history_answers_the_compliance_gate(path: Path) -> None:
    journal = open_journal(path)
    writer = JournalWriter(journal, "agent7")
    writer.call_ended(call("a", "4930123456", NOW - timedelta(days=2), connected=False))
    writer.call_ended(call("b", "+4930123456", NOW - timedelta(hours=1), disposition="refused"))
    writer.call_ended(call("c", "+4930999999", NOW))
    writer.call_ended(call("d", "030 123456", NOW - timedelta(days=3)))  # dialled the German way
    history = JournalHistory(journal)
    past = history.past_calls("+4930123456", NOW - timedelta(days=7))
    assert past.attempts == [
        NOW - timedelta(days=3),
        NOW - timedelta(days=2),
        NOW - timedelta(hours=1),
    ]
    assert past.last_refusal == NOW - timedelta(hours=1) + timedelta(seconds=40)
    assert history.past_calls("+4930123456", NOW - timedelta(days=1)).attempts == [
        NOW - timedelta(hours=1)
    ]
    assert history.past_calls("+4930999999", NOW - timedelta(days=7)).last_refusal is None


def test_one_question_brings_an_inbound_refusal_and_the_outbound_attempts(path: Path) -> None:
    """The customer refused on a call they made: the cool-down knows, in the same answer that
    counts the calls to them (and their inbound call is no attempt)."""
    journal = open_journal(path)
    writer = JournalWriter(journal, "agent7")
    writer.call_ended(call("out", "+44 20 7946 0018", NOW - timedelta(days=2)))
    writer.call_ended(
        call(
            "in", "agent7", NOW - timedelta(days=1), direction="inbound",
            calling_number="+442079460018", disposition="refused",
        )
    )  # fmt: skip
    writer.call_ended(call("other", "+44 20 7946 0019", NOW - timedelta(hours=1)))
    past = JournalHistory(journal).past_calls("+442079460018", NOW - timedelta(days=30))
    assert past.attempts == [NOW - timedelta(days=2)]
    assert past.last_refusal == NOW - timedelta(days=1) + timedelta(seconds=40)


def test_the_pre_dial_question_reads_only_indexes(path: Path) -> None:
    """Asked before every dial: the attempts come from a covering index, the refusals from
    the small indexes of refused calls; no table scan, however long the journal."""
    plan = " | ".join(
        row[3] for row in open_journal(path).query("EXPLAIN QUERY PLAN " + PAST_CALLS, ("", "", ""))
    )
    assert "COVERING INDEX call_records_called_attempts (called_key>?" in plan
    assert "INDEX call_records_refused_called (called_key>?" in plan
    assert "INDEX call_records_refused_calling (calling_key>?" in plan
    assert "SCAN" not in plan


@pytest.mark.parametrize(
    ("first_age", "allowed"),
    [(timedelta(minutes=4, seconds=59), False), (timedelta(minutes=5), True)],
)
def test_a_cap_at_its_boundary_counts_the_journaled_calls(
    path: Path, tmp_path: Path, first_age: timedelta, allowed: bool
) -> None:
    """China's "3 calls in 5 minutes", counted from the journal: a call exactly 5 minutes
    ago has left the window, one a second younger still blocks."""
    journal = open_journal(path)
    writer = JournalWriter(journal, "agent7")
    now = datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc)  # 10:00 in Beijing: open
    for n, age in enumerate((first_age, timedelta(minutes=3), timedelta(seconds=1))):
        writer.call_ended(call(f"c{n}", "138 0013 8000", now - age))  # dialled the national way
    store = BlacklistStore(tmp_path / "blacklist")
    verdict = Gate(Policy(), store, JournalHistory(journal), ["pbx.example"]).check(CN, now)
    assert verdict.allowed is allowed, verdict.reasons
    if not allowed:
        assert verdict.codes == ("cap",) and "3 calls" in verdict.reasons[0].text


def test_a_journal_from_the_first_schema_keeps_counting_its_calls(path: Path) -> None:
    """An agent updates the app: the calls journaled before still count against caps and
    cool-downs (the number keys of the new schema are filled in for the old rows)."""
    old = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        old.execute(statement)
    old.execute(
        "INSERT INTO call_records (id, call_id, direction, terminal, calling_number,"
        " called_number, start_time, end_time, connected, disposition, device_time)"
        " VALUES ('e1', 'c1', 'inbound', 'agent7@pbx', '+49 30 123456', 'agent7', ?, ?, 1,"
        " 'refused', ?)",
        (NOW.isoformat(), NOW.isoformat(), NOW.isoformat()),
    )
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    journal = open_journal(path)
    assert journal.schema_version == len(MIGRATIONS)
    # the customer who called in and asked not to be called again is on cool-down
    assert JournalHistory(journal).past_calls("+4930123456", NOW).last_refusal == NOW


def test_wal_lets_a_reader_see_the_last_commit_while_a_write_is_open(path: Path) -> None:
    journal = open_journal(path)
    writer = JournalWriter(journal, "agent7")
    writer.operation("login", {}, NOW)
    reader = sqlite3.connect(path, timeout=0.1)
    with journal.transaction() as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('x', 'uncommitted')")
        # the sync worker reading the outbox is neither blocked nor shown half a write
        assert reader.execute("SELECT count(*) FROM outbox").fetchone()[0] == 1
        assert reader.execute("SELECT count(*) FROM meta WHERE key = 'x'").fetchone()[0] == 0
    assert reader.execute("SELECT count(*) FROM meta WHERE key = 'x'").fetchone()[0] == 1
    reader.close()


def test_a_failed_write_leaves_neither_the_journal_row_nor_its_outbox_row(path: Path) -> None:
    journal = open_journal(path)
    with pytest.raises(RuntimeError), journal.transaction() as conn:
        event_id = enqueue(conn, EventKind.OPERATION, {"operator": "a", "action": "x"}, NOW)
        conn.execute(
            "INSERT INTO operations (id, at, operator, action) VALUES (?, ?, 'a', 'x')",
            (event_id, NOW.isoformat()),
        )
        raise RuntimeError("the disk is full")
    assert journal.scalar("SELECT count(*) FROM operations") == 0
    assert Outbox(journal).waiting() == 0
