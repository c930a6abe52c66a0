"""Heartbeats, coalesced: a request only notes the beat in memory; every `flush_every_s` the
process writes all the beats it holds in one transaction — one UPDATE for many agents for the
common case (online, same status and reason: only the time moves; on PostgreSQL one set-based
statement that answers whose beats it wrote), the full `record_heartbeats` for the rest (back
online, or a status the center missed — also when another process changed it meanwhile; on
PostgreSQL two statements for all of them, so a shift starting does not hold rows locked long).

A floor of 20,000 agents sends ~670 heartbeats a second; written one transaction each, they
were most of the center's work. Coalesced, an agent's last heartbeat reaches the database at
most `flush_every_s` late — far inside `offline_after_s`, so the sweeper of any process still
sees who went silent. Readers in this process (the agents overview, the sweeper) flush first.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import Any
from typing import cast as typed

from sqlalchemy import CursorResult, Table, bindparam, select, update
from sqlalchemy.exc import OperationalError

from softphone.central.agent_rows import touch_quiet_beats
from softphone.central.auth import Principal
from softphone.central.db import Database
from softphone.central.ingest import record_heartbeats
from softphone.central.live import LiveFeed
from softphone.central.models import AgentState
from softphone.central.times import utcnow
from softphone.protocol import Heartbeat

log = logging.getLogger(__name__)
_STATES = typed(Table, AgentState.__table__)
_TOUCH = (
    update(_STATES)
    .where(
        _STATES.c.user_id == bindparam("agent"),
        _STATES.c.online.is_(True),
        _STATES.c.status == bindparam("beat_status"),
        _STATES.c.reason.is_not_distinct_from(bindparam("beat_reason")),
    )
    .values(last_heartbeat=bindparam("at"), cellphone_pickup=bindparam("pickup"))
)

Pending = tuple[Principal, Heartbeat, datetime]


class HeartbeatBook:
    """The beats this process received and has not written yet (the last one per agent)."""

    def __init__(self, database: Database, feed: LiveFeed) -> None:
        self.database = database
        self.feed = feed
        self._pending: dict[int, Pending] = {}
        self._lock = threading.Lock()
        self._flushing = threading.Lock()

    def note(self, who: Principal, beat: Heartbeat) -> None:
        with self._lock:
            self._pending[who.user_id] = (who, beat, utcnow())

    @property
    def waiting(self) -> int:
        return len(self._pending)

    def flush(self) -> int:
        """Writes the beats held so far; returns how many. One flush at a time, in order. Only
        a database that is away keeps them for the next flush (and raises)."""
        with self._flushing:
            with self._lock:
                batch, self._pending = self._pending, {}
            if not batch:
                return 0
            try:  # rows locked in one order by every writer of many: no deadlock between two
                written = self._write_isolating([batch[agent] for agent in sorted(batch)])
            except OperationalError:  # the database is away: keep them (newer beats win)
                with self._lock:
                    self._pending = {**batch, **self._pending}
                raise
            return written

    def _write_isolating(self, beats: list[Pending]) -> int:
        """Writes the beats; when the write fails for a reason other than the database being
        away, halves the batch until the beat at fault is alone and drops it (with a warning).
        Kept for another try, one bad beat failed every flush for good: nobody's heartbeat was
        written, the offline sweeper and the agents overview failed with it. Returns how many
        were written."""
        try:
            self._write(beats)
            return len(beats)
        except OperationalError:
            raise
        except Exception as exc:
            if len(beats) > 1:
                half = len(beats) // 2
                return self._write_isolating(beats[:half]) + self._write_isolating(beats[half:])
            who, beat, _ = beats[0]
            log.warning(
                "heartbeat of %s (status %s) dropped: it cannot be written (%s)",
                who.name,
                beat.status.value,
                exc.__class__.__name__,
            )
            return 0

    def _write(self, beats: list[Pending]) -> None:
        with self.database.writing() as session:
            if self.database.is_postgres:
                quiet = [
                    (who.user_id, beat.status.value, beat.reason, at, beat.cellphone_pickup)
                    for who, beat, at in beats
                ]
                touched = touch_quiet_beats(session, quiet)
                others = [pending for pending in beats if pending[0].user_id not in touched]
            else:
                others = self._touch_sqlite(session, beats)
            live = record_heartbeats(session, [(who, beat) for who, beat, _ in others])
            self.feed.stage(session, live)

    def _touch_sqlite(self, session: Any, beats: list[Pending]) -> list[Pending]:
        """SQLite (one writer, in process): the quiet beats in one executemany; answers the
        others (back online, or a status the center missed)."""
        known = {
            row.user_id: (row.online, row.status, row.reason)
            for row in session.execute(
                select(
                    _STATES.c.user_id, _STATES.c.online, _STATES.c.status, _STATES.c.reason
                ).where(_STATES.c.user_id.in_([who.user_id for who, _, _ in beats]))
            )
        }
        quiet: list[Pending] = []
        others: list[Pending] = []
        for pending in beats:
            who, beat, _ = pending
            same = (True, beat.status.value, beat.reason)
            (quiet if known.get(who.user_id) == same else others).append(pending)
        if quiet and not self._touch(session, quiet):
            others += quiet  # cannot happen under the one-writer lock; kept correct anyway
        return others

    @staticmethod
    def _touch(session: Any, quiet: list[Pending]) -> bool:
        """The common case in one executemany; False when not every row matched."""
        rows = [
            {
                "agent": who.user_id,
                "beat_status": beat.status.value,
                "beat_reason": beat.reason,
                "at": at,
                "pickup": beat.cellphone_pickup,
            }
            for who, beat, at in quiet
        ]
        done = typed(CursorResult[Any], session.execute(_TOUCH, rows))
        return done.rowcount in (-1, len(rows))
