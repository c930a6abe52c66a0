"""What supervisors read about the floor: which agents a caller may see, each agent's current
state, and the calls of those agents. An agent sees itself, a supervisor the agents of the groups
it supervises, an admin everyone."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from softphone.central.auth import Principal
from softphone.central.models import AgentState, Call, Group, Membership, User
from softphone.central.schemas import AgentOverview, CallView
from softphone.central.times import utcnow


class OutOfScope(Exception):
    """The caller asked about an agent or group it may not see."""


@dataclass(frozen=True)
class AgentRef:
    user_id: int
    name: str
    groups: tuple[str, ...]


def _all_agents(session: Session) -> list[AgentRef]:
    groups: dict[int, list[str]] = defaultdict(list)
    for user_id, name in session.execute(
        select(Membership.user_id, Group.name).join(Group, Group.id == Membership.group_id)
    ):
        groups[user_id].append(name)
    agents = session.execute(
        select(User.id, User.name).where(User.role == "agent").order_by(User.name)
    )
    return [AgentRef(uid, name, tuple(sorted(groups[uid]))) for uid, name in agents]


def visible_agents(session: Session, who: Principal, group: str | None = None) -> list[AgentRef]:
    """The agents `who` may see, optionally only those of one group (which it must see)."""
    if who.role == "agent":
        if group is not None and group not in who.groups:
            raise OutOfScope(f"group {group!r}")
        return [AgentRef(who.user_id, who.name, tuple(sorted(who.groups)))]
    if group is not None and who.role == "supervisor" and group not in who.groups:
        raise OutOfScope(f"group {group!r}")
    wanted = {group} if group is not None else (None if who.is_admin else set(who.groups))
    return [a for a in _all_agents(session) if wanted is None or not wanted.isdisjoint(a.groups)]


def agent_in_scope(session: Session, who: Principal, name: str) -> AgentRef:
    for agent in visible_agents(session, who):
        if agent.name == name:
            return agent
    raise OutOfScope(f"agent {name!r}")


def overview(session: Session, who: Principal, group: str | None = None) -> list[AgentOverview]:
    agents = visible_agents(session, who, group)
    states = {
        s.user_id: s
        for s in session.scalars(
            select(AgentState).where(AgentState.user_id.in_([a.user_id for a in agents]))
        )
    }
    return [_overview_of(agent, states.get(agent.user_id)) for agent in agents]


def _overview_of(agent: AgentRef, state: AgentState | None) -> AgentOverview:
    if state is None:
        return AgentOverview(
            agent=agent.name,
            status="offline",
            reason=None,
            since=utcnow(),
            online=False,
            current_call=None,
            call_started_at=None,
            call_quality=None,
            skill_groups=list(agent.groups),
            cellphone_pickup=False,
            last_heartbeat=None,
            readiness=None,
        )
    return AgentOverview(
        agent=agent.name,
        status=state.status,
        reason=state.reason,
        since=state.since,
        online=state.online,
        current_call=state.current_call,
        call_started_at=state.call_started_at,
        call_quality=state.call_quality,
        skill_groups=list(agent.groups),
        cellphone_pickup=state.cellphone_pickup,
        last_heartbeat=state.last_heartbeat,
        readiness=state.readiness,
    )


def calls(
    session: Session,
    who: Principal,
    agent: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
) -> list[CallView]:
    scope = [agent_in_scope(session, who, agent)] if agent else visible_agents(session, who)
    names = {a.user_id: a.name for a in scope}
    query = select(Call).where(Call.agent_id.in_(list(names))).order_by(Call.start_time.desc())
    if since is not None:
        query = query.where(Call.start_time >= since)
    if until is not None:
        query = query.where(Call.start_time < until)
    return [call_view(names[c.agent_id], c) for c in session.scalars(query.limit(limit))]


def call_view(agent: str, call: Call) -> CallView:
    return CallView(
        agent=agent,
        call_id=call.call_id,
        direction=call.direction,
        terminal=call.terminal,
        calling_number=call.calling_number,
        called_number=call.called_number,
        start_time=call.start_time,
        answer_time=call.answer_time,
        end_time=call.end_time,
        connected=call.connected,
        duration_s=call.duration_s,
        hung_up_by=call.hung_up_by,
        end_reason=call.end_reason,
        remarks=call.remarks,
        disposition=call.disposition,
        skill_group=call.skill_group,
        satisfaction=call.satisfaction,
        voicemail=call.voicemail,
        quality=call.quality,
    )
