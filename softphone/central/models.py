"""The central service's tables (SQLAlchemy 2): users and groups, tokens, journal events as the
agents sent them, and what the center derives from them (agent state, status intervals, calls),
plus settings and the versioned blacklist change log.

Times are stored as naive UTC and handed back timezone-aware (`UtcDateTime`), so SQLite and
PostgreSQL behave alike. Migrations in `migrations/` create exactly these tables.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, naive UTC in the database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime, dict[str, Any]: JSON}


ROLES = ("agent", "supervisor", "admin")
NEVER = datetime(1970, 1, 1, tzinfo=timezone.utc)


class Group(Base):
    __tablename__ = "groups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]


class Membership(Base):
    """An agent belongs to its skill groups; a supervisor supervises its groups."""

    __tablename__ = "memberships"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )


class Token(Base):
    __tablename__ = "tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    issued_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    __table_args__ = (  # the recheck reads recent ones each second; the purge the expired
        Index("ix_tokens_issued_at", "issued_at"),
        Index("ix_tokens_revoked_at", "revoked_at"),
        Index("ix_tokens_expires_at", "expires_at"),
    )


class Event(Base):
    """A journal event exactly as the agent sent it; (agent, id) makes a resend harmless."""

    __tablename__ = "events"
    agent_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    device_time: Mapped[datetime]
    corrected_time: Mapped[datetime | None]
    received_at: Mapped[datetime]
    call_id: Mapped[str | None] = mapped_column(String(256))
    payload: Mapped[dict[str, Any]]
    __table_args__ = (
        Index("ix_events_kind_received", "kind", "received_at"),
        Index("ix_events_call", "call_id"),
    )


class AgentState(Base):
    """What the wallboard shows for one agent, kept current as events and heartbeats arrive."""

    __tablename__ = "agent_states"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16), default="offline")
    reason: Mapped[str | None] = mapped_column(Text)
    since: Mapped[datetime]
    current_call: Mapped[str | None] = mapped_column(String(256))
    call_started_at: Mapped[datetime | None]
    call_quality: Mapped[dict[str, Any] | None]
    cellphone_pickup: Mapped[bool] = mapped_column(Boolean, default=False)
    last_heartbeat: Mapped[datetime | None]
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    readiness: Mapped[dict[str, Any] | None]

    @classmethod
    def fresh(cls, agent_id: int) -> AgentState:
        """Never seen: offline "since ever", so the first status, however old, applies."""
        return cls(user_id=agent_id, status="offline", since=NEVER, online=False)


class StatusInterval(Base):
    """One stretch of time in one status; the open one has no end."""

    __tablename__ = "status_intervals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    start: Mapped[datetime]
    end: Mapped[datetime | None]
    __table_args__ = (Index("ix_intervals_agent_start", "agent_id", "start"),)


class Call(Base):
    """One call as the agent's call records describe it; the latest record wins."""

    __tablename__ = "calls"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    call_id: Mapped[str] = mapped_column(String(256))
    direction: Mapped[str] = mapped_column(String(8))
    terminal: Mapped[str] = mapped_column(Text)
    calling_number: Mapped[str] = mapped_column(String(64), index=True)
    called_number: Mapped[str] = mapped_column(String(64), index=True)
    start_time: Mapped[datetime] = mapped_column(index=True)
    answer_time: Mapped[datetime | None]
    end_time: Mapped[datetime | None]
    connected: Mapped[bool] = mapped_column(Boolean)
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    hung_up_by: Mapped[str | None] = mapped_column(String(16))
    end_reason: Mapped[str | None] = mapped_column(Text)
    remarks: Mapped[str | None] = mapped_column(Text)
    disposition: Mapped[str | None] = mapped_column(Text)
    skill_group: Mapped[str | None] = mapped_column(Text)
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    voicemail: Mapped[bool] = mapped_column(Boolean, default=False)
    quality: Mapped[dict[str, Any] | None]
    __table_args__ = (UniqueConstraint("agent_id", "call_id", name="uq_calls_agent_call"),)


class Setting(Base):
    """One piece of configuration (policy, wrap-up, reason codes, retention …) as JSON."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class BlacklistChange(Base):
    """The blacklist as a log: each add, remove or erase (deletion request) gets a version."""

    __tablename__ = "blacklist_changes"
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(64), index=True)
    op: Mapped[str] = mapped_column(String(8))
    at: Mapped[datetime]
    # Who asked and why: the agent whose customer asked not to be called (and what was said),
    # or the admin who added or imported it. Empty for changes made before these were kept.
    who: Mapped[str | None] = mapped_column(String(128))
    reason: Mapped[str | None] = mapped_column(Text)


class DeletionRequest(Base):
    __tablename__ = "deletion_requests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_kind: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(128))
    requested_by: Mapped[str] = mapped_column(String(128))
    requested_at: Mapped[datetime]
    removed: Mapped[dict[str, Any]]


class Recording(Base):
    """A call's recording as its agent's device announced it; the audio is in the store under
    `id`. `complete` once every byte arrived and the SHA-256 matched."""

    __tablename__ = "recordings"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    call_key: Mapped[str] = mapped_column(String(256))
    started_at: Mapped[datetime]
    duration_s: Mapped[float] = mapped_column(Float)
    channels: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(8))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    incomplete: Mapped[bool] = mapped_column(Boolean)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    announced_at: Mapped[datetime]
    completed_at: Mapped[datetime | None]
    __table_args__ = (
        Index("ix_recordings_agent_call", "agent_id", "call_key"),
        Index("ix_recordings_started_at", "started_at"),
    )


class ListenTicket(Base):
    """A short-lived permission for one person to fetch one recording by URL: an HTML audio
    element sends no Authorization header, so the page asks for a ticket (audited) and plays
    `…/audio?ticket=…`. Only its SHA-256 is kept; it dies with the token it was issued on."""

    __tablename__ = "listen_tickets"
    ticket_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_hash: Mapped[str] = mapped_column(
        ForeignKey("tokens.token_hash", ondelete="CASCADE"), index=True
    )
    recording_id: Mapped[str] = mapped_column(
        ForeignKey("recordings.id", ondelete="CASCADE"), index=True
    )
    expires_at: Mapped[datetime] = mapped_column(index=True)


class AuditEntry(Base):
    """Who did what to which recording or setting, and when: playbacks, downloads, deletions,
    settings changes. Names, not ids: the row must still say who after an account is gone."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(128), index=True)
    action: Mapped[str] = mapped_column(String(32), index=True)
    subject: Mapped[str] = mapped_column(String(256), index=True)
    detail: Mapped[dict[str, Any]]
