"""The journal on a disk that refuses writes (a real SQLite file, the process's own file-size
limit lowered, as a quota or a full disk would refuse them), and the executor that queues them."""

from __future__ import annotations

import resource
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import pytest

from softphone.journal.executor import JournalExecutor
from softphone.journal.meta import Meta
from softphone.journal.records import JournalWriter
from softphone.journal.store import Journal, open_journal

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE as Linux has it")
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    opened = open_journal(tmp_path / "journal.sqlite")
    yield opened
    opened.close()


@contextmanager
def disk_full(journal: Journal) -> Iterator[None]:
    """No file of this process may grow past the journal's WAL as it is now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    wal = journal.path.with_name(journal.path.name + "-wal")
    resource.setrlimit(resource.RLIMIT_FSIZE, (wal.stat().st_size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def operations(journal: Journal) -> list[str]:
    return [row[0] for row in journal.query("SELECT action FROM operations ORDER BY at")]


@linux_only
def test_a_refused_commit_is_rolled_back_and_the_next_write_works(journal: Journal) -> None:
    writer = JournalWriter(journal, "agent1")
    writer.operation("login", {}, NOW)
    with disk_full(journal), pytest.raises(sqlite3.OperationalError):
        writer.operation("connect", {"pad": "x" * 20_000}, NOW)
    writer.operation("logout", {}, NOW)  # failed before: "cannot start a transaction within…"
    assert operations(journal) == ["login", "logout"]


def test_a_commit_that_fails_is_rolled_back_and_the_next_write_works(tmp_path: Path) -> None:
    # A COMMIT refused with SQLITE_BUSY leaves the transaction open (SQLite's documented rule):
    # seen where WAL cannot be used and a reader (`softphone journal …`) holds the file.
    path = tmp_path / "journal.sqlite"
    open_journal(path).close()
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=0.1)
    conn.execute("PRAGMA journal_mode=DELETE")
    journal = Journal(path, conn)
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM meta").fetchone()  # holds a SHARED lock
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        Meta(journal).put(first="1")
    reader.execute("COMMIT")
    reader.close()
    Meta(journal).put(second="2")  # failed before: "cannot start a transaction within a …"
    assert (Meta(journal).get("first"), Meta(journal).get("second")) == (None, "2")
    journal.close()


@linux_only
@pytest.mark.allow_error_log  # the executor logs the refused write as ERROR, by design
def test_refused_writes_wait_in_order_and_land_when_the_disk_takes_them(journal: Journal) -> None:
    writer = JournalWriter(journal, "agent1")
    writer.operation("login", {}, NOW)
    told: list[str] = []
    troubled, recovered = threading.Event(), threading.Event()

    def trouble(message: str, waiting: int) -> None:
        told.append(message)
        troubled.set()

    executor = JournalExecutor(trouble, lambda waiting: recovered.set(), retry_every_s=0.05)
    with disk_full(journal):
        first = executor.submit(writer.operation, "connect", {"pad": "x" * 20_000}, NOW)
        second = executor.submit(writer.operation, "disconnect", {}, NOW)
        assert troubled.wait(10)
        assert not first.done() and not second.done()  # waiting, not dropped
    assert recovered.wait(10)
    assert first.result(10) and second.result(10)
    assert len(told) == 1  # said once per episode
    assert operations(journal) == ["login", "connect", "disconnect"]
    assert executor.stop()


@pytest.mark.allow_error_log
def test_a_write_that_is_a_bug_fails_its_future_and_the_rest_go_on(journal: Journal) -> None:
    executor = JournalExecutor()
    broken = executor.submit(journal.query, "SELECT * FROM no_such_table")
    fine = executor.submit(Meta(journal).mark_alive, NOW)
    with pytest.raises(sqlite3.OperationalError):
        broken.result(5)
    fine.result(5)
    assert Meta(journal).alive_at() == NOW
    assert executor.stop()
