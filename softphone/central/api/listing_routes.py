"""The call list with recordings (wallboard) and the audit log (admins)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from softphone.central import audit, floor
from softphone.central.api.deps import AUTH_RESPONSES, Admin, CentralDep, Reader
from softphone.central.api.floor_routes import _utc
from softphone.central.calllist import CallFilter, call_list
from softphone.central.schemas import AuditRow, CallListItem

router = APIRouter(responses=AUTH_RESPONSES)
Text = Annotated[str | None, Query(min_length=1, max_length=128)]


@router.get("/call-list", response_model=list[CallListItem], tags=["supervisor"])
def get_call_list(
    who: Reader,
    center: CentralDep,
    agent: Text = None,
    group: Text = None,
    since: datetime | None = None,
    until: datetime | None = None,
    number: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    disposition: Text = None,
    mos_min: Annotated[float | None, Query(ge=0, le=5)] = None,
    mos_max: Annotated[float | None, Query(ge=0, le=5)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[CallListItem]:
    """Calls newest first, each with its recordings; 403 for an agent or group not yours."""
    wanted = CallFilter(
        agent, group, _utc(since, "since"), _utc(until, "until"), number, disposition,
        mos_min, mos_max, limit,
    )  # fmt: skip
    try:
        with center.database.reading() as session:
            return call_list(session, who, wanted)
    except floor.OutOfScope as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"not yours to see: {exc}") from None


@router.get("/admin/audit", response_model=list[AuditRow], tags=["admin"])
def get_audit(
    _who: Admin,
    center: CentralDep,
    actor: Text = None,
    action: Annotated[str | None, Query(min_length=1, max_length=32)] = None,
    subject: Annotated[str | None, Query(min_length=1, max_length=256)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> list[AuditRow]:
    """Playbacks, downloads, deletions and settings changes, newest first. Actions:
    recording.play, recording.download, recording.delete, deletion_request, settings.change,
    account.change."""
    query = audit.AuditQuery(actor, action, subject, _utc(since, "since"), _utc(until, "until"),
                             limit)  # fmt: skip
    with center.database.reading() as session:
        return [
            AuditRow(id=e.id, at=e.at, actor=e.actor, action=e.action, subject=e.subject,
                     detail=e.detail)
            for e in audit.entries(session, query)
        ]  # fmt: skip
