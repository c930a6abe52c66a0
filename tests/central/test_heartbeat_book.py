"""The heartbeat book's flush, in process, on SQLite and PostgreSQL: a quiet beat moves only the
time and the cellphone flag; a beat whose agent changed status meanwhile (another process took
an upload) is not written as quiet, and an older beat does not undo the newer status."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from softphone.central.auth import Principal
from softphone.central.context import Central, Options
from softphone.central.db import Database
from softphone.central.ingest import ingest_batch
from softphone.central.models import AgentState, StatusInterval
from softphone.central.users import create_user
from softphone.protocol import AgentStatus, EventKind, Heartbeat, JournalEvent
from tests.central.conftest import database_url


@pytest.fixture
def center(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[Central]:
    database = Database(database_url(request, backend, tmp_path))
    database.migrate()
    yield Central(database, Options())
    database.dispose()


def agents(center: Central, count: int) -> list[Principal]:
    with center.database.writing() as session:
        users = [create_user(session, f"a{i}", "agent", "x", ["sales"]) for i in range(count)]
        session.flush()
        return [Principal(u.id, u.name, "agent", frozenset({"sales"})) for u in users]


def beat(status: AgentStatus, at: datetime, pickup: bool = False) -> Heartbeat:
    return Heartbeat(status=status, device_time=at, cellphone_pickup=pickup)


def state_of(center: Central, who: Principal) -> AgentState:
    with center.database.reading() as session:
        found = session.get(AgentState, who.user_id)
        assert found is not None
        return found


def test_quiet_beats_move_only_the_time_and_a_changed_agent_is_not_overwritten(
    center: Central,
) -> None:
    floor = agents(center, 3)
    now = datetime.now(timezone.utc)
    for who in floor:
        center.beats.note(who, beat(AgentStatus.AVAILABLE, now))
    assert center.beats.flush() == 3
    first = {who.name: state_of(center, who) for who in floor}
    assert {s.status for s in first.values()} == {"available"}
    assert all(s.online for s in first.values())

    # a1's upload (taken by another process) puts it on break after its next beat was sent
    old_beat_time = datetime.now(timezone.utc)
    on_break = JournalEvent(
        id="b1",
        kind=EventKind.STATUS,
        device_time=old_beat_time + timedelta(seconds=1),
        payload={"status": "break", "since": (old_beat_time + timedelta(seconds=1)).isoformat()},
    )
    ingest_batch(center, floor[1], [on_break])
    center.beats.note(floor[0], beat(AgentStatus.AVAILABLE, old_beat_time, pickup=True))
    center.beats.note(floor[1], beat(AgentStatus.AVAILABLE, old_beat_time))
    center.beats.note(floor[2], beat(AgentStatus.AVAILABLE, old_beat_time))
    assert center.beats.flush() == 3

    quiet, changed = state_of(center, floor[0]), state_of(center, floor[1])
    assert quiet.cellphone_pickup is True
    assert quiet.status == "available" and quiet.since == first["a0"].since
    assert quiet.last_heartbeat is not None and first["a0"].last_heartbeat is not None
    assert quiet.last_heartbeat > first["a0"].last_heartbeat
    assert changed.status == "break"  # the older beat does not undo the newer change
    assert changed.last_heartbeat is not None and first["a1"].last_heartbeat is not None
    assert changed.last_heartbeat > first["a1"].last_heartbeat  # but it was written
    with center.database.reading() as session:
        intervals = session.scalars(
            select(StatusInterval.status).where(StatusInterval.agent_id == floor[1].user_id)
        ).all()
    assert sorted(intervals) == ["available", "break"]
