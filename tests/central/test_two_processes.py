"""Two central processes on one PostgreSQL, as behind a load balancer: what an agent posts to
one appears on a supervisor's `/live` socket held by the other (LISTEN/NOTIFY, no broker)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect

from softphone.central.db import Database
from softphone.central.users import create_user
from tests.central.postgres import PostgresCluster
from tests.central.processes import central_processes
from tests.central.server import PASSWORD, PASSWORD_HASH, status_event

pytestmark = pytest.mark.integration


@pytest.fixture
def two_centers(postgres: PostgresCluster, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two processes on one database; agents count as offline after 3 s without heartbeat."""
    url = postgres.new_database()
    database = Database(url)
    with database.writing() as session:
        create_user(session, "ann", "agent", PASSWORD_HASH, ["sales"])
        create_user(session, "sue", "supervisor", PASSWORD_HASH, ["sales"])
    database.dispose()
    with central_processes(url, 2, tmp_path, ("--offline-after", "3")) as (first, second):
        yield first.url, second.url  # type: ignore[attr-defined]


def _token(url: str, user: str) -> str:
    answer = httpx.post(f"{url}/api/v1/login", json={"user": user, "password": PASSWORD})
    answer.raise_for_status()
    return str(answer.json()["token"])


def test_a_status_posted_to_one_process_reaches_live_on_the_other(
    two_centers: tuple[str, str],
) -> None:
    first, second = two_centers
    live_url = second.replace("http://", "ws://") + "/api/v1/live"
    with connect(f"{live_url}?token={_token(second, 'sue')}", open_timeout=5) as sue:
        time.sleep(0.2)
        sent = time.monotonic()
        answer = httpx.post(
            f"{first}/api/v1/events",
            headers={"Authorization": f"Bearer {_token(first, 'ann')}"},
            json={"events": [status_event("break", reason="training")]},
        )
        assert answer.status_code == 200
        update = json.loads(sue.recv(timeout=2))
        assert time.monotonic() - sent < 1.0
    assert (update["type"], update["agent"]) == ("status", "ann")
    assert update["data"]["reason"] == "training"


def test_a_long_upload_reaches_live_on_the_other_process_whole_and_in_order(
    two_centers: tuple[str, str],
) -> None:
    """An agent back online uploads a shift's worth of changes at once: they travel in as few
    NOTIFYs as fit PostgreSQL's payload limit, and the supervisor still sees every one."""
    first, second = two_centers
    live_url = second.replace("http://", "ws://") + "/api/v1/live"
    began = datetime.now(timezone.utc) - timedelta(hours=2)
    reasons = [f"meeting {i:03d} " + "x" * 60 for i in range(150)]  # ~30 kB of live updates
    events = [
        status_event("break", reason=r, at=began + timedelta(seconds=i))
        for i, r in enumerate(reasons)
    ]
    with connect(f"{live_url}?token={_token(second, 'sue')}", open_timeout=5) as sue:
        time.sleep(0.2)
        answer = httpx.post(
            f"{first}/api/v1/events",
            headers={"Authorization": f"Bearer {_token(first, 'ann')}"},
            json={"events": events},
        )
        assert answer.status_code == 200
        assert len(answer.json()["stored"]) == len(events)
        seen = [json.loads(sue.recv(timeout=3))["data"]["reason"] for _ in reasons]
    assert seen == reasons


def _ann_online(url: str, token: str) -> bool:
    answer = httpx.get(f"{url}/api/v1/agents", headers={"Authorization": f"Bearer {token}"})
    answer.raise_for_status()
    return bool(next(a for a in answer.json() if a["agent"] == "ann")["online"])


def test_heartbeats_to_one_process_keep_the_agent_online_on_the_other_until_they_stop(
    two_centers: tuple[str, str],
) -> None:
    """Heartbeats are written in batches by the process that took them; the other process's
    offline sweep must still see them — and see them stop."""
    first, second = two_centers
    ann, sue = _token(first, "ann"), _token(second, "sue")
    beat = {"status": "available", "device_time": datetime.now(timezone.utc).isoformat()}
    seen: list[bool] = []
    began = time.monotonic()
    while time.monotonic() - began < 6.0:  # twice the offline limit
        answer = httpx.post(
            f"{first}/api/v1/heartbeat", headers={"Authorization": f"Bearer {ann}"}, json=beat
        )
        assert answer.status_code == 200
        time.sleep(0.5)
        seen.append(_ann_online(second, sue))
    assert all(seen[2:]), f"online on the other process while beating: {seen}"
    stopped = time.monotonic()
    while _ann_online(second, sue):
        assert time.monotonic() - stopped < 15, "still online long after the heartbeats stopped"
        time.sleep(0.3)
