"""Core events and the tiny Qt-free event bus that carries them.

Events are frozen dataclasses: the SIP thread, the device layer and the agent façade publish them,
and anything (the headless agent's JSON writer, the GUI's Qt bridge, the journal) subscribes. The
bus calls subscribers on the publishing thread, so a subscriber must be quick and must not block:
it hands slow work away and returns (the journal's writes go to the journal executor, the Qt
bridge re-posts to the GUI thread through queued signals, the headless writer to its own thread).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """Base of every event; `kind` is its name on the headless wire."""

    kind: str = field(init=False, default="event")


@dataclass(frozen=True)
class Registered(Event):
    kind: str = field(init=False, default="registered")
    account: str = ""
    expires_s: int = 0


@dataclass(frozen=True)
class Unregistered(Event):
    kind: str = field(init=False, default="unregistered")
    account: str = ""


@dataclass(frozen=True)
class RegistrationFailed(Event):
    kind: str = field(init=False, default="registration_failed")
    account: str = ""
    code: int = 0
    reason: str = ""
    retry_in_s: float | None = None


@dataclass(frozen=True)
class IncomingCall(Event):
    kind: str = field(init=False, default="incoming")
    call: str = ""
    from_uri: str = ""
    number: str = ""
    display_name: str = ""
    called_number: str = ""  # the line the customer called (sip.offer): "" for a direct call
    skill_group: str = ""  # the queue that routed it, when the PBX or the profile names one


@dataclass(frozen=True)
class CallState(Event):
    kind: str = field(init=False, default="call_state")
    call: str = ""
    state: str = ""
    direction: str = ""
    remote: str = ""


@dataclass(frozen=True)
class QualitySample(Event):
    kind: str = field(init=False, default="quality")
    call: str = ""
    mos: float = 0.0
    loss_pct: float = 0.0
    jitter_ms: float = 0.0
    rtt_ms: float = 0.0
    disorder_pct: float = 0.0
    codec: str = ""


@dataclass(frozen=True)
class CallEnded(Event):
    kind: str = field(init=False, default="call_ended")
    call: str = ""
    reason: str = ""
    code: int = 0
    duration_s: float = 0.0
    direction: str = ""
    remote: str = ""
    hung_up_by: str = ""
    quality: QualitySample | None = None
    sip_trace: tuple[str, ...] = ()


@dataclass(frozen=True)
class DtmfReceived(Event):
    kind: str = field(init=False, default="dtmf")
    call: str = ""
    digit: str = ""


@dataclass(frozen=True)
class TransferStatus(Event):
    kind: str = field(init=False, default="transfer")
    call: str = ""
    code: int = 0
    reason: str = ""
    final: bool = False


@dataclass(frozen=True)
class TransferAsked(Event):
    """The agent's REFER left for `call` (gate passed): `TransferStatus` events follow with the
    far end's NOTIFYs. `purpose` is "survey" for the satisfaction survey, else "blind"."""

    kind: str = field(init=False, default="transfer_asked")
    call: str = ""
    to: str = ""
    purpose: str = "blind"


@dataclass(frozen=True)
class AudioLevels(Event):
    kind: str = field(init=False, default="audio_levels")
    input_dbfs: float = -120.0  # the agent's microphone as captured
    output_dbfs: float = -120.0  # the agent's speaker
    sent_dbfs: float = -120.0  # the agent's voice as the far end gets it, after cleaning
    processing: tuple[str, ...] = ()  # cleaning stages on: "aec", "ns", "agc", "hpf"


@dataclass(frozen=True)
class DeviceChanged(Event):
    kind: str = field(init=False, default="device_changed")
    role: str = ""
    device: str = ""
    reason: str = ""


