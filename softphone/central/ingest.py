"""What agents send, stored: journal event batches (once per id) and heartbeats. Each event is
checked, the batch is inserted in one statement that skips ids already held, and only the new
events are applied (`derive`) to the agent's state, intervals and calls, with live updates.
The agent's row and intervals are read and written by `agent_rows` (two statements a change on
PostgreSQL, no ORM).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any
from typing import cast as typed

from pydantic import ValidationError
from sqlalchemy import JSON, Table, bindparam
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

from softphone.central.agent_rows import AgentRow, lock_agents, open_upload, save_agent, save_agents
from softphone.central.auth import Principal
from softphone.central.derive import BatchApplier, Timeline
from softphone.central.live import CHANNEL, Envelope, LiveFeed
from softphone.central.models import Event
from softphone.central.times import as_utc, utcnow
from softphone.protocol import (
    CallRecord,
    EventAck,
    Heartbeat,
    JournalEvent,
    Rejected,
    StatusChange,
    Wire,
    parse_payload,
)

if TYPE_CHECKING:  # the process's context imports this module (through the heartbeat book)
    from softphone.central.context import Central

_INT_RANGE = range(-(2**31), 2**31)


@dataclass
class Outcome:
    stored: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    live: list[Envelope] = field(default_factory=list)


def _check_payload(event: JournalEvent) -> tuple[Wire, str]:
    """The typed payload and its JSON text, or ValueError with what a person can fix."""
    try:
        typed = parse_payload(event.kind, event.payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "payload"
        raise ValueError(f"{where}: {first['msg']}") from None
    try:  # serialised once, here: checked finite (PostgreSQL refuses NaN) and stored as is
        text = json.dumps(event.payload, allow_nan=False, separators=(",", ":"))
    except ValueError:
        raise ValueError("payload: numbers must be finite") from None
    if isinstance(typed, CallRecord):
        _check_call(typed)
    for value in (event.device_time, event.corrected_time, *_times_of(typed)):
        if value is not None:
            as_utc(value)
    return typed, text


def _check_call(record: CallRecord) -> None:
    if not math.isfinite(record.duration_s) or not 0 <= record.duration_s < 10**7:
        raise ValueError("duration_s: must be between 0 and 10,000,000 seconds")
    if record.satisfaction is not None and record.satisfaction not in _INT_RANGE:
        raise ValueError("satisfaction: out of range")
    if len(record.calling_number) > 64 or len(record.called_number) > 64:
        raise ValueError("numbers are at most 64 characters")
    if len(record.call_id) > 256:
        raise ValueError("call_id: at most 256 characters")


def _times_of(typed: Wire) -> list[datetime | None]:
    if isinstance(typed, StatusChange):
        return [typed.since]
    if isinstance(typed, CallRecord):
        return [typed.start_time, typed.answer_time, typed.end_time]
    return []


def _call_id_of(typed: Wire) -> str | None:
    call_id = getattr(typed, "call_id", None)
    return call_id[:256] if isinstance(call_id, str) else None


class _JsonText(TypeDecorator[str]):
    """A JSON column's value bound as the JSON text already made (`_check_payload`)."""

    impl = JSON
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> None:
        return None


def _new_event_statement() -> Any:
    """SQLite's INSERT … ON CONFLICT DO NOTHING RETURNING event_id: built once, executed with a
    list of rows (SQLAlchemy sends them as few multi-row statements, compiled once). PostgreSQL's
    insert is part of `agent_rows.open_upload`'s one statement."""
    statement = sqlite_insert(_EVENTS).values(payload=bindparam("payload", type_=_JsonText()))
    return statement.on_conflict_do_nothing().returning(_EVENTS.c.event_id)


_EVENTS = typed(Table, Event.__table__)
_NEW_EVENTS_SQLITE = _new_event_statement()


