"""What supervisors read: the agents, their calls, the summary metrics — each within the
caller's scope (agent: itself; supervisor: its groups; admin: everyone)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from softphone.central import floor, metrics
from softphone.central.api.deps import AUTH_RESPONSES, CentralDep, Reader
from softphone.central.auth import Principal
from softphone.central.guard import validation_detail
from softphone.central.schemas import AgentOverview, CallView, MetricsSummary
from softphone.central.times import as_utc

router = APIRouter(tags=["supervisor"], responses=AUTH_RESPONSES)
Group = Annotated[str | None, Query(min_length=1, max_length=128)]


def _utc(value: datetime | None, name: str) -> datetime | None:
    try:
        return None if value is None else as_utc(value)
    except ValueError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, validation_detail(str(exc), name)
        ) from None


def _out_of_scope(exc: floor.OutOfScope) -> HTTPException:
    return HTTPException(status.HTTP_403_FORBIDDEN, f"not yours to see: {exc}")


@router.get("/agents", response_model=list[AgentOverview])
def get_agents(who: Reader, center: CentralDep, group: Group = None) -> list[AgentOverview]:
    center.beats.flush()  # this process's latest heartbeats are part of the picture
    try:
        with center.database.reading() as session:
            return floor.overview(session, who, group)
    except floor.OutOfScope as exc:
        raise _out_of_scope(exc) from None


@router.get("/calls", response_model=list[CallView])
def get_calls(
    who: Reader,
    center: CentralDep,
    agent: Annotated[str | None, Query(min_length=1, max_length=128)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> list[CallView]:
    """Newest first."""
    try:
        with center.database.reading() as session:
            return floor.calls(
                session, who, agent, _utc(since, "since"), _utc(until, "until"), limit
            )
    except floor.OutOfScope as exc:
        raise _out_of_scope(exc) from None


@router.get("/metrics/summary", response_model=MetricsSummary)
def get_summary(
    who: Reader, center: CentralDep, group: Group = None, since: datetime | None = None
) -> MetricsSummary:
    """Since midnight UTC unless `since` is given."""
    _no_agents(who)
    try:
        with center.database.reading() as session:
            return metrics.summary(session, who, group, _utc(since, "since"))
    except floor.OutOfScope as exc:
        raise _out_of_scope(exc) from None


def _no_agents(who: Principal) -> None:
    if who.role == "agent":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "team metrics are for supervisors")
