"""Two central processes on one PostgreSQL, as behind a load balancer: what an agent posts to
one appears on a supervisor's `/live` socket held by the other (LISTEN/NOTIFY, no broker)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
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
    url = postgres.new_database()
    database = Database(url)
    with database.writing() as session:
        create_user(session, "ann", "agent", PASSWORD_HASH, ["sales"])
        create_user(session, "sue", "supervisor", PASSWORD_HASH, ["sales"])
    database.dispose()
    with central_processes(url, 2, tmp_path) as (first, second):
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
