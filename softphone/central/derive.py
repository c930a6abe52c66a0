"""What the center derives from a batch of new journal events: the agent's state, its status
intervals and its calls, with a live update for every status change and call start or end, and
the tenant's blacklist entry for every customer who asked an agent not to be called again.

A batch is applied in the order the agent wrote it, but the database is touched per batch, not
per event: the calls the batch names are read in one query, changed in memory (the latest record
of a call wins) and written back in two statements; status changes chain their intervals in
memory (`Timeline`), written with the state row in one go (`agent_rows.save_agent`). The caller
holds the agent's state row (locked on PostgreSQL), so no other upload of the same agent
interleaves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from typing import cast as typed_as

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from softphone.central.agent_rows import AgentRow, IntervalChanges, NewInterval
from softphone.central.auth import Principal
from softphone.central.blacklist import do_not_call_of
from softphone.central.live import Envelope
from softphone.central.models import Call
from softphone.central.settings import record_blacklist
from softphone.central.times import as_utc, utcnow
from softphone.protocol import (
    CallRecord,
    LiveUpdate,
    OperationLog,
    QualitySample,
    ReadinessReport,
    StatusChange,
    Wire,
)

_CALLS = typed_as(Table, Call.__table__)
_CALL_FIELDS = tuple(name for name in CallRecord.model_fields if name not in ("call_id", "quality"))
_TIMES = ("start_time", "answer_time", "end_time")
_LIVE_CALL_FIELDS = {
    "call_id",
    "direction",
    "calling_number",
    "called_number",
    "start_time",
    "answer_time",
    "end_time",
    "connected",
    "duration_s",
    "hung_up_by",
    "quality",
}
# Statements built once: SQLAlchemy compiles each only once and caches it.
_INSERT_CALLS = insert(_CALLS)
_UPDATE_CALLS = (
    update(_CALLS)
    .where(_CALLS.c.agent_id == bindparam("b_agent"), _CALLS.c.call_id == bindparam("b_call"))
    .values({name: bindparam(name) for name in (*_CALL_FIELDS, "quality")})
)


def live_update(agent: Principal, kind: str, data: dict[str, Any]) -> Envelope:
    update_ = LiveUpdate(type=kind, agent=agent.name, at=utcnow(), data=data)  # type: ignore[arg-type]
    return Envelope.of(update_, tuple(sorted(agent.groups)))


def status_data(state: AgentRow) -> dict[str, Any]:
    return {
        "status": state.status,
        "reason": state.reason,
        "since": state.since.isoformat(),
        "cellphone_pickup": state.cellphone_pickup,
    }


class Timeline:
    """One agent's status intervals while a transaction changes them, kept in memory: the
    first change closes whatever interval is open in the database, later ones chain in here.
    `agent_rows.save_agent` writes the result."""

    def __init__(self, agent: Principal) -> None:
        self.agent = agent
        self.changes = IntervalChanges()

    def change(
        self, state: AgentRow, status: str, reason: str | None, since: datetime
    ) -> list[Envelope]:
        """Move the agent to `status` at `since`: close the open interval, open the next one."""
        if since < state.since:
            return []  # an older change arriving late does not overwrite the newer one
        opened = self.changes.opened
        if opened:
            opened[-1].end = max(since, opened[-1].start)
        else:
            self.changes.close_open_at = since
        opened.append(NewInterval(status, reason, since))
        state.status, state.reason, state.since = status, reason, since
        return [live_update(self.agent, "status", status_data(state))]


@dataclass
class _CallSeen:
    in_database: bool
    open: bool
    values: dict[str, Any] | None = None  # the latest record's columns, to be written


@dataclass
class CallBook:
    """The calls of one batch: read in one query, the latest record of each written once."""

    session: Session
    agent: Principal
    calls: dict[str, _CallSeen] = field(default_factory=dict)

    def load(self, call_ids: Iterable[str]) -> None:
        wanted = set(call_ids) - self.calls.keys()
        if not wanted:
            return
        found = self.session.execute(
            select(_CALLS.c.call_id, _CALLS.c.end_time).where(
                _CALLS.c.agent_id == self.agent.user_id, _CALLS.c.call_id.in_(wanted)
            )
        )
        for call_id, end_time in found:
            self.calls[call_id] = _CallSeen(in_database=True, open=end_time is None)

    def record(self, record: CallRecord) -> tuple[bool, bool]:
        """Take the record as the call's latest; (first sight of the call, was it open)."""
        seen = self.calls.get(record.call_id)
        if seen is None:
            seen = self.calls[record.call_id] = _CallSeen(in_database=False, open=True)
            first_sight = True
        else:
            first_sight = False
        was_open = seen.open
        seen.values = _call_columns(record)
        seen.open = record.end_time is None
        return first_sight, was_open

    def write(self) -> None:
        agent_id = self.agent.user_id
        new, changed = [], []
        for call_id, seen in self.calls.items():
            if seen.values is None:
                continue
            if seen.in_database:
                changed.append({"b_agent": agent_id, "b_call": call_id, **seen.values})
            else:
                new.append({"agent_id": agent_id, "call_id": call_id, **seen.values})
        connection = self.session.connection()
        if new:
            connection.execute(_INSERT_CALLS, new)
        if changed:
            connection.execute(_UPDATE_CALLS, changed)