@dataclass
class CheckedBatch:
    """A batch checked before the write: the rows to insert and their typed payloads (each id
    once), and the events the center will never take."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    typed_by_id: dict[str, Wire] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)


def check_events(agent: Principal, events: list[JournalEvent]) -> CheckedBatch:
    """Everything that needs no database, so it runs before the write lock (SQLite: one writer;
    a status change waits for the batch being written, not for the batch being checked)."""
    checked = CheckedBatch()
    received_at = utcnow()
    for event in events:
        if event.id in checked.typed_by_id:
            continue  # the same id twice in one batch: one event
        try:
            typed, payload = _check_payload(event)
        except ValueError as exc:
            checked.rejected.append(Rejected(id=event.id, error=str(exc)))
            continue
        checked.typed_by_id[event.id] = typed
        checked.rows.append(_event_row(agent, event, typed, payload, received_at))
    return checked


def store_events(
    session: Session,
    agent: Principal,
    events: list[JournalEvent] | CheckedBatch,
    feed: LiveFeed | None = None,
) -> Outcome:
    """Store new events once; an id already held is acknowledged again, not stored twice. With
    a `feed`, the live updates are staged too (on PostgreSQL: their NOTIFY rides on the write)."""
    checked = events if isinstance(events, CheckedBatch) else check_events(agent, events)
    outcome = Outcome(rejected=checked.rejected)
    rows = checked.rows
    if not rows:
        return outcome
    state, new_ids = open_upload(session, agent.user_id, rows, _NEW_EVENTS_SQLITE)
    outcome.stored = [row["event_id"] for row in rows]
    fresh = [checked.typed_by_id[row["event_id"]] for row in rows if row["event_id"] in new_ids]
    if not fresh:
        return outcome  # a resend: nothing changes, nobody is told
    before = replace(state)
    applier = BatchApplier(session, agent, state)
    outcome.live = applier.apply_all(fresh)
    notify = feed.notify_payloads(session, outcome.live) if feed is not None else []
    if notify or state != before or applier.timeline.changes.opened:
        save_agent(session, state, applier.timeline.changes, (CHANNEL, notify))
    return outcome


def ingest_batch(center: Central, agent: Principal, events: list[JournalEvent]) -> EventAck:
    """One upload, whole: checked outside the write lock, stored in one transaction with its
    live updates, answered with the ids held and the ids refused (the route and the short road
    in `fastpath` both come here, so they answer alike)."""
    checked = check_events(agent, events)  # before the write lock
    with center.database.writing() as session:
        outcome = store_events(session, agent, checked, center.feed)
    return EventAck(stored=outcome.stored, rejected=outcome.rejected, server_time=utcnow())


def _event_row(
    agent: Principal, event: JournalEvent, typed: Wire, payload: str, received_at: datetime
) -> dict[str, Any]:
    return {
        "agent_id": agent.user_id,
        "event_id": event.id,
        "kind": event.kind.value,
        "device_time": as_utc(event.device_time),
        "corrected_time": as_utc(event.corrected_time) if event.corrected_time else None,
        "received_at": received_at,
        "call_id": _call_id_of(typed),
        "payload": payload,
    }


def record_heartbeat(session: Session, agent: Principal, beat: Heartbeat) -> list[Envelope]:
    """Fresh heartbeat: the agent is online; a status the center missed is taken from it. Two
    statements on PostgreSQL: lock the row, write it (with the intervals when status changed)."""
    return record_heartbeats(session, [(agent, beat)])


def record_heartbeats(session: Session, beats: list[tuple[Principal, Heartbeat]]) -> list[Envelope]:
    """`record_heartbeat` for many agents (each once) in two statements on PostgreSQL, however
    many: a shift starting brings hundreds online a second."""
    if not beats:
        return []
    now = utcnow()
    states = lock_agents(session, [who.user_id for who, _ in beats])
    live: list[Envelope] = []
    saves = []
    for who, beat in beats:
        state = states[who.user_id]
        timeline = Timeline(who)
        live += _take_beat(state, timeline, beat, now)
        saves.append((state, timeline.changes))
    save_agents(session, saves)
    return live


def _take_beat(
    state: AgentRow, timeline: Timeline, beat: Heartbeat, now: datetime
) -> list[Envelope]:
    came_back = not state.online
    state.last_heartbeat, state.online = now, True
    state.cellphone_pickup = beat.cellphone_pickup
    if beat.current_call is None and state.current_call is not None and came_back:
        state.current_call, state.call_started_at = None, None
    # A heartbeat built before a status change may be applied after it (the agent sends both
    # on one lane, and heartbeats are written in batches): only a newer one speaks — unless
    # the center itself put the agent offline, when the heartbeat is the agent's only word.
    newer = state.status == "offline" or as_utc(beat.device_time) >= state.since
    if newer and (state.status != beat.status.value or state.reason != beat.reason):
        since = max(now, state.since)
        return timeline.change(state, beat.status.value, beat.reason, since)
    return []
