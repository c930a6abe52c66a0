"""Admin endpoints: accounts and groups, the blacklist (entries and imports, followed by agents
as deltas), deletion requests (recordings' audio included), and a purge on demand. Settings
live in `settings_routes`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, status
from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from softphone.central import audit, jobs, recordings
from softphone.central.api.deps import AUTH_RESPONSES, Admin, CentralDep, role
from softphone.central.auth import Principal, regrant_tokens
from softphone.central.blacklist import NUMBER, entries_of
from softphone.central.models import DeletionRequest, Group
from softphone.central.schemas import (
    BlacklistChangeIn,
    BlacklistEntry,
    BlacklistVersion,
    DeletionReport,
    DeletionRequestIn,
    GroupIn,
    PurgeReport,
    UserIn,
    UserOut,
    UserPatch,
)
from softphone.central.settings import blacklist_version, record_blacklist
from softphone.central.times import utcnow
from softphone.central.users import (
    AccountError,
    add_user,
    group_id,
    groups_of,
    list_accounts,
    set_disabled,
    set_groups,
    set_password,
    user_by_name,
)

router = APIRouter(tags=["admin"], responses=AUTH_RESPONSES)
AgentOrAdmin = Annotated[Principal, Depends(role("agent", "admin"))]
UserName = Annotated[str, Path(min_length=1, max_length=128)]
MAX_IMPORT_BYTES = 12 * 1024 * 1024


def _user_out(session: Session, name: str) -> UserOut:
    user = user_by_name(session, name)
    return UserOut(
        name=user.name, role=user.role, groups=groups_of(session, user.id), disabled=user.disabled
    )


@router.get("/admin/users", response_model=list[UserOut])
def get_users(_who: Admin, center: CentralDep) -> list[UserOut]:
    with center.database.reading() as session:
        return [
            UserOut(name=a.name, role=a.role, groups=list(a.groups), disabled=a.disabled)
            for a in list_accounts(session)
        ]


@router.post(
    "/admin/users",
    response_model=UserOut,
    status_code=201,
    responses={409: {"description": "the name is taken"}},
)
def post_user(body: UserIn, who: Admin, center: CentralDep) -> UserOut:
    try:
        with center.database.writing() as session:
            add_user(session, body.name, body.role, body.password, body.groups)
            audit.note(session, who.name, audit.ACCOUNT, body.name,
                       {"role": body.role, "groups": body.groups, "created": True})  # fmt: skip
            return _user_out(session, body.name)
    except AccountError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None


@router.patch(
    "/admin/users/{name}",
    response_model=UserOut,
    responses={404: {"description": "no such user"}},
)
def patch_user(name: UserName, body: UserPatch, who: Admin, center: CentralDep) -> UserOut:
    try:
        with center.database.writing() as session:
            user = user_by_name(session, name)
            if body.role is not None:
                user.role = body.role
            if body.password is not None:
                set_password(session, name, body.password)
            if body.groups is not None:
                set_groups(session, user, body.groups)
            if body.disabled is not None:
                set_disabled(session, name, body.disabled)
            if body.role is not None or body.groups is not None:
                regrant_tokens(session, user.id)  # the other processes: at their next recheck
            answer = _user_out(session, name)
            # Roles and groups decide whose recordings one hears: every change is audited.
            change = body.model_dump(exclude_none=True, exclude={"password"})
            audit.note(session, who.name, audit.ACCOUNT, name,
                       {**change, "password_changed": body.password is not None})  # fmt: skip
        center.tokens.forget(user=name)  # new role, groups or disabling: effective at once
        return answer
    except AccountError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None


@router.get("/admin/groups", response_model=list[str])
def get_groups(_who: Admin, center: CentralDep) -> list[str]:
    with center.database.reading() as session:
        return list(session.scalars(select(Group.name).order_by(Group.name)))


@router.post("/admin/groups", status_code=204)
def post_group(body: GroupIn, _who: Admin, center: CentralDep) -> None:
    with center.database.writing() as session:
        group_id(session, body.name)


@router.delete("/admin/groups/{name}", status_code=204)
def delete_group(
    name: Annotated[str, Path(min_length=1, max_length=128)], _who: Admin, center: CentralDep
) -> None:
    """Its members simply no longer belong to it."""
    with center.database.writing() as session:
        session.execute(delete(Group).where(Group.name == name))


@router.post("/admin/blacklist", response_model=BlacklistVersion)
def post_blacklist(body: BlacklistChangeIn, who: Admin, center: CentralDep) -> BlacklistVersion:
    """Adds and removes numbers (E.164); agents receive them in their next delta."""
    _check_numbers(body.add + body.remove)
    with center.database.writing() as session:
        version = record_blacklist(session, body.add, "add", who.name) if body.add else 0
        if body.remove:
            version = record_blacklist(session, body.remove, "remove", who.name)
        return BlacklistVersion(version=version or _current(session))


@router.get("/admin/blacklist/{number}", response_model=list[BlacklistEntry])
def get_blacklist_entries(
    number: Annotated[str, Path(pattern=f"^{NUMBER.pattern}$")],
    _who: Admin,
    center: CentralDep,
) -> list[BlacklistEntry]:
    """A number's changes on the blacklist, oldest first: who asked (an agent whose customer
    asked not to be called, or an admin), when, and why."""
    with center.database.reading() as session:
        return [BlacklistEntry.model_validate(row) for row in entries_of(session, number)]


@router.post(
    "/admin/blacklist/import",
    response_model=BlacklistVersion,
    openapi_extra={
        "requestBody": {"content": {"text/plain": {"schema": {"type": "string"}}}, "required": True}
    },
)
def import_blacklist(
    who: Admin,
    center: CentralDep,
    body: Annotated[str, Body(media_type="text/plain", max_length=MAX_IMPORT_BYTES)],
) -> BlacklistVersion:
    """A do-not-call file: one number per line (blank lines and `#` comments ignored)."""
    numbers = [
        line.strip() for line in body.splitlines() if line.strip() and not line.startswith("#")
    ]
    _check_numbers(numbers)
    with center.database.writing() as session:
        version = (
            record_blacklist(session, numbers, "add", who.name) if numbers else _current(session)
        )
        return BlacklistVersion(version=version)


def _current(session: Session) -> int:
    return blacklist_version(session)


def _check_numbers(numbers: list[str]) -> None:
    bad = [n for n in numbers if not NUMBER.fullmatch(n)]
    if bad:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            [
                {
                    "loc": ["body"],
                    "msg": f"not a phone number: {bad[0][:40]!r}",
                    "type": "value_error",
                }
            ],
        )


@router.post(
    "/deletion-requests",
    response_model=DeletionReport,
    status_code=201,
    responses={404: {"description": "no such agent"}},
    tags=["admin"],
)
def post_deletion_request(
    body: DeletionRequestIn, who: Admin, center: CentralDep
) -> DeletionReport:
    """Erases a phone number's or an agent's data centrally, within this request; agents erase
    the number locally on their next blacklist delta. A number is matched by its E.164 key
    (a national number read in the policy's `default_region`) and has at least 7 digits."""
    if (body.number is None) == (body.agent is None):
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            [
                {
                    "loc": ["body"],
                    "msg": "give exactly one of number or agent",
                    "type": "value_error",
                }
            ],
        )
    kind, subject = ("number", body.number) if body.number else ("agent", body.agent)
    assert subject is not None
    try:
        with center.database.writing() as session:
            report = jobs.record_deletion(session, kind, subject, who.name, utcnow())
        recordings.delete_doomed(center.store, recordings.doomed(session))  # committed: files go
        return report
    except AccountError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None
    except ValueError as exc:  # no phone number, or under 7 digits: nothing is erased
        detail = [{"loc": ["body", "number"], "msg": str(exc)[:200], "type": "value_error"}]
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail) from None