@dataclass(frozen=True)
class DevicesChanged(Event):
    """The audio devices one can pick from changed (plugged in or out), by name."""

    kind: str = field(init=False, default="devices")
    inputs: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReadinessChecked(Event):
    """A readiness report (softphone.devices.readiness.report), as plain JSON-ready data."""

    kind: str = field(init=False, default="readiness")
    overall: str = ""
    checked_at: str = ""
    checks: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class StatusChanged(Event):
    """The agent's status moved (or its cellphone flag changed); `since` is ISO 8601 UTC."""

    kind: str = field(init=False, default="status")
    status: str = ""
    reason: str | None = None
    since: str = ""
    cellphone_pickup: bool = False


@dataclass(frozen=True)
class WrapUpStarted(Event):
    """Wrap-up of a call began; `deadline` (ISO 8601 UTC) is None in the optional mode."""

    kind: str = field(init=False, default="wrap_up")
    call: str = ""
    deadline: str | None = None
    mode: str = ""


@dataclass(frozen=True)
class SyncState(Event):
    """How the sync with the central service stands: reachable or not, what waits, what the
    center refused for good (parked: kept, not retried — see `softphone journal outbox`)."""

    kind: str = field(init=False, default="sync")
    connected: bool = False
    waiting: int = 0
    parked: int = 0
    error: str = ""


@dataclass(frozen=True)
class JournalTrouble(Event):
    """The journal cannot be written (disk full, I/O error): what is new waits in memory and is
    retried; calls go on; what was written before is kept. Said once per episode."""

    kind: str = field(init=False, default="journal_error")
    message: str = ""
    path: str = ""
    waiting: int = 0


@dataclass(frozen=True)
class JournalRecovered(Event):
    """The journal takes writes again; the ones that waited are being written, in order."""

    kind: str = field(init=False, default="journal_recovered")
    waiting: int = 0


@dataclass(frozen=True)
class ErrorEvent(Event):
    kind: str = field(init=False, default="error")
    message: str = ""
    cmd: str = ""


Subscriber = Callable[[Event], None]


class EventBus:
    """Fan-out of events to subscribers; a failing subscriber is logged, never propagated."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        with self._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    def publish(self, event: Event) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(event)
            except Exception:  # a broken listener must not break the SIP thread
                log.exception("event subscriber failed on %s", event.kind)


# Field names that are Python keywords on the wire.
_WIRE_NAMES = {"from_uri": "from"}


@dataclass(frozen=True)
class DialBlocked(Event):
    """The compliance gate stopped a dial before any INVITE: why, and when it may be called."""

    kind: str = field(init=False, default="blocked")
    number: str = ""
    number_e164: str | None = None
    reasons: tuple[dict[str, Any], ...] = ()  # code, text (English), fields (by name)
    callee_zones: tuple[str, ...] = ()
    callee_local_time: str | None = None
    next_allowed_at: str | None = None


@dataclass(frozen=True)
class NumberBlacklisted(Event):
    """The customer asked "do not call again": the number is on the enterprise blacklist now."""

    kind: str = field(init=False, default="do_not_call")
    number: str = ""
    number_e164: str = ""
    reason: str = ""


@dataclass(frozen=True)
class RecordingState(Event):
    """A call's recording began, paused (the agent's pause, or hold) or resumed."""

    kind: str = field(init=False, default="recording")
    call: str = ""
    state: str = ""  # "ready" (on demand: the agent may record) | "recording" | "paused"
    recording: str = ""  # the recording's id ("" while only ready)


@dataclass(frozen=True)
class RecordingSaved(Event):
    """A call's recording is closed and sealed on disk (`path`), waiting to be uploaded."""

    kind: str = field(init=False, default="recording_saved")
    call: str = ""
    path: str = ""
    duration_s: float = 0.0
    sha256: str = ""
    size: int = 0
    incomplete: bool = False
    recording: str = ""


def event_fields(event: Event) -> dict[str, Any]:
    """The event's fields as plain JSON-ready values (nested events become dicts)."""
    out: dict[str, Any] = {}
    for name in event.__dataclass_fields__:
        if name == "kind":
            continue
        value = getattr(event, name)
        if isinstance(value, Event):
            value = event_fields(value)
        elif isinstance(value, tuple):
            value = list(value)
        out[_WIRE_NAMES.get(name, name)] = value
    return out
