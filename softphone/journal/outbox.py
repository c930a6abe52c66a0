"""The outbox: journal events waiting for the center's acknowledgement.

A row is added in the same transaction as the journal row it reports (`enqueue`), and deleted
only when the center has acknowledged its id (`acknowledge`). Status changes travel in their own
lane (`PRIORITY`) so that they are never stuck behind a backlog of call records. A row the center
refuses for good (a validation error) is parked with the error: kept, visible, not retried.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from softphone.journal.store import Journal, from_iso, utc_iso
from softphone.protocol import EventKind, JournalEvent

PRIORITY = 0
BULK = 1


def new_event_id() -> str:
    return uuid.uuid4().hex


def lane_of(kind: EventKind) -> int:
    return PRIORITY if kind is EventKind.STATUS else BULK


def enqueue(
    conn: sqlite3.Connection,
    kind: EventKind,
    payload: dict[str, Any],
    device_time: datetime,
    event_id: str | None = None,
    skew_s: float | None = None,
    lane: int | None = None,
) -> str:
    """Add one event to the outbox inside the caller's transaction; returns its id."""
    event_id = event_id or new_event_id()
    corrected = None if skew_s is None else utc_iso(device_time + timedelta(seconds=skew_s))
    conn.execute(
        "INSERT INTO outbox (id, kind, lane, device_time, corrected_time, payload)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            event_id,
            kind.value,
            lane_of(kind) if lane is None else lane,
            utc_iso(device_time),
            corrected,
            json.dumps(payload, separators=(",", ":"), default=str),
        ),
    )
    return event_id


class WireEvent(NamedTuple):
    """An outbox event as its JSON text on the wire (a `JournalEvent`), made without parsing
    and re-making the stored payload: the sync worker sends thousands of these a second."""

    id: str
    json: str


_WIRE = '{"id":%s,"kind":"%s","device_time":"%s","corrected_time":%s,"payload":%s}'
_NOT_FINITE = ("NaN", "Infinity")


@dataclass(frozen=True)
class Parked:
    id: str
    kind: str
    error: str
    payload: dict[str, Any]


class Outbox:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def take(self, lane: int, limit: int, skew_s: float | None = None) -> list[JournalEvent]:
        """The oldest waiting events of a lane, oldest first, as they go on the wire. Events
        written before any clock skew was known get their corrected time now."""
        rows = self.journal.query(
            "SELECT id, kind, device_time, corrected_time, payload FROM outbox"
            " WHERE parked_error IS NULL AND lane = ? ORDER BY seq LIMIT ?",
            (lane, limit),
        )
        return [_event(row, skew_s) for row in rows]

    def take_wire(self, lane: int, limit: int, skew_s: float | None = None) -> list[WireEvent]:
        """As `take`, each event as the JSON text `JournalEvent` sends."""
        rows = self.journal.query(
            "SELECT id, kind, device_time, corrected_time, payload FROM outbox"
            " WHERE parked_error IS NULL AND lane = ? ORDER BY seq LIMIT ?",
            (lane, limit),
        )
        return [_wire(row, skew_s) for row in rows]

    def acknowledge(self, ids: Iterable[str]) -> int:
        """The center holds these ids: forget them here."""
        chosen = list(ids)
        if not chosen:
            return 0
        with self.journal.transaction() as conn:
            done = conn.executemany("DELETE FROM outbox WHERE id = ?", ((i,) for i in chosen))
            return int(done.rowcount)

    def park(self, refused: Sequence[tuple[str, str]]) -> None:
        """The center will never take these (id, error): keep them aside, with the error."""
        with self.journal.transaction() as conn:
            conn.executemany(
                "UPDATE outbox SET parked_error = ? WHERE id = ?",
                ((error, event_id) for event_id, error in refused),
            )

    def count_attempt(self, ids: Iterable[str]) -> None:
        with self.journal.transaction() as conn:
            conn.executemany(
                "UPDATE outbox SET attempts = attempts + 1 WHERE id = ?", ((i,) for i in ids)
            )

    def waiting(self, lane: int | None = None) -> int:
        if lane is None:
            return int(
                self.journal.scalar("SELECT count(*) FROM outbox WHERE parked_error IS NULL")
            )
        return int(
            self.journal.scalar(
                "SELECT count(*) FROM outbox WHERE parked_error IS NULL AND lane = ?", (lane,)
            )
        )

    def parked(self) -> list[Parked]:
        rows = self.journal.query(
            "SELECT id, kind, parked_error, payload FROM outbox"
            " WHERE parked_error IS NOT NULL ORDER BY seq"
        )
        return [
            Parked(r["id"], r["kind"], r["parked_error"], json.loads(r["payload"])) for r in rows
        ]

    def retry_parked(self) -> int:
        """Put parked rows back in line (after the cause was fixed, e.g. a center update)."""
        with self.journal.transaction() as conn:
            done = conn.execute(
                "UPDATE outbox SET parked_error = NULL WHERE parked_error IS NOT NULL"
            )
            return int(done.rowcount)


def _event(row: sqlite3.Row, skew_s: float | None) -> JournalEvent:
    device_time = from_iso(row["device_time"])
    corrected = row["corrected_time"]
    corrected_time = from_iso(corrected) if corrected else None
    if corrected_time is None and skew_s is not None:
        corrected_time = device_time + timedelta(seconds=skew_s)
    return JournalEvent(
        id=row["id"],
        kind=EventKind(row["kind"]),
        device_time=device_time,
        corrected_time=corrected_time,
        payload=json.loads(row["payload"]),
    )


def _wire(row: sqlite3.Row, skew_s: float | None) -> WireEvent:
    payload: str = row["payload"]
    if any(word in payload for word in _NOT_FINITE):  # what `JournalEvent` sends for them
        return WireEvent(row["id"], _event(row, skew_s).model_dump_json())
    corrected = row["corrected_time"]
    if corrected is None and skew_s is not None:
        corrected = utc_iso(from_iso(row["device_time"]) + timedelta(seconds=skew_s))
    text = _WIRE % (
        json.dumps(row["id"]),
        row["kind"],
        row["device_time"],
        "null" if corrected is None else f'"{corrected}"',
        payload,
    )
    return WireEvent(row["id"], text)
