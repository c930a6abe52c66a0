"""The wallboard's call list: the calls a caller may see (an agent its own, a supervisor its
groups' agents', an admin all), filtered by agent, group, time, number, disposition and MOS,
each with its recordings."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from softphone.central import floor, recordings
from softphone.central.auth import Principal
from softphone.central.models import Call, Recording
from softphone.central.schemas import CallListItem, RecordingView

_SCAN = 20
"""MOS is inside each call's quality JSON: the list reads this many times `limit` rows at most
to fill a page filtered by it."""


@dataclass(frozen=True)
class CallFilter:
    agent: str | None = None
    group: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    number: str | None = None
    disposition: str | None = None
    mos_min: float | None = None
    mos_max: float | None = None
    limit: int = 200


def call_list(session: Session, who: Principal, wanted: CallFilter) -> list[CallListItem]:
    """Newest first. floor.OutOfScope when the agent or group asked for is not the caller's."""
    scope = floor.visible_agents(session, who, wanted.group)
    if wanted.agent is not None:
        scope = [a for a in scope if a.name == wanted.agent]
        if not scope:
            raise floor.OutOfScope(f"agent {wanted.agent!r}")
    names = {a.user_id: a.name for a in scope}
    by_mos = wanted.mos_min is not None or wanted.mos_max is not None
    scan = wanted.limit * (_SCAN if by_mos else 1)
    found = session.scalars(_query(wanted, list(names)).limit(scan))
    rows = [c for c in found if _mos_fits(c, wanted)][: wanted.limit]
    heard = _recordings_of(session, rows)
    return [
        CallListItem(**floor.call_view(names[c.agent_id], c).model_dump(),
                     recordings=heard.get((c.agent_id, c.call_id), []))
        for c in rows
    ]  # fmt: skip


def _query(wanted: CallFilter, agent_ids: list[int]) -> Select[Call]:
    query = select(Call).where(Call.agent_id.in_(agent_ids)).order_by(Call.start_time.desc())
    if wanted.since is not None:
        query = query.where(Call.start_time >= wanted.since)
    if wanted.until is not None:
        query = query.where(Call.start_time < wanted.until)
    if wanted.disposition is not None:
        query = query.where(Call.disposition == wanted.disposition)
    if wanted.number is not None:
        # The digits in order, whatever separators the agent's record carries (as the
        # deletion requests match): "138 0013" finds "+86 138 0013 8000".
        digits = re.sub(r"\D", "", wanted.number)
        pattern = "%" + "%".join(digits) + "%" if digits else f"%{wanted.number}%"
        query = query.where(
            or_(Call.calling_number.like(pattern), Call.called_number.like(pattern))
        )
    return query


def _mos_fits(call: Call, wanted: CallFilter) -> bool:
    if wanted.mos_min is None and wanted.mos_max is None:
        return True
    mos = (call.quality or {}).get("mos")
    if not isinstance(mos, (int, float)):
        return False
    low = wanted.mos_min if wanted.mos_min is not None else float("-inf")
    high = wanted.mos_max if wanted.mos_max is not None else float("inf")
    return low <= mos <= high


def _recordings_of(
    session: Session, calls: list[Call]
) -> dict[tuple[int, str], list[RecordingView]]:
    found: dict[tuple[int, str], list[RecordingView]] = defaultdict(list)
    if not calls:
        return found
    keys = {c.call_id for c in calls}
    agents = {c.agent_id for c in calls}
    for row in session.scalars(
        select(Recording)
        .where(Recording.agent_id.in_(agents), Recording.call_key.in_(keys))
        .order_by(Recording.started_at)
    ):
        found[(row.agent_id, row.call_key)].append(recordings.view(row))
    return found
