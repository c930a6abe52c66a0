"""A deletion request carried out on the device: the number matched by its E.164 key however it
was written (national, caller ID, SIP URI, free text), never a longer or shorter number, at least
7 digits; no copy left in the journal file's free space or its WAL; the log files (`agent.log*`,
`check.log*`) scrubbed through the logging handler, so that logging goes on into the file."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from softphone.compliance.number_match import NumberMatch, readings, subject_key
from softphone.journal.outbox import BULK, PRIORITY, Outbox
from softphone.journal.records import JournalWriter
from softphone.journal.retention import forget_number, profile_log_files
from softphone.journal.store import Journal, open_journal
from softphone.logs import setup_logging
from softphone.protocol import CallRecord

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
SUBJECT = "+8613800138000"


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    opened = open_journal(tmp_path / "journal.sqlite")
    yield opened
    opened.close()


def journal_call(
    journal: Journal, call_id: str, number: str, inbound: bool = False, trace: str = ""
) -> None:
    writer = JournalWriter(journal, "agent7")
    record = CallRecord(
        call_id=call_id,
        direction="inbound" if inbound else "outbound",
        terminal="agent7@pbx",
        calling_number=number if inbound else "agent7",
        called_number="agent7" if inbound else number,
        start_time=NOW,
        end_time=NOW + timedelta(seconds=40),
        connected=True,
        duration_s=35.0,
    )
    writer.call_ended(record, sip_trace=trace)
    writer.call_wrapped_up(call_id, remarks="called back")


def call_ids(journal: Journal) -> set[str]:
    return {row[0] for row in journal.query("SELECT call_id FROM call_records")}


def test_every_written_form_of_the_number_is_matched_by_its_e164_key(journal: Journal) -> None:
    journal_call(journal, "national", "138 0013 8000")  # dialled as the agent typed it
    journal_call(journal, "trunk", "013800138000", inbound=True)  # caller ID, trunk prefix
    journal_call(journal, "uri", "sip:013800138000@pbx;user=phone", inbound=True)
    journal_call(journal, "idd", "0086 138-0013-8000")
    journal_call(journal, "other", "+8613800138001", trace="INVITE sip:+8613800138001@pbx")
    journal_call(journal, "nanp", "+13800138000")  # the same digits in another country
    journal_call(journal, "traced", "+8613900139000", trace="Referred-By: <tel:138-0013-8000>")
    writer = JournalWriter(journal, "agent7")
    writer.operation("compliance_check", {"number": "+86 138 0013 8000"}, NOW)
    kept = writer.operation("compliance_check", {"number": "+8613800138001"}, NOW)

    erased = forget_number(journal, SUBJECT, region="CN")

    assert call_ids(journal) == {"other", "traced", "nanp"}
    assert erased.call_records == 4 and erased.sip_traces == 1
    assert journal.scalar("SELECT count(*) FROM sip_traces WHERE call_id = 'traced'") == 0
    ops = [
        r[0]
        for r in journal.query("SELECT id FROM operations WHERE action = ?", ("compliance_check",))
    ]
    assert ops == [kept]
    payloads = [e.payload for lane in (PRIORITY, BULK) for e in Outbox(journal).take(lane, 1000)]
    assert not any(NumberMatch(SUBJECT, "CN").names(str(p)) for p in payloads)


def test_a_longer_or_a_shorter_number_is_someone_else(journal: Journal) -> None:
    journal_call(journal, "subject", "+4930123456", trace="INVITE sip:+4930123456@pbx")
    journal_call(journal, "longer", "+49301234567", trace="INVITE sip:+49301234567@pbx")
    journal_call(journal, "shorter", "+493012345", trace="INVITE sip:+493012345@pbx")
    journal_call(journal, "national", "030 123456", trace="INVITE sip:030123456@pbx")

    forget_number(journal, "+49 30 123456", region="DE")

    assert call_ids(journal) == {"longer", "shorter"}
    traces = {row[0] for row in journal.query("SELECT text FROM sip_traces")}
    assert traces == {"INVITE sip:+49301234567@pbx", "INVITE sip:+493012345@pbx"}


def test_a_number_of_fewer_than_seven_digits_is_refused(journal: Journal) -> None:
    journal_call(journal, "short", "+49305")
    with pytest.raises(ValueError, match="fewer than 7 digits"):
        forget_number(journal, "+49305")
    assert call_ids(journal) == {"short"}  # nothing was erased on a doubtful match


def test_readings_of_a_written_number() -> None:
    assert readings("138 0013 8000", "CN") == {"+8613800138000"}  # not +1 380 013 8000
    assert readings("+86 138 0013 8000", "CN") == {"+8613800138000"}
    assert readings("4930123456", "CN") >= {"+4930123456"}  # a trunk's caller ID without "+"
    assert readings("ann", "CN") == set() and readings("", "CN") == set()
    cn = NumberMatch(SUBJECT, "CN")
    assert cn.names("2026-12-07 06:43:06,123 call 10 138 0013 8000 ok")
    assert not cn.names("INVITE tel:+1 138 0013 8000") and not cn.names("id 8613800138000123")
    assert subject_key("138 0013 8000", "CN") == SUBJECT
    assert subject_key("030 123456", "DE") == "+4930123456"


def _raw(path: Path) -> bytes:
    """The journal's bytes on disk: the file and its WAL, as anyone with the disk reads them."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _sync_everything(journal: Journal) -> None:
    """The center acknowledged every waiting event: the outbox rows are deleted."""
    outbox = Outbox(journal)
    for lane in (PRIORITY, BULK):
        outbox.acknowledge(e.id for e in outbox.take(lane, 10_000))


