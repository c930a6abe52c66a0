"""The pop-up's history with one number is read through indexes (schema V4), whichever side of
the call the number was on, and a journal from before V4 gains the index when it is opened."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from softphone.journal.caller_history import _COUNT, _LAST, calls_with
from softphone.journal.records import JournalWriter
from softphone.journal.schema import MIGRATIONS
from softphone.journal.store import Journal, key_range, open_journal
from softphone.protocol import CallRecord

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def _record(n: int, inbound: bool, number: str) -> CallRecord:
    start = NOW - timedelta(hours=n)
    return CallRecord(
        call_id=f"c{n}",
        direction="inbound" if inbound else "outbound",
        terminal="agent7@pbx",
        calling_number=number if inbound else "agent7",
        called_number="+861058000000" if inbound else number,
        start_time=start,
        end_time=start + timedelta(seconds=40),
        connected=True,
        duration_s=35.0,
    )


def _plan(journal: Journal, sql: str, params: tuple[object, ...]) -> str:
    return "\n".join(row["detail"] for row in journal.query(f"EXPLAIN QUERY PLAN {sql}", params))


def test_the_popup_history_is_an_index_seek_on_both_sides_of_the_call(tmp_path: Path) -> None:
    journal = open_journal(tmp_path / "journal.sqlite")
    writer = JournalWriter(journal, "agent7")
    for n in range(40):
        writer.call_ended(_record(n, n % 2 == 0, f"+8613800138{n % 3:03d}"))
    low, high = key_range("13800138001")
    for sql, params in ((_LAST, (low, high, 5)), (_COUNT, (low, high))):
        plan = _plan(journal, sql, params)
        assert "SCAN call_records" not in plan, plan  # no row-by-row read of the journal
        assert "USING INDEX call_records_calling_seen" in plan, plan
        assert "USING INDEX call_records_called_attempts" in plan, plan
    found = calls_with(journal, "13800138001")
    # n = 1, 4, 7 … 37: inbound (the calling number) and outbound (the called one) alike
    assert found.total == 13 and len(found.last) == 5
    assert {c.direction for c in found.last} == {"inbound", "outbound"}
    assert found.last[0].start_time > found.last[-1].start_time  # newest first


def test_a_v3_journal_gains_the_callers_index_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    open_journal(path).close()
    with sqlite3.connect(path) as old:  # as the app before V4 left it
        old.execute("DROP INDEX call_records_calling_seen")
        old.execute("DROP TABLE recordings")  # V5
        old.execute("PRAGMA user_version = 3")
    journal = open_journal(path)
    assert journal.schema_version == len(MIGRATIONS) == 5
    low, high = key_range("13800138001")
    assert "call_records_calling_seen" in _plan(journal, _COUNT, (low, high))