def _call_columns(record: CallRecord) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in _CALL_FIELDS}
    for name in _TIMES:
        if values[name] is not None:
            values[name] = as_utc(values[name])
    values["quality"] = record.quality.model_dump(mode="json") if record.quality else None
    return values


class BatchApplier:
    """Applies the new events of one upload, in order, to the agent's state."""

    def __init__(self, session: Session, agent: Principal, state: AgentRow) -> None:
        self.agent, self.state, self.session = agent, state, session
        self.timeline = Timeline(agent)
        self.calls = CallBook(session, agent)

    def apply_all(self, events: list[Wire]) -> list[Envelope]:
        self.calls.load(e.call_id for e in events if isinstance(e, CallRecord))
        live: list[Envelope] = []
        for typed in events:
            live += self.apply(typed)
        self.calls.write()
        return live

    def apply(self, typed: Wire) -> list[Envelope]:
        if isinstance(typed, StatusChange):
            return self._status(typed)
        if isinstance(typed, CallRecord):
            return self._call(typed)
        if isinstance(typed, QualitySample):
            return self._quality(typed)
        if isinstance(typed, ReadinessReport):
            self.state.readiness = typed.model_dump(mode="json")
            return [live_update(self.agent, "readiness", {"overall": typed.overall})]
        if isinstance(typed, OperationLog):
            self._operation(typed)
        return []

    def _operation(self, entry: OperationLog) -> None:
        """An agent's "do not call" is the tenant's: a blacklist entry every agent receives."""
        marked = do_not_call_of(entry)
        if marked is not None:
            number, reason = marked
            record_blacklist(self.session, [number], "add", who=self.agent.name, reason=reason)

    def _status(self, change: StatusChange) -> list[Envelope]:
        self.state.cellphone_pickup = change.cellphone_pickup
        since = as_utc(change.since)
        return self.timeline.change(self.state, change.status.value, change.reason, since)

    def _call(self, record: CallRecord) -> list[Envelope]:
        first_sight, was_open = self.calls.record(record)
        state = self.state
        if record.end_time is None:
            state.current_call = record.call_id
            state.call_started_at = as_utc(record.answer_time or record.start_time)
            return [self._call_update("call_started", record)] if first_sight else []
        if state.current_call == record.call_id:
            state.current_call, state.call_started_at, state.call_quality = None, None, None
        return [self._call_update("call_ended", record)] if was_open else []

    def _call_update(self, kind: str, record: CallRecord) -> Envelope:
        data = record.model_dump(mode="json", include=_LIVE_CALL_FIELDS)
        return live_update(self.agent, kind, data)

    def _quality(self, sample: QualitySample) -> list[Envelope]:
        quality = sample.sample.model_dump(mode="json")
        if self.state.current_call == sample.call_id and not sample.final:
            self.state.call_quality = quality
        data = {"call_id": sample.call_id, **quality}
        return [live_update(self.agent, "quality", data)]
