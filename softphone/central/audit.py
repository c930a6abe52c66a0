"""The center's audit log: every playback and download of a recording, every deletion (by
request or by the retention purge) and every settings change — who, what, when — written in
the same transaction as the act — and every change of an account's role or groups (which
decide whose recordings one hears), readable by admins, and itself purged after `audit_days`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from softphone.central.models import AuditEntry
from softphone.central.times import utcnow

PLAY = "recording.play"
DOWNLOAD = "recording.download"
DELETE_RECORDING = "recording.delete"
DELETION_REQUEST = "deletion_request"
SETTINGS = "settings.change"
ACCOUNT = "account.change"
ACTIONS = (PLAY, DOWNLOAD, DELETE_RECORDING, DELETION_REQUEST, SETTINGS, ACCOUNT)
SYSTEM = "(retention)"
"""The actor of what the center does on its own (the hourly purge)."""


def note(
    session: Session, actor: str, action: str, subject: str, detail: dict[str, Any] | None = None
) -> None:
    """One audit row, in the caller's transaction: no act without its row, no row without it."""
    session.add(
        AuditEntry(at=utcnow(), actor=actor, action=action, subject=subject[:256],
                   detail=detail or {})
    )  # fmt: skip


@dataclass(frozen=True)
class AuditQuery:
    actor: str | None = None
    action: str | None = None
    subject: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 1000


def entries(session: Session, query: AuditQuery) -> list[AuditEntry]:
    """Newest first."""
    statement = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(query.limit)
    if query.actor is not None:
        statement = statement.where(AuditEntry.actor == query.actor)
    if query.action is not None:
        statement = statement.where(AuditEntry.action == query.action)
    if query.subject is not None:
        statement = statement.where(AuditEntry.subject == query.subject)
    if query.since is not None:
        statement = statement.where(AuditEntry.at >= query.since)
    if query.until is not None:
        statement = statement.where(AuditEntry.at < query.until)
    return list(session.scalars(statement))


def purge(session: Session, days: int, now: datetime) -> int:
    gone = session.execute(delete(AuditEntry).where(AuditEntry.at < now - timedelta(days=days)))
    return int(getattr(gone, "rowcount", 0) or 0)