def _calls_among_others(journal: Journal, number: str, tag: str) -> None:
    """Calls to `number` here and there among others' calls: they share pages, so erasing
    them frees no page, it leaves their bytes in the free space of pages that stay."""
    for n in range(30):
        journal_call(journal, f"{tag}-other-{n}", "+4930999999")
        if n % 10 == 5:
            trace = f"INVITE sip:{number}@pbx SIP/2.0 ;{'x' * 300}"
            journal_call(journal, f"{tag}-{n}", number, trace=trace)
    _sync_everything(journal)  # deleted from the outbox long before the request
    journal.query("PRAGMA wal_checkpoint(TRUNCATE)")  # as SQLite's auto-checkpoint does


def test_an_erasure_leaves_no_copy_in_the_file_nor_the_wal(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    journal = open_journal(path)
    journal.query("INSERT INTO meta (key, value) VALUES ('free_space_zeroed', '1')")
    _calls_among_others(journal, SUBJECT, "subject")
    assert b"13800138000" in path.read_bytes()  # the premise: the number is on disk

    forget_number(journal, SUBJECT, region="CN")

    # read while the agent still runs (closing the last connection checkpoints on its own)
    assert b"13800138000" not in _raw(path)
    assert b"4930999999" in _raw(path)  # the other callers' calls are still there
    journal.close()


def test_a_journal_written_before_secure_delete_is_cleaned_at_its_first_erasure(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journal.sqlite"
    journal = open_journal(path)
    journal.query("PRAGMA secure_delete=OFF")  # as the versions before wrote it
    _calls_among_others(journal, SUBJECT, "subject")
    journal.query("PRAGMA secure_delete=ON")
    assert b"13800138000" in path.read_bytes()

    forget_number(journal, SUBJECT, region="CN")

    assert b"13800138000" not in _raw(path)
    assert b"4930999999" in _raw(path)
    journal.close()


@pytest.fixture
def file_logging(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    log_file = tmp_path / "agent.log"
    setup_logging("INFO", log_file)
    yield log_file
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_logging_goes_on_into_the_file_after_a_scrub(
    journal: Journal, file_logging: Path, tmp_path: Path
) -> None:
    log = logging.getLogger("softphone.tests.scrub")
    log.warning("dialling +8613800138000")
    log.warning("registered as agent7")
    rotated = tmp_path / "agent.log.1"
    rotated.write_text("old: call from +8613800138000\nold: fine\n", encoding="utf-8")
    check_log = tmp_path / "check.log"
    check_log.write_text("network probe to sip:013800138000@pbx\nmicrophone ok\n", "utf-8")
    files = [file_logging, rotated, check_log]

    erased = forget_number(journal, SUBJECT, files, region="CN")
    log.warning("a line after the scrub")

    text = file_logging.read_text(encoding="utf-8")
    assert "a line after the scrub" in text, "the handler must write into the rewritten file"
    assert erased.log_lines == 3
    assert set(profile_log_files(tmp_path)) == set(files)  # the check's log is the profile's
    assert "registered as agent7" in text and "13800138000" not in text
    assert rotated.read_text(encoding="utf-8") == "old: fine\n"
    assert check_log.read_text(encoding="utf-8") == "microphone ok\n"
