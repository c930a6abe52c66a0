"""Our history with one number, for the inbound pop-up: the last calls (when, which agent,
which way, how it ended, the disposition and remarks) and how many there were in all; and the
agent's latest calls, for the window's history (redial, call back).

Numbers are matched on their national digits at the end of the stored number, as the
compliance history does (`store.number_key`), whichever way the number was written.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from softphone.journal.store import Journal, from_iso, key_range

_MATCH = "(called_key >= ?1 AND called_key < ?2) OR (calling_key >= ?1 AND calling_key < ?2)"
_LAST = (
    "SELECT start_time, direction, terminal, connected, duration_s, end_reason, disposition,"
    f" remarks, party_name FROM call_records WHERE {_MATCH} ORDER BY start_time DESC LIMIT ?3"
)
_COUNT = f"SELECT count(*) FROM call_records WHERE {_MATCH}"
_RECENT = (
    "SELECT call_id, start_time, direction, calling_number, called_number, connected,"
    " duration_s, end_reason, disposition, mos, party_name FROM call_records"
    " ORDER BY start_time DESC LIMIT ?"  # the start_time index, read backwards: no sort
)


@dataclass(frozen=True)
class PastCall:
    start_time: datetime
    direction: str  # inbound | outbound
    agent: str  # the terminal that handled it (agent@domain)
    connected: bool
    duration_s: float
    end_reason: str  # "487 Request Terminated", "200 Normal call clearing" …
    disposition: str
    remarks: str
    name: str = ""  # the caller's name as that call gave it (journal V5; '' before)


@dataclass(frozen=True)
class CallsWith:
    total: int
    last: tuple[PastCall, ...]  # newest first


def calls_with(journal: Journal, national_digits: str, limit: int = 5) -> CallsWith:
    """The last `limit` calls with the number whose national digits are given, and the total."""
    if not national_digits:
        return CallsWith(0, ())
    low, high = key_range(national_digits)
    rows = journal.query(_LAST, (low, high, limit))
    total = int(journal.scalar(_COUNT, (low, high)) or 0)
    return CallsWith(total, tuple(_past_call(row) for row in rows))


def _past_call(row: sqlite3.Row) -> PastCall:
    return PastCall(
        start_time=from_iso(row["start_time"]),
        direction=str(row["direction"]),
        agent=row["terminal"] or "",
        connected=bool(row["connected"]),
        duration_s=float(row["duration_s"] or 0),
        end_reason=row["end_reason"] or "",
        disposition=row["disposition"] or "",
        remarks=row["remarks"] or "",
        name=row["party_name"] or "",
    )


@dataclass(frozen=True)
class RecentCall:
    """One of the agent's latest calls, as the history view lists it."""

    call_id: str
    start_time: datetime
    direction: str  # inbound | outbound
    number: str  # the other party: the caller of an inbound call, the callee of an outbound
    connected: bool
    duration_s: float
    end_reason: str
    disposition: str
    mos: float | None
    name: str = ""  # the other party's name as the call gave it, when it did


def recent_calls(journal: Journal, limit: int = 200) -> tuple[RecentCall, ...]:
    """The agent's `limit` latest calls, newest first."""
    return tuple(_recent_call(row) for row in journal.query(_RECENT, (limit,)))


def _recent_call(row: sqlite3.Row) -> RecentCall:
    inbound = row["direction"] == "inbound"
    return RecentCall(
        call_id=str(row["call_id"]),
        start_time=from_iso(row["start_time"]),
        direction=str(row["direction"]),
        number=str(row["calling_number"] if inbound else row["called_number"]),
        connected=bool(row["connected"]),
        duration_s=float(row["duration_s"] or 0),
        end_reason=row["end_reason"] or "",
        disposition=row["disposition"] or "",
        mos=None if row["mos"] is None else float(row["mos"]),
        name=row["party_name"] or "",
    )
