"""What agents send, stored: journal event batches (once per id) and heartbeats, and what the
center derives from them — the agent's current state, its status intervals, its calls — with a
live update staged for every status change and call start or end.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from typing import cast as typed

from pydantic import ValidationError
from sqlalchemy import CursorResult, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from softphone.central.auth import Principal
from softphone.central.live import Envelope
from softphone.central.models import AgentState, Call, Event, StatusInterval
from softphone.central.times import as_utc, utcnow
from softphone.protocol import (
    CallRecord,
    Heartbeat,
    JournalEvent,
    LiveUpdate,
    QualitySample,
    ReadinessReport,
    Rejected,
    StatusChange,
    Wire,
    parse_payload,
)

_INT_RANGE = range(-(2**31), 2**31)


@dataclass
class Outcome:
    stored: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    live: list[Envelope] = field(default_factory=list)


def _check_payload(event: JournalEvent) -> Wire:
    """The typed payload, or ValueError with what a person can fix."""
    try:
        typed = parse_payload(event.kind, event.payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "payload"
        raise ValueError(f"{where}: {first['msg']}") from None
    try:
        json.dumps(event.payload, allow_nan=False)
    except ValueError:
        raise ValueError("payload: numbers must be finite") from None
    if isinstance(typed, CallRecord):
        _check_call(typed)
    for value in (event.device_time, event.corrected_time, *_times_of(typed)):
        if value is not None:
            as_utc(value)
    return typed


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


def _insert(session: Session) -> Any:
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def store_events(session: Session, agent: Principal, events: list[JournalEvent]) -> Outcome:
    """Store new events once; an id already held is acknowledged again, not stored twice."""
    outcome = Outcome()
    typed_by_id: dict[str, Wire] = {}
    rows: list[dict[str, Any]] = []
    for event in events:
        if event.id in typed_by_id:
            continue  # the same id twice in one batch: one event
        try:
            typed = _check_payload(event)
        except ValueError as exc:
            outcome.rejected.append(Rejected(id=event.id, error=str(exc)))
            continue
        typed_by_id[event.id] = typed
        rows.append(_event_row(agent, event, typed))
    if not rows:
        return outcome
    state = _state_of(session, agent.user_id)  # first: one agent's uploads take turns
    insert = _insert(session)
    statement = insert(Event).values(rows).on_conflict_do_nothing().returning(Event.event_id)
    new_ids = set(session.scalars(statement))
    outcome.stored = [row["event_id"] for row in rows]
    for row in rows:
        if row["event_id"] in new_ids:
            outcome.live += _apply(session, agent, state, typed_by_id[row["event_id"]])
    return outcome


def _event_row(agent: Principal, event: JournalEvent, typed: Wire) -> dict[str, Any]:
    return {
        "agent_id": agent.user_id,
        "event_id": event.id,
        "kind": event.kind.value,
        "device_time": as_utc(event.device_time),
        "corrected_time": as_utc(event.corrected_time) if event.corrected_time else None,
        "received_at": utcnow(),
        "call_id": _call_id_of(typed),
        "payload": event.payload,
    }


def _state_of(session: Session, agent_id: int) -> AgentState:
    """The agent's state row, locked for this transaction on PostgreSQL: concurrent uploads of
    one agent take turns, so intervals never overlap and no change is lost."""
    state = session.get(AgentState, agent_id, with_for_update=True)
    if state is None:
        state = AgentState.fresh(agent_id)
        session.add(state)
    return state


def _live(agent: Principal, kind: str, data: dict[str, Any]) -> Envelope:
    update = LiveUpdate(type=kind, agent=agent.name, at=utcnow(), data=data)  # type: ignore[arg-type]
    return Envelope(update, tuple(sorted(agent.groups)))


def _apply(session: Session, agent: Principal, state: AgentState, typed: Wire) -> list[Envelope]:
    if isinstance(typed, StatusChange):
        return _apply_status(session, agent, state, typed)
    if isinstance(typed, CallRecord):
        return _apply_call(session, agent, state, typed)
    if isinstance(typed, QualitySample):
        return _apply_quality(agent, state, typed)
    if isinstance(typed, ReadinessReport):
        state.readiness = typed.model_dump(mode="json")
        return [_live(agent, "readiness", {"overall": typed.overall})]
    return []


def status_data(state: AgentState) -> dict[str, Any]:
    return {
        "status": state.status,
        "reason": state.reason,
        "since": state.since.isoformat(),
        "cellphone_pickup": state.cellphone_pickup,
    }


def change_status(
    session: Session,
    agent: Principal,
    state: AgentState,
    status: str,
    reason: str | None,
    since: datetime,
) -> list[Envelope]:
    """Move the agent to `status` at `since`: close the open interval, open the next one."""
    if since < state.since:
        return []  # an older change arriving late does not overwrite the newer one
    open_interval = session.scalar(
        select(StatusInterval).where(
            StatusInterval.agent_id == agent.user_id, StatusInterval.end.is_(None)
        )
    )
    if open_interval is not None:
        open_interval.end = max(since, open_interval.start)
    session.add(StatusInterval(agent_id=agent.user_id, status=status, reason=reason, start=since))
    state.status, state.reason, state.since = status, reason, since
    return [_live(agent, "status", status_data(state))]


def _apply_status(
    session: Session, agent: Principal, state: AgentState, change: StatusChange
) -> list[Envelope]:
    state.cellphone_pickup = change.cellphone_pickup
    return change_status(
        session, agent, state, change.status.value, change.reason, as_utc(change.since)
    )


def _apply_call(
    session: Session, agent: Principal, state: AgentState, record: CallRecord
) -> list[Envelope]:
    call = session.scalar(
        select(Call).where(Call.agent_id == agent.user_id, Call.call_id == record.call_id)
    )
    first_sight = call is None
    if call is None:
        call = Call(agent_id=agent.user_id, call_id=record.call_id)
        session.add(call)
    was_open = first_sight or call.end_time is None
    values = record.model_dump(exclude={"call_id", "quality"})
    for name in ("start_time", "answer_time", "end_time"):
        if values[name] is not None:
            values[name] = as_utc(values[name])
    for name, value in values.items():
        setattr(call, name, value)
    call.quality = record.quality.model_dump(mode="json") if record.quality else None
    data = _call_data(record)
    if record.end_time is None:
        state.current_call = record.call_id
        state.call_started_at = as_utc(record.answer_time or record.start_time)
        return [_live(agent, "call_started", data)] if first_sight else []
    if state.current_call == record.call_id:
        state.current_call, state.call_started_at, state.call_quality = None, None, None
    return [_live(agent, "call_ended", data)] if was_open else []


def _call_data(record: CallRecord) -> dict[str, Any]:
    return record.model_dump(
        mode="json",
        include={
            "call_id",
            "direction",
            "calling_number",
            "called_number",
            "start_time",
            "answer_time",
            "end_time",
            "connected",
            "duration_s",
            "hung_up_by",
            "quality",
        },
    )


def _apply_quality(agent: Principal, state: AgentState, sample: QualitySample) -> list[Envelope]:
    quality = sample.sample.model_dump(mode="json")
    if state.current_call == sample.call_id and not sample.final:
        state.call_quality = quality
    return [_live(agent, "quality", {"call_id": sample.call_id, **quality})]


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
    # A heartbeat sent before a status change may arrive after it: only a newer one speaks.
    newer = came_back or as_utc(beat.device_time) >= state.since
    if newer and (state.status != beat.status.value or state.reason != beat.reason):
        return change_status(
            session, agent, state, beat.status.value, beat.reason, max(now, state.since)
        )
    return []
