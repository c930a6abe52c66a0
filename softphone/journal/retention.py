"""How long the device keeps call data, and the erasure of every local trace of a phone number.

Retention (the seeds' terms): call data — call records, their SIP traces, and any of them still
waiting in the outbox — older than the retention period (6 months by default) is purged; the
operation log and status intervals are kept until a deletion is asked. A deletion request for a
number (matched by E.164 key: `softphone.compliance.number_match`) removes its call records, their
traces, operation-log entries and outbox rows that name it — leaving no copy in the file's free
space or the WAL — and the lines of the profile's log files (`agent.log*`, `check.log*`) that
name it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from softphone.compliance.errors import PolicyError
from softphone.compliance.number_match import NumberMatch, subject_key
from softphone.compliance.policy import Policy, load_policy
from softphone.journal.store import Journal, utc_iso
from softphone.logs import ScrubIncomplete, scrub_log_files

log = logging.getLogger(__name__)

CALL_RETENTION_DAYS = 183
DEFAULT_REGION = Policy.default_region
FREE_SPACE_ZEROED = "free_space_zeroed"
"""Set once a VACUUM removed what deletes before `secure_delete` left in free space."""
LOG_NAME = re.compile(r"(agent|check)\.log(\.\d+)?")
_CALL_KINDS = ("call_record", "sip_trace", "quality")


@dataclass(frozen=True)
class Erased:
    """What a purge or a deletion request removed, for the operation log and the user."""

    call_records: int = 0
    sip_traces: int = 0
    operations: int = 0
    outbox: int = 0
    log_lines: int = 0
    logs_left: tuple[str, ...] = ()
    """Log files that could not be rewritten (another program holds them): to scrub again."""

    @property
    def total(self) -> int:
        return self.call_records + self.sip_traces + self.operations + self.outbox + self.log_lines


def purge_old_calls(journal: Journal, now: datetime, days: int = CALL_RETENTION_DAYS) -> Erased:
    cutoff = utc_iso(now - timedelta(days=days))
    with journal.transaction() as conn:
        traces = conn.execute(
            "DELETE FROM sip_traces WHERE recorded_at < ? OR call_id IN"
            " (SELECT call_id FROM call_records WHERE start_time < ?)",
            (cutoff, cutoff),
        ).rowcount
        records = conn.execute("DELETE FROM call_records WHERE start_time < ?", (cutoff,)).rowcount
        marks = ", ".join("?" for _ in _CALL_KINDS)
        outbox = conn.execute(
            f"DELETE FROM outbox WHERE kind IN ({marks}) AND device_time < ?",
            (*_CALL_KINDS, cutoff),
        ).rowcount
    return Erased(call_records=records, sip_traces=traces, outbox=outbox)


def forget_number(
    journal: Journal,
    number: str,
    log_files: Iterable[Path] = (),
    region: str = DEFAULT_REGION,
) -> Erased:
    """Remove every local trace of a phone number, matched by its E.164 key (a national number
    read in `region`): its call records and their traces, the operation-log entries and outbox
    rows that name it, and the lines of the log files that name it. ValueError when `number`
    is no phone number or has fewer than 7 digits."""
    key = subject_key(number, region)
    with journal.transaction() as conn:
        calls = [
            row[0]
            for row in conn.execute(
                "SELECT call_id FROM call_records WHERE number_match('is', calling_number, ?1, ?2)"
                " OR number_match('is', called_number, ?1, ?2)",
                (key, region),
            )
        ]
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS forgotten_calls (call_id TEXT)")
        conn.execute("DELETE FROM forgotten_calls")
        conn.executemany("INSERT INTO forgotten_calls VALUES (?)", ((c,) for c in calls))
        traces = conn.execute(
            "DELETE FROM sip_traces WHERE call_id IN (SELECT call_id FROM forgotten_calls)"
            " OR number_match('names', text, ?1, ?2)",
            (key, region),
        ).rowcount
        records = conn.execute(
            "DELETE FROM call_records WHERE call_id IN (SELECT call_id FROM forgotten_calls)"
        ).rowcount
        operations = conn.execute(
            "DELETE FROM operations WHERE number_match('names', detail, ?1, ?2)"
            " OR json_extract(detail, '$.call') IN (SELECT call_id FROM forgotten_calls)",
            (key, region),
        ).rowcount
        outbox = conn.execute(
            "DELETE FROM outbox WHERE number_match('names', payload, ?1, ?2)"
            " OR json_extract(payload, '$.call_id') IN (SELECT call_id FROM forgotten_calls)"
            " OR json_extract(payload, '$.detail.call') IN (SELECT call_id FROM forgotten_calls)",
            (key, region),
        ).rowcount
        conn.execute("DELETE FROM forgotten_calls")
    _leave_no_copy(journal)
    lines, left = scrub_number_from_logs(log_files, key, region)
    return Erased(records, traces, operations, outbox, lines, left)


def scrub_number_from_logs(
    log_files: Iterable[Path], key: str, region: str
) -> tuple[int, tuple[str, ...]]:
    """The lines of the log files that name the number (its E.164 `key`) go: how many, and
    the files that could not be rewritten (held by another program: try again later)."""
    match = NumberMatch(key, region)
    try:
        return scrub_log_files(log_files, lambda line: not match.names(line)), ()
    except ScrubIncomplete as exc:
        log.warning("deletion request: %s; the lines naming the number are still there", exc)
        return exc.removed, tuple(str(path) for path in exc.failed)


def _leave_no_copy(journal: Journal) -> None:
    """The erased rows must not survive in the file's free space nor in the WAL. The journal
    deletes with `secure_delete` (zeroed, not just unlinked); a journal written before that may
    still hold old rows in free space, so its first erasure rewrites it whole (VACUUM, once).
    The checkpoint then copies the zeroed pages into the file and empties the WAL, which still
    held the pages as they were before."""
    if journal.scalar("SELECT value FROM meta WHERE key = ?", (FREE_SPACE_ZEROED,)) is None:
        journal.query("VACUUM")
        with journal.transaction() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES (?, '1')", (FREE_SPACE_ZEROED,))
    busy, _, _ = journal.query("PRAGMA wal_checkpoint(TRUNCATE)")[0]
    if busy:  # another process reads an older snapshot: its frames go at a later checkpoint
        log.warning("journal: the WAL could not be emptied after an erasure (a reader is open)")


def profile_region(folder: Path) -> str:
    """The region a national number is read in: the compliance policy's `default_region`."""
    try:
        return load_policy(folder).default_region
    except PolicyError as exc:  # the gate stops dialing over it; erasing must still happen
        log.warning("deletion requests: %s; national numbers read in %s", exc, DEFAULT_REGION)
        return DEFAULT_REGION


def profile_log_files(data_dir: Path) -> list[Path]:
    """The agent's and the readiness check's log files, rotated ones included."""
    folder = Path(data_dir)
    found = [*folder.glob("agent.log*"), *folder.glob("check.log*")]
    return sorted(p for p in found if LOG_NAME.fullmatch(p.name))
