"""What agents send, stored: journal event batches (once per id) and heartbeats. Each event is
checked, the batch is inserted in one statement that skips ids already held, and only the new
events are applied (`derive`) to the agent's state, intervals and calls, with live updates.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from typing import cast as typed

from pydantic import ValidationError
from sqlalchemy import JSON, CursorResult, Table, bindparam, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

from softphone.central.auth import Principal
from softphone.central.derive import BatchApplier, Timeline
from softphone.central.live import Envelope
from softphone.central.models import AgentState, Event
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


def _new_event_statement(dialect: str) -> Any:
    """INSERT … ON CONFLICT DO NOTHING RETURNING event_id: built once per dialect, executed with
    a list of rows (SQLAlchemy sends them as few multi-row statements, compiled once)."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(_EVENTS).values(payload=bindparam("payload", type_=_JsonText()))
    return statement.on_conflict_do_nothing().returning(_EVENTS.c.event_id)


_EVENTS = typed(Table, Event.__table__)
_NEW_EVENTS = {name: _new_event_statement(name) for name in ("postgresql", "sqlite")}


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
    session: Session, agent: Principal, events: list[JournalEvent] | CheckedBatch
) -> Outcome:
    """Store new events once; an id already held is acknowledged again, not stored twice."""
    checked = events if isinstance(events, CheckedBatch) else check_events(agent, events)
    outcome = Outcome(rejected=checked.rejected)
    rows = checked.rows
    if not rows:
        return outcome
    state = _state_of(session, agent.user_id)  # first: one agent's uploads take turns
    dialect = session.get_bind().dialect.name
    new_ids = set(session.connection().execute(_NEW_EVENTS[dialect], rows).scalars())
    outcome.stored = [row["event_id"] for row in rows]
    fresh = [checked.typed_by_id[row["event_id"]] for row in rows if row["event_id"] in new_ids]
    outcome.live = BatchApplier(session, agent, state).apply_all(fresh)
    return outcome


def ingest_batch(center: Central, agent: Principal, events: list[JournalEvent]) -> EventAck:
    """One upload, whole: checked outside the write lock, stored in one transaction with its
    live updates, answered with the ids held and the ids refused (the route and the short road
    in `fastpath` both come here, so they answer alike)."""
    checked = check_events(agent, events)  # before the write lock
    with center.database.writing() as session:
        outcome = store_events(session, agent, checked)
        center.feed.stage(session, outcome.live)
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


def _state_of(session: Session, agent_id: int) -> AgentState:
    """The agent's state row, locked for this transaction on PostgreSQL: concurrent uploads of
    one agent take turns, so intervals never overlap and no change is lost."""
    state = session.get(AgentState, agent_id, with_for_update=True)
    if state is None:
        state = AgentState.fresh(agent_id)
        session.add(state)
    return state


def change_status(
    session: Session,
    agent: Principal,
    state: AgentState,
    status: str,
    reason: str | None,
    since: datetime,
) -> list[Envelope]:
    """Move the agent to `status` at `since`: close the open interval, open the next one."""
    return Timeline(session, agent).change(state, status, reason, since)


def _unchanged_beat(session: Session, agent: Principal, beat: Heartbeat, now: datetime) -> bool:
    """The common case in one UPDATE: online, same status and reason — only the time moves."""
    same_reason = (
        AgentState.reason.is_(None) if beat.reason is None else AgentState.reason == beat.reason
    )
    done = session.execute(
        update(AgentState)
        .where(
            AgentState.user_id == agent.user_id,
            AgentState.online.is_(True),
            AgentState.status == beat.status.value,
            same_reason,
        )
        .values(last_heartbeat=now, cellphone_pickup=beat.cellphone_pickup)
    )
    return bool(typed(CursorResult[Any], done).rowcount == 1)


def record_heartbeat(session: Session, agent: Principal, beat: Heartbeat) -> list[Envelope]:
    """Fresh heartbeat: the agent is online; a status the center missed is taken from it."""
    now = utcnow()
    if _unchanged_beat(session, agent, beat, now):
        return []
    state = _state_of(session, agent.user_id)
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
        return change_status(
            session, agent, state, beat.status.value, beat.reason, max(now, state.since)
        )
    return []
