"""What the center derives from one upload holding many events (SQLite and PostgreSQL): a batch
is applied in the order the agent wrote it — a call started and ended in one batch is shown
starting then ending, its latest record wins, status changes chain their intervals — and a
resent batch changes nothing and tells the wallboard nothing."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from itertools import pairwise
from typing import Any

import pytest
from sqlalchemy import delete, func, select

from softphone.central.auth import Principal
from softphone.central.ingest import Outcome, store_events
from softphone.central.models import AgentState, Call, Event, StatusInterval, User
from softphone.protocol import AgentStatus, CallRecord, EventKind, JournalEvent, StatusChange
from tests.sync.center_lab import AGENT, LabCenter

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def agent(center: LabCenter) -> Iterator[Principal]:
    with center.database.reading() as session:
        user_id = session.scalar(select(User.id).where(User.name == AGENT))
    assert user_id is not None
    yield Principal(user_id, AGENT, "agent", frozenset({"sales"}))


def event(event_id: str, payload: Any) -> JournalEvent:
    kind = EventKind.STATUS if isinstance(payload, StatusChange) else EventKind.CALL_RECORD
    return JournalEvent(
        id=event_id, kind=kind, device_time=T0, payload=payload.model_dump(mode="json")
    )


def call(call_id: str, ended: bool, **fields: Any) -> CallRecord:
    return CallRecord(
        call_id=call_id, direction="inbound", terminal="ann@pbx", calling_number="+4930111",
        called_number="ann", start_time=T0, answer_time=T0 + timedelta(seconds=2),
        end_time=T0 + timedelta(seconds=40) if ended else None, connected=True,
        duration_s=38.0 if ended else 0.0, **fields,
    )  # fmt: skip


def status(name: AgentStatus, minutes: int, reason: str | None = None) -> StatusChange:
    return StatusChange(status=name, reason=reason, since=T0 + timedelta(minutes=minutes))


def upload(center: LabCenter, agent: Principal, events: list[JournalEvent]) -> Outcome:
    with center.database.writing() as session:
        return store_events(session, agent, events)


def live_kinds(outcome: Outcome) -> list[tuple[str, str]]:
    """(kind, call id or status) of each live update, in order."""
    return [
        (e.update.type, e.update.data.get("call_id", e.update.data.get("status")))
        for e in outcome.live
    ]


def test_one_batch_is_applied_in_the_order_the_agent_wrote_it(
    center: LabCenter, agent: Principal
) -> None:
    batch = [
        event("e1", status(AgentStatus.AVAILABLE, 0)),
        event("e2", call("c1", ended=False)),
        event("e3", call("c1", ended=True)),
        event("e4", call("c1", ended=True, remarks="called back", disposition="sale")),
        event("e5", status(AgentStatus.BREAK, 5, "lunch")),
        event("e6", call("c2", ended=True)),
    ]
    outcome = upload(center, agent, batch)
    assert outcome.stored == [e.id for e in batch]
    assert live_kinds(outcome) == [
        ("status", "available"),
        ("call_started", "c1"),
        ("call_ended", "c1"),  # once: the wrap-up record of an ended call is no new end
        ("status", "break"),
        ("call_ended", "c2"),
    ]
    with center.database.reading() as session:
        calls = {c.call_id: c for c in session.scalars(select(Call))}
        intervals = session.scalars(select(StatusInterval).order_by(StatusInterval.start)).all()
    assert set(calls) == {"c1", "c2"}
    assert (calls["c1"].remarks, calls["c1"].disposition) == ("called back", "sale")
    assert calls["c1"].end_time == T0 + timedelta(seconds=40)
    assert [(i.status, i.start, i.end) for i in intervals] == [
        ("available", T0, T0 + timedelta(minutes=5)),
        ("break", T0 + timedelta(minutes=5), None),
    ]
    assert center.status_of() == "break"


def test_a_resent_batch_is_acknowledged_and_changes_nothing(
    center: LabCenter, agent: Principal
) -> None:
    batch = [event("e1", call("c1", ended=False)), event("e2", status(AgentStatus.ON_CALL, 1))]
    upload(center, agent, batch)
    later = [event("e3", call("c1", ended=True, remarks="done"))]
    upload(center, agent, later)
    again = upload(center, agent, [*batch, *later, batch[0]])  # one id twice in the batch too
    assert again.stored == ["e1", "e2", "e3"]
    assert again.live == []
    with center.database.reading() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 3
        assert session.scalar(select(func.count()).select_from(StatusInterval)) == 1
        remarks = session.scalar(select(Call.remarks).where(Call.call_id == "c1"))
    assert remarks == "done"  # the resent older record did not win over the newer one


def test_a_late_older_status_does_not_overwrite_the_newer_one(
    center: LabCenter, agent: Principal
) -> None:
    upload(center, agent, [event("e1", status(AgentStatus.BREAK, 10, "lunch"))])
    outcome = upload(center, agent, [event("e0", status(AgentStatus.AVAILABLE, 5))])
    assert outcome.stored == ["e0"] and outcome.live == []
    assert center.status_of() == "break"


def test_a_bad_event_is_refused_and_the_rest_of_the_batch_stored(
    center: LabCenter, agent: Principal
) -> None:
    bad = JournalEvent(
        id="bad", kind=EventKind.CALL_RECORD, device_time=T0, payload={"call_id": "c9"}
    )
    outcome = upload(center, agent, [event("e1", call("c1", ended=True)), bad])
    assert outcome.stored == ["e1"]
    assert [r.id for r in outcome.rejected] == ["bad"]
    assert center.calls_stored() == 1


def test_uploads_of_one_agent_at_once_take_turns_and_chain_their_intervals(
    center: LabCenter, agent: Principal
) -> None:
    """Several uploads of one agent in flight together (a resend beside a new batch): each
    status change closes the interval before it, none is lost, none overlaps, one stays open."""
    statuses = (AgentStatus.AVAILABLE, AgentStatus.BREAK, AgentStatus.NOT_READY)
    lanes = 6

    def sender(lane: int) -> None:
        for n in range(10):
            minute = lanes * n + lane  # the lanes interleave in time
            change = status(statuses[minute % 3], minute)
            upload(center, agent, [event(f"e{minute}", change), event("shared", change)])

    with ThreadPoolExecutor(lanes) as pool:
        list(pool.map(sender, range(lanes)))
    with center.database.reading() as session:
        intervals = session.scalars(select(StatusInterval).order_by(StatusInterval.start)).all()
        events = session.scalar(select(func.count()).select_from(Event))
    assert events == lanes * 10 + 1  # "shared" once
    assert [i.end for i in intervals].count(None) == 1
    for before, after in pairwise(intervals):
        assert before.end == after.start  # chained: no gap, no overlap
    assert intervals[-1].end is None
    assert center.status_of() == intervals[-1].status


def test_an_agent_without_a_state_row_gets_one_with_its_first_upload(
    center: LabCenter, agent: Principal
) -> None:
    with center.database.writing() as session:
        session.execute(delete(AgentState).where(AgentState.user_id == agent.user_id))
    outcome = upload(center, agent, [event("e1", status(AgentStatus.AVAILABLE, 1))])
    assert outcome.stored == ["e1"] and live_kinds(outcome) == [("status", "available")]
    assert center.status_of() == "available"
