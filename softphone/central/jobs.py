"""The center's housekeeping: agents whose heartbeats stopped are marked offline (and the
wallboard told), data past its retention period is purged, and deletion requests erase a
phone number's or an agent's data. Each runs as one transaction; the first two also on a timer.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from typing import cast as typed

from sqlalchemy import CursorResult, Text, cast, delete, or_, select, update
from sqlalchemy.orm import Session

from softphone.central.agent_rows import lock_agent, save_agent
from softphone.central.auth import Principal, purge_expired_tokens
from softphone.central.derive import Timeline
from softphone.central.live import Envelope
from softphone.central.models import (
    AgentState,
    Call,
    DeletionRequest,
    Event,
    StatusInterval,
    User,
)
from softphone.central.schemas import DeletionReport, PurgeReport
from softphone.central.settings import get_setting, record_blacklist
from softphone.central.users import groups_of, user_by_name

CALL_DATA_KINDS = ("call_record", "quality", "sip_trace", "status")
LOG_KINDS = ("operation", "readiness")


def _count(session: Session, statement: Any) -> int:
    return int(typed(CursorResult[Any], session.execute(statement)).rowcount)


def mark_silent_agents_offline(
    session: Session, offline_after_s: float, now: datetime
) -> list[Envelope]:
    cutoff = now - timedelta(seconds=offline_after_s)
    silent = session.scalars(
        select(AgentState.user_id)
        .where(AgentState.online.is_(True), AgentState.last_heartbeat < cutoff)
        .order_by(AgentState.user_id)  # rows locked in one order by every writer of many
        .with_for_update(skip_locked=True)  # PostgreSQL: two processes never both mark one
    ).all()
    live: list[Envelope] = []
    for user_id in silent:
        user = session.get(User, user_id)
        if user is None:
            continue
        who = Principal(user.id, user.name, user.role, frozenset(groups_of(session, user.id)))
        state = lock_agent(session, user_id)  # held already: this reads it
        state.online = False
        state.current_call, state.call_started_at, state.call_quality = None, None, None
        timeline = Timeline(who)
        live += timeline.change(state, "offline", "no heartbeat", max(now, state.since))
        save_agent(session, state, timeline.changes)
    return live


def purge_expired(session: Session, now: datetime) -> PurgeReport:
    """Call data and analytics older than `call_days`; logs only when `log_days` is set;
    expired tokens."""
    retention = get_setting(session, "retention")
    cutoff = now - timedelta(days=int(retention["call_days"]))
    calls = _count(session, delete(Call).where(Call.start_time < cutoff))
    events = _count(
        session, delete(Event).where(Event.kind.in_(CALL_DATA_KINDS), Event.device_time < cutoff)
    )
    intervals = _count(session, delete(StatusInterval).where(StatusInterval.end < cutoff))
    if retention.get("log_days"):
        log_cutoff = now - timedelta(days=int(retention["log_days"]))
        events += _count(
            session, delete(Event).where(Event.kind.in_(LOG_KINDS), Event.device_time < log_cutoff)
        )
    tokens = purge_expired_tokens(session, now)
    return PurgeReport(calls=calls, events=events, intervals=intervals, tokens=tokens)


def _like_literal(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def erase_number(session: Session, number: str) -> dict[str, int]:
    """Every central trace of a phone number; agents erase theirs on their next delta."""
    matching = or_(Call.calling_number == number, Call.called_number == number)
    call_keys = session.execute(select(Call.agent_id, Call.call_id).where(matching)).all()
    events = 0
    for agent_id, call_id in call_keys:
        events += _count(
            session, delete(Event).where(Event.agent_id == agent_id, Event.call_id == call_id)
        )
    events += _count(
        session,
        delete(Event).where(cast(Event.payload, Text).like(_like_literal(number), escape="\\")),
    )
    calls = _count(session, delete(Call).where(matching))
    session.execute(
        update(AgentState)
        .where(AgentState.current_call.in_([c for _, c in call_keys]))
        .values(current_call=None, call_started_at=None, call_quality=None)
    )
    record_blacklist(session, [number], "erase")
    return {"calls": calls, "events": events}


def erase_agent(session: Session, name: str) -> dict[str, int]:
    """An agent's calls, events, intervals and live state; the account itself stays."""
    user = user_by_name(session, name)
    removed = {
        "calls": _count(session, delete(Call).where(Call.agent_id == user.id)),
        "events": _count(session, delete(Event).where(Event.agent_id == user.id)),
        "intervals": _count(
            session, delete(StatusInterval).where(StatusInterval.agent_id == user.id)
        ),
    }
    session.execute(delete(AgentState).where(AgentState.user_id == user.id))
    return removed


def record_deletion(
    session: Session, kind: str, subject: str, by: str, now: datetime
) -> DeletionReport:
    removed = erase_number(session, subject) if kind == "number" else erase_agent(session, subject)
    request = DeletionRequest(
        subject_kind=kind, subject=subject, requested_by=by, requested_at=now, removed=removed
    )
    session.add(request)
    session.flush()
    return DeletionReport(
        id=request.id,
        subject_kind=kind,  # type: ignore[arg-type]
        subject=subject,
        requested_at=now,
        removed=removed,
    )
