"""How the sync sorts the center's answers (the real center cannot be made to answer 503 or 429
on cue, so these few use httpx's MockTransport), back-off with jitter, and the clock skew."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

from softphone.config import CentralSettings, Profile, Settings
from softphone.journal.outbox import BULK, Outbox
from softphone.journal.records import JournalWriter
from softphone.journal.store import open_journal
from softphone.sync.client import (
    CenterDenied,
    CenterRefused,
    CenterUnavailable,
    CentralClient,
    LoginFailed,
    TokenStore,
)
from softphone.sync.pace import Backoff, clock_skew_s
from softphone.sync.worker import SyncWorker

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def login_ok(request: httpx.Request) -> httpx.Response | None:
    if request.url.path.endswith("/login"):
        body = {"token": "t1", "expires_at": NOW.isoformat(), "server_time": NOW.isoformat(),
                "user": "ann", "role": "agent"}  # fmt: skip
        return httpx.Response(200, json=body)
    return None


def client(handler, password: str | None = "pw") -> CentralClient:  # type: ignore[no-untyped-def]
    def route(request: httpx.Request) -> httpx.Response:
        return login_ok(request) or handler(request)

    return CentralClient(
        "http://center", "ann", lambda: password, TokenStore(), transport=httpx.MockTransport(route)
    )


@pytest.mark.parametrize(
    ("status", "headers", "error", "retry_after"),
    [
        (503, {}, CenterUnavailable, None),
        (500, {}, CenterUnavailable, None),
        (429, {"Retry-After": "7"}, CenterUnavailable, 7.0),
        (422, {}, CenterRefused, None),
        (413, {}, CenterRefused, None),
        # Not about an event: the caller's role, a proxy's wrong route. Resending the very
        # same events succeeds once an admin or the network is fixed, so they wait.
        (403, {}, CenterDenied, None),
        (404, {}, CenterDenied, None),
        (400, {}, CenterDenied, None),
        (405, {}, CenterDenied, None),
    ],
)
def test_answers_are_sorted_into_retry_later_or_never(
    status: int, headers: dict[str, str], error: type[Exception], retry_after: float | None
) -> None:
    central = client(lambda r: httpx.Response(status, headers=headers, json={"detail": "no"}))
    with pytest.raises(error) as caught:
        central.post_events([])
    if retry_after is not None:
        assert caught.value.retry_after_s == retry_after  # type: ignore[attr-defined]


def test_a_center_that_cannot_be_reached_is_unavailable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(CenterUnavailable, match="cannot be reached"):
        client(refuse).post_events([])


def test_an_expired_token_is_renewed_once_and_wrong_credentials_say_so() -> None:
    seen: list[str] = []

    def events(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        if len(seen) == 1:
            return httpx.Response(401, json={"detail": "expired"})
        return httpx.Response(200, json={"stored": [], "server_time": NOW.isoformat()})

    central = client(events)
    central.tokens.put("old")
    central.post_events([])
    assert seen == ["Bearer old", "Bearer t1"]
    with pytest.raises(LoginFailed, match="no central password"):
        client(events, password=None).post_events([])


def test_a_batch_refused_as_a_whole_is_split_until_the_bad_row_is_parked(tmp_path: Path) -> None:
    journal = open_journal(tmp_path / "journal.sqlite")
    writer = JournalWriter(journal, "ann")
    ids = [writer.operation("login", {"n": n}, NOW) for n in range(9)]
    bad = ids[5]

    def events(request: httpx.Request) -> httpx.Response:
        sent = [e["id"] for e in json.loads(request.content)["events"]]
        if bad in sent:
            return httpx.Response(422, json={"detail": "payload: not valid"})
        return httpx.Response(200, json={"stored": sent, "server_time": NOW.isoformat()})

    profile = Profile(tmp_path, Settings(central=CentralSettings("http://center", "ann")))
    worker = SyncWorker(profile, journal, client_factory=lambda: client(events))
    while worker.drain(client(events), BULK):
        pass
    outbox = Outbox(journal)
    assert outbox.waiting() == 0
    assert [(p.id, p.error) for p in outbox.parked()] == [(bad, "422: payload: not valid")]


def test_backoff_grows_with_jitter_up_to_its_cap_and_honours_retry_after() -> None:
    backoff = Backoff(base_s=1.0, cap_s=8.0, rng=random.Random(4))
    delays = [backoff.next_delay() for _ in range(6)]
    ceilings = [1, 2, 4, 8, 8, 8]
    assert all(c / 2 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert len(set(delays)) == len(delays)  # jittered, not in lock-step
    assert backoff.next_delay(retry_after_s=30) == 30
    backoff.reset()
    assert backoff.next_delay() <= 1.0


def test_clock_skew_is_taken_from_the_middle_of_the_request() -> None:
    sent = NOW
    received = NOW + timedelta(milliseconds=200)
    server = NOW + timedelta(seconds=5, milliseconds=100)
    assert clock_skew_s(sent, received, server) == pytest.approx(5.0)
