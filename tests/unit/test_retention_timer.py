"""A desktop left running purges call data as it ages past the retention period: at start, and
again on the retention timer's own thread without a restart; a failed round does not stop it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from softphone.agent.retention_timer import RetentionTimer
from softphone.journal.records import JournalWriter
from softphone.journal.store import Journal, open_journal
from softphone.protocol import CallRecord

START = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def call(call_id: str, start: datetime) -> CallRecord:
    return CallRecord(
        call_id=call_id, direction="outbound", terminal="ann@pbx", calling_number="ann",
        called_number="+4930123456", start_time=start, end_time=start + timedelta(seconds=40),
        connected=True, duration_s=38.0, hung_up_by="customer",
    )  # fmt: skip


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    opened = open_journal(tmp_path / "journal.sqlite")
    writer = JournalWriter(opened, "ann")
    writer.call_ended(call("last-year", START - timedelta(days=400)), sip_trace="INVITE old")
    writer.call_ended(call("last-week", START - timedelta(days=7)), sip_trace="INVITE recent")
    yield opened
    opened.close()


def calls_kept(journal: Journal) -> list[str]:
    return [r[0] for r in journal.query("SELECT call_id FROM call_records ORDER BY start_time")]


def wait_until(check: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return False


def test_call_data_ageing_past_retention_is_purged_while_the_app_runs(journal: Journal) -> None:
    clock = Clock()
    timer = RetentionTimer(journal, days=183, clock=clock, every_s=0.05)
    timer.start()
    try:
        assert calls_kept(journal) == ["last-week"]  # purged at start
        clock.now = START + timedelta(days=180)  # the app ran for six months
        assert wait_until(lambda: calls_kept(journal) == [])
        assert journal.scalar("SELECT count(*) FROM sip_traces") == 0
    finally:
        timer.stop()


@pytest.mark.allow_error_log
def test_a_failed_purge_is_tried_again_at_the_next_round(journal: Journal) -> None:
    clock = Clock()
    fail_next = threading.Event()

    def flaky_clock() -> datetime:
        if fail_next.is_set():
            fail_next.clear()
            raise OSError("disk busy")
        return clock()

    timer = RetentionTimer(journal, days=183, clock=flaky_clock, every_s=0.05)
    timer.start()
    try:
        fail_next.set()
        clock.now = START + timedelta(days=180)
        assert wait_until(lambda: not fail_next.is_set())  # a round failed …
        assert wait_until(lambda: calls_kept(journal) == [])  # … and a later one purged
    finally:
        timer.stop()


def test_stop_ends_the_timer_thread_promptly(journal: Journal) -> None:
    timer = RetentionTimer(journal, days=183, clock=Clock(), every_s=3600)
    timer.start()
    started = time.monotonic()
    timer.stop()
    assert time.monotonic() - started < 1.0
    assert not any(t.name == "journal-retention" for t in threading.enumerate())