@router.get("/deletion-requests", response_model=list[DeletionReport])
def get_deletion_requests(
    who: AgentOrAdmin,
    center: CentralDep,
    since: Annotated[int, Query(ge=0, le=2**31 - 1, description="only requests after this id")] = 0,
) -> list[DeletionReport]:
    """Newest first. An admin sees every request; an agent those its device must carry out —
    every number's and its own (`subject_kind` agent) — to erase its local copies, recordings
    included."""
    query = select(DeletionRequest).where(DeletionRequest.id > since)
    if who.role == "agent":
        query = query.where(
            or_(
                DeletionRequest.subject_kind == "number",
                and_(DeletionRequest.subject_kind == "agent", DeletionRequest.subject == who.name),
            )
        )
    with center.database.reading() as session:
        rows = session.scalars(query.order_by(DeletionRequest.id.desc()))
        return [
            DeletionReport(
                id=r.id,
                subject_kind=r.subject_kind,  # type: ignore[arg-type]
                subject=r.subject,
                requested_at=r.requested_at,
                removed=r.removed,
            )
            for r in rows
        ]


@router.post("/admin/retention/purge", response_model=PurgeReport)
def purge_now(_who: Admin, center: CentralDep) -> PurgeReport:
    """Runs the retention purge now (it also runs on its own every hour)."""
    with center.database.writing() as session:
        report = jobs.purge_expired(session, utcnow())
    recordings.delete_doomed(center.store, recordings.doomed(session))
    return report
