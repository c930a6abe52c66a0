"""Roles, endpoint by endpoint: an agent reads and writes only its own data, a supervisor sees
only the groups it supervises, an admin sees and configures everything.

Accounts (see conftest): ann, al — agents of sales; bo — agent of support; sue — supervisor of
sales; sam — supervisor of support; ada — admin.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.central.server import Center, call_event, heartbeat, status_event


@pytest.fixture
def floor(center: Center) -> Center:
    """Each agent has one call and a status."""
    start = datetime.now(timezone.utc) - timedelta(minutes=10)
    for name in ("ann", "al", "bo"):
        agent = center.client(name)
        events = [
            status_event("available", at=start),
            call_event(
                f"{name}-call",
                start=start,
                answer=start + timedelta(seconds=5),
                end=start + timedelta(seconds=65),
                duration_s=60.0,
            ),
        ]
        assert agent.post("/events", json={"events": events}).status_code == 200
    return center


@pytest.mark.parametrize("path", ["/events", "/heartbeat"])
def test_only_agents_post_events_and_heartbeats(center: Center, path: str) -> None:
    body = {"events": []} if path == "/events" else heartbeat()
    assert center.client("ann").post(path, json=body).status_code == 200
    for name in ("sue", "ada"):
        assert center.client(name).post(path, json=body).status_code == 403
    assert center.anonymous().post(path, json=body).status_code == 401


def test_agents_listing_is_scoped(floor: Center) -> None:
    def seen(name: str) -> list[str]:
        return sorted(row["agent"] for row in floor.client(name).get("/agents").json())

    assert seen("ann") == ["ann"]
    assert seen("sue") == ["al", "ann"]
    assert seen("sam") == ["bo"]
    assert seen("ada") == ["al", "ann", "bo"]
    assert floor.client("sue").get("/agents", params={"group": "support"}).status_code == 403
    assert (
        floor.client("ada").get("/agents", params={"group": "support"}).json()[0]["agent"] == "bo"
    )


def test_calls_are_scoped(floor: Center) -> None:
    def calls(name: str, **params: str) -> tuple[int, list[str]]:
        answer = floor.client(name).get("/calls", params=params)
        ids = sorted(c["call_id"] for c in answer.json()) if answer.status_code == 200 else []
        return answer.status_code, ids

    assert calls("ann") == (200, ["ann-call"])
    assert calls("ann", agent="bo") == (403, [])
    assert calls("sue") == (200, ["al-call", "ann-call"])
    assert calls("sue", agent="al") == (200, ["al-call"])
    assert calls("sue", agent="bo") == (403, [])
    assert calls("sam") == (200, ["bo-call"])
    assert calls("ada") == (200, ["al-call", "ann-call", "bo-call"])
    assert calls("ada", agent="nobody") == (403, [])


def test_calls_filter_by_time(floor: Center) -> None:
    later = (datetime.now(timezone.utc) - timedelta(minutes=1)).isoformat()
    earlier = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()
    sue = floor.client("sue")
    assert sue.get("/calls", params={"since": later}).json() == []
    assert len(sue.get("/calls", params={"since": earlier}).json()) == 2
    assert sue.get("/calls", params={"until": earlier}).json() == []


def test_metrics_are_for_supervisors_of_the_group(floor: Center) -> None:
    assert floor.client("ann").get("/metrics/summary").status_code == 403
    assert (
        floor.client("sue").get("/metrics/summary", params={"group": "support"}).status_code == 403
    )
    sales = floor.client("sue").get("/metrics/summary", params={"group": "sales"}).json()
    assert sales["calls"] == 2 and set(sales["time_in_status"]) == {"ann", "al"}
    everyone = floor.client("ada").get("/metrics/summary", params={"since": _hour_ago()}).json()
    assert everyone["calls"] == 3


def _hour_ago() -> str:
    return (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()


def test_config_and_blacklist_are_readable_by_any_account(center: Center) -> None:
    for name in ("ann", "sue", "ada"):
        assert center.client(name).get("/config").status_code == 200
        assert center.client(name).get("/blacklist/delta").status_code == 200
    assert center.anonymous().get("/config").status_code == 401
    assert center.anonymous().get("/blacklist/delta").status_code == 401
