"""An acknowledged upload is on disk: the device deletes what the center acknowledged, so the
SQLite center commits with `synchronous=FULL` (with WAL, NORMAL may lose the last commits to a
power cut — after the device dropped its copy)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.central.server import Center, status_event

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])

FULL = 2  # PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA


def test_the_center_acknowledges_only_what_a_power_cut_keeps(center: Center) -> None:
    event = status_event("available")
    ack = center.client("ann").post("/events", json={"events": [event]}).json()
    assert ack["stored"] == [event["id"]]
    with center.database.engine.connect() as connection:  # a connection of the center's pool
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == FULL
