"""The compliance gate's view of past calls (`softphone.compliance.history.CallHistory`),
answered from the journal's call records.

Numbers are matched by their digits, so an attempt journaled as dialled ("+4930…", "4930…")
counts against the E.164 number the gate asks about.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from softphone.journal.store import Journal, digits_of, from_iso, utc_iso

REFUSED = "refused"


class JournalHistory:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def attempt_times(self, number_e164: str, since: datetime) -> Sequence[datetime]:
        rows = self.journal.query(
            "SELECT start_time FROM call_records WHERE direction = 'outbound'"
            " AND digits(called_number) = ? AND start_time >= ? ORDER BY start_time",
            (digits_of(number_e164), utc_iso(since)),
        )
        return [from_iso(row[0]) for row in rows]

    def last_refusal(self, number_e164: str) -> datetime | None:
        value = self.journal.scalar(
            "SELECT max(coalesce(end_time, start_time)) FROM call_records"
            " WHERE disposition = ?1"
            " AND (digits(called_number) = ?2 OR digits(calling_number) = ?2)",
            (REFUSED, digits_of(number_e164)),
        )
        return from_iso(value) if value else None
