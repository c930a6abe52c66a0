"""The compliance gate's view of past calls (`softphone.compliance.history.CallHistory`),
answered from the journal's call records.

Numbers are matched by their digits, so an attempt journaled as dialled ("+4930…", "4930…")
counts against the E.164 number the gate asks about.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import phonenumbers

from softphone.compliance.history import CallHistory, InMemoryHistory
from softphone.journal.store import (
    Journal,
    digits_of,
    from_iso,
    journal_path,
    open_journal,
    utc_iso,
)

REFUSED = "refused"


class JournalHistory:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def attempt_times(self, number_e164: str, since: datetime) -> Sequence[datetime]:
        # Agents dial national formats too ("020 7946 0018" for +44 20 7946 0018): the dialled
        # digits end with the national significant number after any trunk prefix. Matching on
        # that suffix can only over-count (another country's identical subscriber number), and
        # over-counting blocks, which is the safe side for a cap.
        rows = self.journal.query(
            "SELECT start_time FROM call_records WHERE direction = 'outbound'"
            " AND (digits(called_number) = ? OR digits(called_number) LIKE ?)"
            " AND start_time >= ? ORDER BY start_time",
            (digits_of(number_e164), "%" + _national_digits(number_e164), utc_iso(since)),
        )
        return [from_iso(row[0]) for row in rows]

    def last_refusal(self, number_e164: str) -> datetime | None:
        value = self.journal.scalar(
            "SELECT max(coalesce(end_time, start_time)) FROM call_records"
            " WHERE disposition = ?1"
            " AND (digits(called_number) = ?2 OR digits(calling_number) = ?2"
            "      OR digits(called_number) LIKE ?3 OR digits(calling_number) LIKE ?3)",
            (REFUSED, digits_of(number_e164), "%" + _national_digits(number_e164)),
        )
        return from_iso(value) if value else None


def _national_digits(number_e164: str) -> str:
    try:
        return str(phonenumbers.parse(number_e164, None).national_number)
    except phonenumbers.NumberParseException:
        return digits_of(number_e164)


def profile_history(data_dir: Path) -> CallHistory:
    """The call history of a profile's journal; empty when the profile has no journal yet.
    A damaged journal raises JournalCorrupt: caps cannot be told, so nothing is guessed."""
    path = journal_path(data_dir)
    if not path.exists():
        return InMemoryHistory()
    return JournalHistory(open_journal(path))
