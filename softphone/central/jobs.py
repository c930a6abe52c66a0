"""The center's housekeeping: agents whose heartbeats stopped are marked offline (and the
wallboard told), data past its retention period is purged, and deletion requests erase a
phone number's (matched by E.164 key, as agents match it) or an agent's data. Each runs as one
transaction; the first two also on a timer.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from typing import cast as typed

import phonenumbers
from sqlalchemy import CursorResult, Text, and_, cast, delete, or_, select, update
from sqlalchemy.orm import Session

from softphone.central import audit, recordings
from softphone.central.agent_rows import lock_agent, save_agent
from softphone.central.auth import Principal, purge_expired_tokens
from softphone.central.derive import Timeline
from softphone.central.live import Envelope
from softphone.central.models import (
    AgentState,
    Call,
    DeletionRequest,
    Event,
    ListenTicket,
    Recording,
    StatusInterval,
    User,
)
from softphone.central.schemas import DeletionReport, PurgeReport
from softphone.central.settings import get_setting, record_blacklist
from softphone.central.users import groups_of, user_by_name
from softphone.compliance.number_match import NumberMatch, subject_key
from softphone.compliance.policy import Policy

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
    recordings older than `recording_days` (their audio goes once this commits, see
    `recordings.doomed`); audit rows older than `audit_days`; expired tokens and tickets."""
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
    kept = {"recording_days": 183, "audit_days": 183, **retention}
    gone = recordings.purge(session, int(kept["recording_days"]), now)
    audited = audit.purge(session, int(kept["audit_days"]), now)
    session.execute(delete(ListenTicket).where(ListenTicket.expires_at < now))
    tokens = purge_expired_tokens(session, now)
    return PurgeReport(
        calls=calls,
        events=events,
        intervals=intervals,
        tokens=tokens,
        recordings=gone,
        audit=audited,
    )


def erase_number(session: Session, number: str, by: str = audit.SYSTEM) -> dict[str, int]:
    """Every central trace of a phone number, matched by its E.164 key as agents match it
    (`softphone.compliance.number_match`): its calls however the agent wrote the number, and
    the events that name it, the recordings of those calls; agents erase theirs on their next
    delta. ValueError when `number` is no phone number or has fewer than 7 digits."""
    region = deletion_region(session)
    match = NumberMatch(subject_key(number, region), region)
    # SQL narrows the rows to those holding the number's last digits in order (separators
    # and all); Python then decides by E.164 key. "LIKE %number%" took +49301234567 for
    # +4930123456 and missed "138 0013 8000"; equality missed every national form.
    tail = _in_order(match.tail)
    calls = [
        (row.id, row.agent_id, row.call_id)
        for row in session.execute(
            select(
                Call.id, Call.agent_id, Call.call_id, Call.calling_number, Call.called_number
            ).where(or_(Call.calling_number.like(tail), Call.called_number.like(tail)))
        )
        if match.is_number(row.calling_number) or match.is_number(row.called_number)
    ]
    events = 0
    heard = 0
    for _, agent_id, call_id in calls:
        heard += recordings.forget(
            session,
            and_(Recording.agent_id == agent_id, Recording.call_key == call_id),
            by,
            "deletion request",
        )
        events += _count(
            session, delete(Event).where(Event.agent_id == agent_id, Event.call_id == call_id)
        )
    naming = [
        (row.agent_id, row.event_id)
        for row in session.execute(
            select(Event.agent_id, Event.event_id, Event.payload).where(
                cast(Event.payload, Text).like(tail)
            )
        )
        if match.names(json.dumps(row.payload))
    ]
    for agent_id, event_id in naming:
        events += _count(
            session, delete(Event).where(Event.agent_id == agent_id, Event.event_id == event_id)
        )
    erased = _count(session, delete(Call).where(Call.id.in_([c[0] for c in calls])))
    session.execute(
        update(AgentState)
        .where(AgentState.current_call.in_([c[2] for c in calls]))
        .values(current_call=None, call_started_at=None, call_quality=None)
    )
    record_blacklist(session, [match.key], "erase")  # agents get the key, not a national form
    return {"calls": erased, "events": events, "recordings": heard}


def deletion_region(session: Session) -> str:
    """Where a national number is read: the policy setting's `default_region` (as agents'
    compliance policy has it), CN when unset."""
    region = get_setting(session, "policy").get("default_region")
    return region if region in phonenumbers.SUPPORTED_REGIONS else Policy.default_region


def _in_order(digits: str) -> str:
    return "%" + "%".join(digits) + "%"


def erase_agent(session: Session, name: str, by: str = audit.SYSTEM) -> dict[str, int]:
    """An agent's calls, events, intervals, recordings and live state; the account stays."""
    user = user_by_name(session, name)
    removed = {
        "recordings": recordings.forget(
            session, Recording.agent_id == user.id, by, "deletion request"
        ),
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
    if kind == "number":
        subject = subject_key(subject, deletion_region(session))  # the key that was erased
    erase = erase_number if kind == "number" else erase_agent
    removed = erase(session, subject, by)
    request = DeletionRequest(
        subject_kind=kind, subject=subject, requested_by=by, requested_at=now, removed=removed
    )
    session.add(request)
    session.flush()
    audit.note(session, by, audit.DELETION_REQUEST, f"{kind}:{subject}", {"removed": removed})
    return DeletionReport(
        id=request.id,
        subject_kind=kind,  # type: ignore[arg-type]
        subject=subject,
        requested_at=now,
        removed=removed,
    )
