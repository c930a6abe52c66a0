"""The seed's call analytics for supervisors: calls, answered, connection rate, average wait and
call duration, time in each status per agent, current and daily inbound volume.

Aggregated in Python over the period's rows so SQLite and PostgreSQL give identical figures
(their date arithmetic differs); a day of a large floor is a few hundred thousand rows at most.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from softphone.central.auth import Principal
from softphone.central.floor import AgentRef, visible_agents
from softphone.central.models import AgentState, Call, StatusInterval
from softphone.central.schemas import MetricsSummary
from softphone.central.times import utcnow


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def summary(
    session: Session, who: Principal, group: str | None, since: datetime | None
) -> MetricsSummary:
    now = utcnow()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    since = min(since or midnight, now)
    agents = visible_agents(session, who, group)
    ids = [a.user_id for a in agents]
    rows = session.execute(
        select(
            Call.direction,
            Call.connected,
            Call.start_time,
            Call.answer_time,
            Call.end_time,
            Call.duration_s,
        ).where(Call.agent_id.in_(ids), Call.start_time >= since)
    ).all()
    answered = [r for r in rows if r.connected]
    waits = [
        (r.answer_time - r.start_time).total_seconds()
        for r in answered
        if r.answer_time is not None and r.answer_time >= r.start_time
    ]
    inbound_today = session.scalar(
        select(func.count()).where(
            Call.agent_id.in_(ids), Call.direction == "inbound", Call.start_time >= midnight
        )
    )
    inbound_now = session.scalar(
        select(func.count()).where(
            Call.agent_id.in_(ids),
            Call.direction == "inbound",
            Call.end_time.is_(None),
            Call.start_time >= now - timedelta(hours=12),  # a record whose end never came
        )
    )
    statuses = Counter(
        session.scalars(select(AgentState.status).where(AgentState.user_id.in_(ids)))
    )
    never_seen = len(ids) - sum(statuses.values())
    if never_seen:
        statuses["offline"] += never_seen
    return MetricsSummary(
        groups=sorted({g for a in agents for g in a.groups} if group is None else {group}),
        since=since,
        until=now,
        calls=len(rows),
        answered=len(answered),
        connection_rate=round(len(answered) / len(rows), 4) if rows else None,
        average_wait_s=_mean(waits),
        average_duration_s=_mean([r.duration_s for r in answered if r.end_time is not None]),
        inbound_now=int(inbound_now or 0),
        inbound_today=int(inbound_today or 0),
        agents_by_status=dict(statuses),
        time_in_status=_time_in_status(session, agents, since, now),
    )


def _time_in_status(
    session: Session, agents: list[AgentRef], since: datetime, now: datetime
) -> dict[str, dict[str, float]]:
    names = {a.user_id: a.name for a in agents}
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    intervals = session.execute(
        select(
            StatusInterval.agent_id, StatusInterval.status, StatusInterval.start, StatusInterval.end
        ).where(
            StatusInterval.agent_id.in_(list(names)),
            or_(StatusInterval.end.is_(None), StatusInterval.end > since),
        )
    )
    for agent_id, status, start, end in intervals:
        seconds = (min(end or now, now) - max(start, since)).total_seconds()
        if seconds > 0:
            totals[names[agent_id]][status] += seconds
    return {
        name: {status: round(s, 3) for status, s in by_status.items()}
        for name, by_status in totals.items()
    }
