"""`WS /live`: status changes and call starts/ends arrive as they are stored, each only to
those who may see that agent."""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from tests.central.server import Center, call_event, status_event


def _socket(center: Center, name: str) -> ClientConnection:
    return connect(f"{center.ws}?token={center.token(name)}", open_timeout=5)


def _next(socket: ClientConnection, timeout: float = 2.0) -> dict[str, Any]:
    return dict(json.loads(socket.recv(timeout=timeout)))


def _nothing(socket: ClientConnection, within: float = 0.5) -> bool:
    try:
        socket.recv(timeout=within)
    except TimeoutError:
        return True
    return False


def test_a_supervisor_sees_its_agents_status_change_at_once(center: Center) -> None:
    with _socket(center, "sue") as sue:
        time.sleep(0.1)
        sent = time.monotonic()
        center.client("ann").post("/events", json={"events": [status_event("break", "lunch")]})
        update = _next(sue)
        assert time.monotonic() - sent < 1.0
        assert update["type"] == "status" and update["agent"] == "ann"
        assert update["data"]["status"] == "break" and update["data"]["reason"] == "lunch"


def test_call_start_and_end_are_pushed(center: Center) -> None:
    start = datetime.now(timezone.utc)
    ann = center.client("ann")
    with _socket(center, "ada") as ada:
        time.sleep(0.1)
        ann.post("/events", json={"events": [call_event("k1", start=start, answer=start)]})
        started = _next(ada)
        ann.post(
            "/events",
            json={
                "events": [call_event("k1", start=start, answer=start, end=start, duration_s=0.0)]
            },
        )
        ended = _next(ada)
    assert (started["type"], started["data"]["call_id"]) == ("call_started", "k1")
    assert (ended["type"], ended["data"]["call_id"]) == ("call_ended", "k1")


def test_updates_stay_within_scope(center: Center) -> None:
    with _socket(center, "sue") as sue, _socket(center, "ann") as ann_live:
        time.sleep(0.1)
        center.client("bo").post("/events", json={"events": [status_event("available")]})
        center.client("al").post("/events", json={"events": [status_event("available")]})
        assert _next(sue)["agent"] == "al"  # bo (support) never reached sue
        assert _nothing(sue)
        assert _nothing(ann_live)  # ann sees only herself
        center.client("ann").post("/events", json={"events": [status_event("available")]})
        assert _next(ann_live)["agent"] == "ann"


def test_a_socket_without_a_valid_token_is_refused(center: Center) -> None:
    with (
        pytest.raises((InvalidStatus, ConnectionClosed)),
        connect(f"{center.ws}?token=forged", open_timeout=5) as socket,
    ):
        socket.recv(timeout=2)


def test_a_socket_closes_when_its_token_is_revoked(center: Center) -> None:
    center.app.state.central.options.live_recheck_s = 0.2
    sue = center.client("sue")
    with _socket(center, "sue") as socket:
        time.sleep(0.1)
        assert sue.post("/logout").status_code == 204
        with pytest.raises(ConnectionClosed) as closed:
            socket.recv(timeout=3)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
