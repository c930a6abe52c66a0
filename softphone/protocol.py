"""The wire between the agent's desktop and the central service (`/api/v1`), versioned.

Shared by `softphone.sync` (the sender) and `softphone.central` (the receiver), so both sides
validate the same shapes. Every journal event carries its own id, chosen on the device when the
event is written: the center stores each id once, which makes a resend after a crash harmless.
Times are timezone-aware UTC. Unknown fields are refused (`extra="forbid"`) so a typo never
passes silently; a newer protocol version adds fields under a new `PROTOCOL_VERSION`.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

PROTOCOL_VERSION = 1
API_PREFIX = "/api/v1"
MAX_BATCH = 1000
"""The most events one `POST /events` may carry; the sync worker sends at most this many."""


# --- free text: bounded, and storable ------------------------------------------------------------
# A careless or hostile client must not make the center store (or broadcast to every wallboard)
# megabytes in a status reason. Two kinds of text field:
# - what people type or configure (status reasons, remarks, dispositions) is *refused* beyond
#   its limit, far above what the desktop sends (reason codes are at most 200 characters, the
#   admin API's limit), so every payload the desktop made before stays valid;
# - what comes from the far end or the network (a SIP reason phrase, a trace, a codec name, a
#   call id in a sample) is *clipped*: the desktop builds these models from it, and a hostile
#   peer's 10 KB reason phrase must not make the agent fail to record the call.
# Both refuse or replace lone surrogates (`"\\ud800"` is valid JSON but no UTF-8): accepted,
# no database could store them and every write carrying one failed for good.

SHORT_TEXT = 256
"""status reasons, end reasons, dispositions, terminals, call ids: a word to a line"""
NAME_TEXT = 128
"""operators, skill groups, actions, codecs"""
LONG_TEXT = 4000
"""remarks: what an agent types after a call (the wrap-up dialog should stop there)"""
TRACE_TEXT = 4_000_000
"""one call's SIP trace (every message of the call)"""
DETAIL_ITEMS = 200
"""entries of an operation's detail or a readiness report's checks"""


def _storable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode (a lone surrogate is not)") from None
    return value


def _sane(value: str) -> str:
    return value.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate becomes "?"


def _clipper(limit: int) -> AfterValidator:
    return AfterValidator(lambda value: _sane(value[:limit]))


Storable = AfterValidator(_storable)
ShortText = Annotated[str, StringConstraints(max_length=SHORT_TEXT), Storable]
LongText = Annotated[str, StringConstraints(max_length=LONG_TEXT), Storable]
SaneText = Annotated[str, AfterValidator(_sane)]
ClippedShort = Annotated[str, _clipper(SHORT_TEXT)]
ClippedName = Annotated[str, _clipper(NAME_TEXT)]
ClippedTrace = Annotated[str, _clipper(TRACE_TEXT)]


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AgentStatus(str, Enum):
    """The agent's states, in the contact-center's words (issue: agent status)."""

    OFFLINE = "offline"
    AVAILABLE = "available"
    RINGING = "ringing"
    ON_CALL = "on_call"
    WRAP_UP = "wrap_up"
    BREAK = "break"
    NOT_READY = "not_ready"


class EventKind(str, Enum):
    STATUS = "status"
    CALL_RECORD = "call_record"
    OPERATION = "operation"
    SIP_TRACE = "sip_trace"
    QUALITY = "quality"
    READINESS = "readiness"


# --- payloads, one per event kind -------------------------------------------------------------


class StatusChange(Wire):
    status: AgentStatus
    reason: ShortText | None = None
    since: datetime
    cellphone_pickup: bool = False


class QualitySummary(Wire):
    mos: float | None = None
    loss_pct: float | None = None
    jitter_ms: float | None = None
    rtt_ms: float | None = None
    codec: ClippedName | None = None


class CallRecord(Wire):
    """One call, inbound or outbound, with the fields of the seed's service record."""

    call_id: SaneText  # at most 256 characters, numbers 64: the center refuses the record
    direction: Literal["inbound", "outbound"]
    terminal: ClippedShort = Field(description="the agent's terminal (device / SIP contact)")
    calling_number: SaneText
    called_number: SaneText
    start_time: datetime
    answer_time: datetime | None = None
    end_time: datetime | None = None
    connected: bool
    duration_s: float = 0.0
    hung_up_by: Literal["agent", "customer", "system"] | None = None
    end_reason: ClippedShort | None = None
    remarks: LongText | None = None
    disposition: ShortText | None = None
    skill_group: ClippedName | None = None
    satisfaction: int | None = None
    voicemail: bool = False
    quality: QualitySummary | None = None


