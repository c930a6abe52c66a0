"""How long the device keeps call data, and the erasure of every local trace of a phone number.

Retention (the seeds' terms): call data — call records, their SIP traces, and any of them still
waiting in the outbox — older than the retention period (6 months by default) is purged; the
operation log and status intervals are kept until a deletion is asked. A deletion request for a
number removes its call records, their traces, operation-log entries and outbox rows that name it,
and the lines of the profile's log files that name it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from softphone.journal.store import Journal, digits_of, mentions, utc_iso

CALL_RETENTION_DAYS = 183
_CALL_KINDS = ("call_record", "sip_trace", "quality")


@dataclass(frozen=True)
class Erased:
    """What a purge or a deletion request removed, for the operation log and the user."""

    call_records: int = 0
    sip_traces: int = 0
    operations: int = 0
    outbox: int = 0
    log_lines: int = 0

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


def forget_number(journal: Journal, number: str, log_files: Iterable[Path] = ()) -> Erased:
    """Remove every local trace of a phone number (E.164 or as dialled: matched by its digits)."""
    digits = digits_of(number)
    if len(digits) < 3:
        raise ValueError(f"{number!r} is not a phone number")
    with journal.transaction() as conn:
        calls = [
            row[0]
            for row in conn.execute(
                "SELECT call_id FROM call_records WHERE digits(calling_number) = ?1"
                " OR digits(called_number) = ?1",
                (digits,),
            )
        ]
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS forgotten_calls (call_id TEXT)")
        conn.execute("DELETE FROM forgotten_calls")
        conn.executemany("INSERT INTO forgotten_calls VALUES (?)", ((c,) for c in calls))
        traces = conn.execute(
            "DELETE FROM sip_traces WHERE call_id IN (SELECT call_id FROM forgotten_calls)"
            " OR mentions(text, ?)",
            (digits,),
        ).rowcount
        records = conn.execute(
            "DELETE FROM call_records WHERE call_id IN (SELECT call_id FROM forgotten_calls)"
        ).rowcount
        operations = conn.execute(
            "DELETE FROM operations WHERE mentions(detail, ?)"
            " OR json_extract(detail, '$.call') IN (SELECT call_id FROM forgotten_calls)",
            (digits,),
        ).rowcount
        outbox = conn.execute(
            "DELETE FROM outbox WHERE mentions(payload, ?)"
            " OR json_extract(payload, '$.call_id') IN (SELECT call_id FROM forgotten_calls)"
            " OR json_extract(payload, '$.detail.call') IN (SELECT call_id FROM forgotten_calls)",
            (digits,),
        ).rowcount
        conn.execute("DELETE FROM forgotten_calls")
    lines = sum(_scrub_log(path, digits) for path in log_files)
    return Erased(records, traces, operations, outbox, lines)


def _scrub_log(path: Path, digits: str) -> int:
    """Rewrite a log file without the lines that name the number (atomically: a crash leaves
    either the old file or the new one)."""
    if not path.is_file():
        return 0
    with path.open("r", encoding="utf-8", errors="replace") as source:
        lines = source.readlines()
    kept = [line for line in lines if not mentions(line, digits)]
    if len(kept) == len(lines):
        return 0
    scratch = path.with_name(path.name + ".scrub")
    with scratch.open("w", encoding="utf-8") as out:
        out.writelines(kept)
        out.flush()
        os.fsync(out.fileno())
    os.replace(scratch, path)
    return len(lines) - len(kept)


def profile_log_files(data_dir: Path) -> list[Path]:
    return sorted(Path(data_dir).glob("agent.log*"))
