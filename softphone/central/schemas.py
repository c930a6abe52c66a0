"""Shapes the central service answers supervisors and admins with (the agents' side of the
wire is `softphone.protocol`, shared with the desktop)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Name = str
GroupName = str


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Health(Model):
    status: Literal["ok"]
    server_time: datetime


class AgentOverview(Model):
    agent: str
    status: str
    reason: str | None
    since: datetime
    online: bool
    current_call: str | None
    call_started_at: datetime | None
    call_quality: dict[str, Any] | None
    skill_groups: list[str]
    cellphone_pickup: bool
    last_heartbeat: datetime | None
    readiness: dict[str, Any] | None


class CallView(Model):
    agent: str
    call_id: str
    direction: str
    terminal: str
    calling_number: str
    called_number: str
    start_time: datetime
    answer_time: datetime | None
    end_time: datetime | None
    connected: bool
    duration_s: float
    hung_up_by: str | None
    end_reason: str | None
    remarks: str | None
    disposition: str | None
    skill_group: str | None
    satisfaction: int | None
    voicemail: bool
    quality: dict[str, Any] | None


class MetricsSummary(Model):
    groups: list[str]
    since: datetime
    until: datetime
    calls: int
    answered: int
    connection_rate: float | None = Field(description="answered / calls; null without calls")
    average_wait_s: float | None
    average_duration_s: float | None
    inbound_now: int = Field(description="inbound calls in progress now (current volume)")
    inbound_today: int = Field(description="inbound calls since midnight UTC (daily volume)")
    agents_by_status: dict[str, int]
    time_in_status: dict[str, dict[str, float]] = Field(
        description="per agent: seconds in each status since `since`"
    )


class UserIn(Model):
    name: str = Field(min_length=1, max_length=128, pattern=r"^[^\s\x00]+$")
    role: Literal["agent", "supervisor", "admin"]
    password: str = Field(min_length=8, max_length=1024)
    groups: list[GroupName] = Field(default_factory=list, max_length=100)


class UserPatch(Model):
    role: Literal["agent", "supervisor", "admin"] | None = None
    password: str | None = Field(default=None, min_length=8, max_length=1024)
    groups: list[GroupName] | None = Field(default=None, max_length=100)
    disabled: bool | None = None


class UserOut(Model):
    name: str
    role: str
    groups: list[str]
    disabled: bool


class GroupIn(Model):
    name: str = Field(min_length=1, max_length=128)


class BlacklistChangeIn(Model):
    add: list[str] = Field(default_factory=list, max_length=100_000)
    remove: list[str] = Field(default_factory=list, max_length=100_000)


class BlacklistVersion(Model):
    version: int


class BlacklistEntry(Model):
    """One change of a number on the tenant's blacklist: who asked, when and why."""

    version: int
    op: Literal["add", "remove", "erase"]
    at: datetime
    who: str | None = Field(description="the agent who was told, or the admin; null: not kept")
    reason: str | None = Field(description="what the customer said, when an agent was told")


class RetentionSettings(Model):
    call_days: int = Field(ge=1, le=36500, description="call data and analytics kept this long")
    log_days: int | None = Field(
        default=None, ge=1, le=36500, description="operation logs; null = until deletion asked"
    )
    recording_days: int = Field(
        default=183, ge=1, le=36500, description="call recordings (audio and metadata)"
    )
    audit_days: int = Field(
        default=183, ge=1, le=36500, description="the audit log of playbacks, deletions, changes"
    )


class PurgeReport(Model):
    calls: int
    events: int
    intervals: int
    tokens: int = Field(default=0, description="expired login tokens deleted")
    recordings: int = Field(default=0, description="recordings deleted, audio and metadata")
    audit: int = Field(default=0, description="audit log rows past their period")


class DeletionRequestIn(Model):
    number: str | None = Field(default=None, min_length=1, max_length=64)
    agent: str | None = Field(default=None, min_length=1, max_length=128)


class DeletionReport(Model):
    id: int
    subject_kind: Literal["number", "agent"]
    subject: str
    requested_at: datetime
    removed: dict[str, int]


class RecordingAnnounce(Model):
    """`POST /recordings`: a device announces a recording before sending its bytes."""

    recording_id: str = Field(
        pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        description="a UUID made on the device",
    )
    call_key: str = Field(min_length=1, max_length=256, description="the call record's call_id")
    started_at: datetime
    duration_s: float = Field(ge=0, le=7 * 86400)
    channels: Literal[1, 2]
    format: Literal["flac", "ogg"]
    size: int = Field(ge=1, le=2**31 - 1, description="bytes of the whole file")
    sha256: str = Field(pattern=r"^[0-9a-fA-F]{64}$")
    incomplete: bool = Field(description="the device stopped recording before the call ended")


class UploadState(Model):
    received: int
    complete: bool = False


class RecordingView(Model):
    id: str
    started_at: datetime
    duration_s: float
    channels: int
    format: str
    size: int
    incomplete: bool
    complete: bool = Field(description="every byte arrived and matched the SHA-256: playable")


class CallListItem(CallView):
    recordings: list[RecordingView]


class ListenTicketOut(Model):
    url: str = Field(description="play or download from here (no header needed); short-lived")
    expires_at: datetime


class AuditRow(Model):
    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    detail: dict[str, Any]