class OperationLog(Wire):
    operator: ClippedName
    action: ClippedName = Field(
        description="login, logout, connect, status_change, compliance_check, …"
    )
    detail: dict[str, Any] = Field(default_factory=dict, max_length=DETAIL_ITEMS)


class SipTrace(Wire):
    call_id: ClippedShort
    text: ClippedTrace


class QualitySample(Wire):
    call_id: ClippedShort
    sample: QualitySummary
    final: bool = False


class ReadinessReport(Wire):
    overall: Literal["pass", "warn", "fail"]
    checks: list[dict[str, Any]] = Field(max_length=DETAIL_ITEMS)


PAYLOADS: dict[EventKind, type[Wire]] = {
    EventKind.STATUS: StatusChange,
    EventKind.CALL_RECORD: CallRecord,
    EventKind.OPERATION: OperationLog,
    EventKind.SIP_TRACE: SipTrace,
    EventKind.QUALITY: QualitySample,
    EventKind.READINESS: ReadinessReport,
}


def parse_payload(kind: EventKind, payload: dict[str, Any]) -> Wire:
    """The typed payload of an event; raises pydantic.ValidationError when it does not fit."""
    return PAYLOADS[kind].model_validate(payload)


# --- envelopes ---------------------------------------------------------------------------------


class JournalEvent(Wire):
    id: str = Field(min_length=1, max_length=64, description="unique, chosen on the device")
    kind: EventKind
    device_time: datetime = Field(description="the device clock when the event happened")
    corrected_time: datetime | None = Field(
        default=None, description="device_time corrected by the last measured clock skew"
    )
    payload: dict[str, Any]


class EventBatch(Wire):
    events: list[JournalEvent] = Field(max_length=MAX_BATCH)


class Rejected(Wire):
    id: str
    error: str


class EventAck(Wire):
    """Which ids the center holds now (new or already stored) and which it will never take."""

    stored: list[str]
    rejected: list[Rejected] = Field(default_factory=list)
    server_time: datetime


class Heartbeat(Wire):
    status: AgentStatus
    reason: ShortText | None = None
    current_call: ClippedShort | None = None
    cellphone_pickup: bool = False
    device_time: datetime


class HeartbeatAck(Wire):
    server_time: datetime
    offline_after_s: float
    blacklist_version: int | None = Field(
        default=None,
        description="the center's blacklist version: an agent behind it pulls the delta now",
    )


class LoginRequest(Wire):
    user: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=1024)


class LoginResponse(Wire):
    token: str
    expires_at: datetime
    server_time: datetime
    user: str
    role: Literal["agent", "supervisor", "admin"]


class WrapUpConfig(Wire):
    mode: Literal["optional", "timed", "timed_mandatory"] = "timed"
    seconds: int = Field(default=30, ge=0, le=3600)


class AgentConfig(Wire):
    """What `GET /config` hands an agent; served with an ETag equal to `version`."""

    version: str
    policy: dict[str, Any] = Field(default_factory=dict, description="rest-period policy")
    blacklist_version: int = 0
    reason_codes: dict[str, list[str]] = Field(
        default_factory=dict, description="per status (break, not_ready): allowed reasons"
    )
    wrap_up: WrapUpConfig = WrapUpConfig()
    quick_remarks: list[str] = Field(default_factory=list)
    permissions: list[str] = Field(default_factory=list)
    skill_groups: list[str] = Field(default_factory=list)
    missed_offers_before_not_ready: int = 2
    recording: dict[str, Any] = Field(
        default_factory=dict,
        description="recording policy over the device's [recording]: mode, channels, keep_days",
    )
    voice: dict[str, Any] = Field(
        default_factory=dict,
        description="voice cleaning over the device's [audio]: echo_cancellation, "
        "noise_suppression, auto_gain, high_pass",
    )
    survey_number: str = Field(
        default="", max_length=64, description="where agents transfer callers for the survey"
    )


class BlacklistDelta(Wire):
    since: int
    version: int
    added: list[str] = Field(default_factory=list, description="E.164 numbers")
    removed: list[str] = Field(default_factory=list)
    deletion_requests: list[str] = Field(
        default_factory=list, description="numbers whose local traces the agent must erase"
    )
    more: bool = Field(
        default=False, description="a page: more changes wait; ask again with since=version"
    )


class LiveUpdate(Wire):
    """One message on `WS /live`."""

    type: Literal["status", "call_started", "call_ended", "quality", "readiness"]
    agent: str
    at: datetime
    data: dict[str, Any]
