"""What an agent's desktop relies on: events stored once per id, bad events named and the rest
kept, heartbeats keep the agent online (and their absence takes it offline), config by ETag."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from tests.central.server import Center, call_event, event_id, heartbeat, iso, status_event


def _agent_row(center: Center, viewer: str, agent: str) -> dict[str, object]:
    rows = center.client(viewer).get("/agents").json()
    return next(row for row in rows if row["agent"] == agent)


def test_a_resent_batch_is_acknowledged_again_but_stored_once(center: Center) -> None:
    ann = center.client("ann")
    start = datetime.now(timezone.utc) - timedelta(minutes=5)
    batch = {
        "events": [
            status_event("available", at=start),
            call_event(
                "c1",
                start=start,
                answer=start + timedelta(seconds=4),
                end=start + timedelta(seconds=64),
                duration_s=60.0,
            ),
        ]
    }
    first = ann.post("/events", json=batch)
    again = ann.post("/events", json=batch)
    ids = [e["id"] for e in batch["events"]]
    assert first.status_code == again.status_code == 200
    assert first.json()["stored"] == again.json()["stored"] == ids
    assert first.json()["rejected"] == []
    calls = center.client("sue").get("/calls").json()
    assert [c["call_id"] for c in calls] == ["c1"]
    assert calls[0]["duration_s"] == 60.0 and calls[0]["agent"] == "ann"


def test_a_bad_event_is_rejected_with_its_reason_and_the_rest_is_stored(center: Center) -> None:
    good = status_event("break", reason="lunch")
    bad = status_event("dancing")
    no_call_id = {**call_event("c2", start=datetime.now(timezone.utc)), "id": event_id()}
    del no_call_id["payload"]["call_id"]
    answer = center.client("ann").post("/events", json={"events": [good, bad, no_call_id]})
    assert answer.status_code == 200
    body = answer.json()
    assert body["stored"] == [good["id"]]
    errors = {r["id"]: r["error"] for r in body["rejected"]}
    assert "status" in errors[bad["id"]]
    assert "call_id" in errors[no_call_id["id"]]
    row = _agent_row(center, "sue", "ann")
    assert (row["status"], row["reason"]) == ("break", "lunch")


def test_an_older_status_arriving_late_does_not_overwrite_the_newer(center: Center) -> None:
    now = datetime.now(timezone.utc)
    ann = center.client("ann")
    ann.post("/events", json={"events": [status_event("on_call", at=now)]})
    ann.post("/events", json={"events": [status_event("available", at=now - timedelta(minutes=1))]})
    assert _agent_row(center, "sue", "ann")["status"] == "on_call"


def test_heartbeats_keep_an_agent_online_and_silence_takes_it_offline(center: Center) -> None:
    ann = center.client("ann")
    ack = ann.post("/heartbeat", json=heartbeat("available"))
    assert ack.status_code == 200
    assert ack.json()["offline_after_s"] == 2.0
    row = _agent_row(center, "sue", "ann")
    assert (row["online"], row["status"]) == (True, "available")
    deadline = time.monotonic() + 6
    while time.monotonic() < deadline and _agent_row(center, "sue", "ann")["online"]:
        time.sleep(0.2)
    row = _agent_row(center, "sue", "ann")
    assert (row["online"], row["status"], row["reason"]) == (False, "offline", "no heartbeat")
    ann.post("/heartbeat", json=heartbeat("available"))
    assert _agent_row(center, "sue", "ann")["status"] == "available"


def test_a_heartbeat_older_than_the_agents_last_status_does_not_undo_it(center: Center) -> None:
    """The agent's desktop sends its status change and its heartbeat on one lane; a heartbeat
    built just before the change may be applied after it (heartbeats are written in batches).
    Coming online with it must not put the supervisor's tile back to the old status."""
    now = datetime.now(timezone.utc)
    ann = center.client("ann")
    ann.post("/events", json={"events": [status_event("available", at=now)]})
    ann.post("/heartbeat", json=heartbeat("break", at=now - timedelta(seconds=1)))
    row = _agent_row(center, "sue", "ann")
    assert (row["online"], row["status"]) == (True, "available")


def test_config_answers_304_while_unchanged(center: Center) -> None:
    ann = center.client("ann")
    first = ann.get("/config")
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert first.json()["skill_groups"] == ["sales"]
    assert etag == f'"{first.json()["version"]}"'
    again = ann.get("/config", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    other = ann.get("/config", headers={"If-None-Match": '"stale"'})
    assert other.status_code == 200


def test_the_call_record_moves_the_agents_current_call(center: Center) -> None:
    ann = center.client("ann")
    start = datetime.now(timezone.utc)
    ann.post("/events", json={"events": [call_event("c9", start=start, answer=start)]})
    assert _agent_row(center, "sue", "ann")["current_call"] == "c9"
    end = start + timedelta(seconds=30)
    ann.post(
        "/events",
        json={"events": [call_event("c9", start=start, answer=start, end=end, duration_s=30.0)]},
    )
    assert _agent_row(center, "sue", "ann")["current_call"] is None


def test_health_needs_no_token(center: Center) -> None:
    answer = center.anonymous().get("/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    server_time = datetime.fromisoformat(answer.json()["server_time"])
    assert abs((server_time - datetime.now(timezone.utc)).total_seconds()) < 5
    assert iso()  # the helper's times are aware


def test_a_heartbeat_gets_the_same_answer_and_errors_on_the_short_road(center: Center) -> None:
    """The first heartbeat goes through the route (the token is not cached yet); later ones take
    the shortcut. The agent cannot tell the difference, bad input included."""
    ann = center.client("ann")
    first, second = (ann.post("/heartbeat", json=heartbeat("available")) for _ in range(2))
    assert first.status_code == second.status_code == 200
    assert first.headers["content-type"] == second.headers["content-type"]
    answer = {"server_time", "offline_after_s", "blacklist_version"}
    assert set(first.json()) == set(second.json()) == answer
    assert second.json()["offline_after_s"] == 2.0
    bad = ann.post("/heartbeat", json={**heartbeat(), "status": "dancing"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "status"
    unknown = ann.post("/heartbeat", json={**heartbeat(), "mood": "fine"})
    assert unknown.status_code == 422
    sue = center.client("sue")
    sue.get("/agents")  # her token is cached too; a supervisor still may not beat
    assert sue.post("/heartbeat", json=heartbeat()).status_code == 403
    assert _agent_row(center, "sue", "ann")["online"] is True
