"""A careless or hostile agent client against the real center: free text is bounded by the
protocol, text no database can store is refused at the door, a heartbeat that cannot be
written is dropped alone (the others are written, the floor overview and the offline sweeper
go on), and a live update too large for one PostgreSQL NOTIFY still reaches the wallboard."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import delete, select
from websockets.sync.client import connect

from softphone.central.auth import Principal
from softphone.central.context import Central, Options
from softphone.central.db import Database
from softphone.central.live import Envelope, pack
from softphone.central.models import AgentState, User
from softphone.central.users import create_user, set_groups
from softphone.protocol import AgentStatus, CallRecord, Heartbeat
from tests.central.conftest import database_url
from tests.central.server import Center, call_event, event_id, heartbeat, iso, status_event
from tests.integration.lab.tools import wait_for


def _online(center: Center, viewer: str) -> dict[str, bool]:
    answer = center.client(viewer).get("/agents")
    assert answer.status_code == 200, answer.text
    return {row["agent"]: row["status"] != "offline" for row in answer.json()}


SHORT_TEXT = 256  # softphone.protocol.SHORT_TEXT: a status reason's limit


def test_free_text_beyond_its_limit_is_refused_and_within_it_stored(center: Center) -> None:
    ann = center.client("ann")
    too_long = "x" * (SHORT_TEXT + 1)
    beat = {**heartbeat("break"), "reason": too_long}
    assert ann.post("/heartbeat", json=beat).status_code == 422
    event = status_event("break", reason="é" * 5000)
    ack = ann.post("/events", json={"events": [event]}).json()
    assert [r["id"] for r in ack["rejected"]] == [event["id"]] and ack["stored"] == []
    fits = status_event("break", reason="☕" * SHORT_TEXT)
    ack = ann.post("/events", json={"events": [fits]}).json()
    assert ack["stored"] == [fits["id"]]
    rows = {r["agent"]: r for r in center.client("ada").get("/agents").json()}
    assert rows["ann"]["reason"] == "☕" * SHORT_TEXT


def test_a_heartbeat_no_database_can_store_is_refused_and_the_floor_goes_on(
    center: Center,
) -> None:
    """`"\\ud800"` is valid JSON but no UTF-8: accepted, it failed every later heartbeat flush
    (GET /agents answered 500, nobody's beat was written, the offline sweeper stopped)."""
    body = json.dumps({"status": "break", "reason": "\ud800", "device_time": iso()})
    al = center.client("al")
    answer = al.post("/heartbeat", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 422
    event = status_event("break", reason="\ud800")
    ack = al.post("/events", content=json.dumps({"events": [event]}), headers={
        "content-type": "application/json"
    }).json()  # fmt: skip
    assert [r["id"] for r in ack["rejected"]] == [event["id"]]
    assert center.client("ann").post("/heartbeat", json=heartbeat()).status_code == 200
    assert _online(center, "sue") == {"ann": True, "al": False}
    # The sweeper still runs: ann, silent now, goes offline (offline_after_s is 2 s here).
    wait_for(lambda: not _online(center, "sue")["ann"], 15, "ann shown offline")


@pytest.fixture
def book(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[Central]:
    database = Database(database_url(request, backend, tmp_path))
    database.migrate()
    yield Central(database, Options())
    database.dispose()


def test_one_heartbeat_that_cannot_be_written_does_not_hold_back_the_others(
    book: Central,
) -> None:
    """Here the account of one beat was deleted between the beat and the flush (its row is a
    foreign key violation); whatever the fault, the others are written and the bad one is not
    retried for ever."""
    with book.database.writing() as session:
        users = [create_user(session, f"a{i}", "agent", "x", ["sales"]) for i in range(5)]
        floor = [Principal(u.id, u.name, "agent", frozenset({"sales"})) for u in users]
    now = datetime.now(timezone.utc)
    for who in floor:
        book.beats.note(who, Heartbeat(status=AgentStatus.AVAILABLE, device_time=now))
    gone = floor[2]
    with book.database.writing() as session:
        session.execute(delete(AgentState).where(AgentState.user_id == gone.user_id))
        session.execute(delete(User).where(User.id == gone.user_id))
    assert book.beats.flush() == 4
    assert book.beats.waiting == 0 and book.beats.flush() == 0
    with book.database.reading() as session:
        online = set(session.scalars(select(AgentState.user_id).where(AgentState.online)))
    assert online == {who.user_id for who in floor} - {gone.user_id}


def test_a_notify_too_large_for_postgres_is_split_and_joined() -> None:
    from softphone.central.live import Reassembly

    envelope = Envelope("ann", tuple(f"group-{n:04}-{'g' * 20}" for n in range(600)), "{}")
    payloads = pack([envelope, Envelope("al", ("sales",), "{}")])
    assert len(payloads) > 2 and all(len(p.encode()) < 8000 for p in payloads)
    parts = Reassembly()
    delivered = [e for p in payloads for e in parts.take(p)]
    assert delivered == [envelope, Envelope("al", ("sales",), "{}")]


@pytest.mark.parametrize("backend", ["postgresql"])
def test_an_agent_in_hundreds_of_groups_reaches_the_wallboard_over_postgres(
    center: Center,
) -> None:
    """Its live update (the agent's groups travel with it) is beyond NOTIFY's 8,000 bytes: the
    upload and the heartbeat flush carrying it failed, for good."""
    groups = ["sales", *(f"campaign-{n:04}-{'x' * 20}" for n in range(400))]
    with center.database.writing() as session:
        user = session.scalar(select(User).where(User.name == "ann"))
        assert user is not None
        set_groups(session, user, groups)
    with connect(f"{center.ws}?token={center.token('sue')}", open_timeout=5) as sue:
        time.sleep(0.1)
        ann = center.client("ann")
        upload = ann.post("/events", json={"events": [status_event("break", "lunch")]})
        assert upload.status_code == 200, upload.text
        update = json.loads(sue.recv(timeout=5))
        assert (update["agent"], update["data"]["status"]) == ("ann", "break")
        # A heartbeat that changes her status rides on a flush with al's beat: both written.
        assert ann.post("/heartbeat", json=heartbeat("available")).status_code == 200
        assert center.client("al").post("/heartbeat", json=heartbeat()).status_code == 200
        assert _online(center, "sue") == {"ann": True, "al": True}
        update = json.loads(sue.recv(timeout=5))
        assert (update["agent"], update["data"]["status"]) == ("ann", "available")


def test_text_from_the_far_end_is_clipped_not_refused(center: Center) -> None:
    """A SIP reason phrase or a caller number comes from whoever called: a hostile one must
    neither fill the center nor make the record fail (on the desktop, which builds it, or on
    the center, which refused every retry of the upload with 500)."""
    start = datetime.now(timezone.utc)
    record = call_event("far-1", start=start, answer=start, end=start, caller="+49\udc80301")
    record["payload"]["end_reason"] = "603 " + "Decline " * 2000
    operation = {
        "id": event_id("op"),
        "kind": "operation",
        "device_time": iso(),
        "payload": {"operator": "ann", "action": "dial", "detail": {"display": "\ud800 x"}},
    }
    body = json.dumps({"events": [record, operation]})  # lone surrogates as JSON escapes
    answer = center.client("ann").post(
        "/events", content=body, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 200, answer.text
    assert sorted(answer.json()["stored"]) == sorted([record["id"], operation["id"]])
    (call,) = center.client("ada").get("/calls").json()
    assert call["end_reason"].startswith("603 Decline") and len(call["end_reason"]) == SHORT_TEXT
    assert call["calling_number"] == "+49?301"
    built = CallRecord.model_validate(record["payload"])  # as the desktop builds it
    assert len(built.end_reason or "") == SHORT_TEXT
