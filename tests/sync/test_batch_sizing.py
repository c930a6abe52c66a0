"""Bulk batches are sized by how long they keep the center busy, so that a status change never
waits long behind one: a center slow per event gets small batches, a fast one large batches.

The center is simulated (httpx's MockTransport) because its speed must be set."""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from pathlib import Path

import httpx

from softphone.config import CentralSettings, Profile, Settings
from softphone.journal.outbox import BULK, PRIORITY
from softphone.journal.records import JournalWriter
from softphone.journal.store import Journal
from softphone.protocol import AgentStatus, StatusChange
from softphone.sync.client import CentralClient, TokenStore
from softphone.sync.worker import BATCH_TARGET_S, SyncWorker

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def center(per_event_s: float, batches: list[int]) -> CentralClient:
    """A center that spends `per_event_s` on each event it stores."""

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/login"):
            body = {"token": "t", "expires_at": NOW.isoformat(), "server_time": NOW.isoformat(),
                    "user": "ann", "role": "agent"}  # fmt: skip
            return httpx.Response(200, json=body)
        sent = [e["id"] for e in json.loads(request.content)["events"]]
        time.sleep(per_event_s * len(sent))
        if len(sent) > 1:
            batches.append(len(sent))
        return httpx.Response(200, json={"stored": sent, "server_time": NOW.isoformat()})

    transport = httpx.MockTransport(answer)
    return CentralClient("http://center", "ann", lambda: "pw", TokenStore(), transport=transport)


def drain_backlog(tmp_path: Path, journal: Journal, client: CentralClient, events: int) -> None:
    writer = JournalWriter(journal, "ann")
    writer.status_changed(StatusChange(status=AgentStatus.AVAILABLE, since=NOW))
    for n in range(events):
        writer.operation("setting_change", {"n": n}, NOW)
    profile = Profile(tmp_path, Settings(central=CentralSettings("http://center", "ann")))
    worker = SyncWorker(profile, journal, client_factory=lambda: client)
    worker.drain(client, PRIORITY)  # the status goes first, as the priority lane sends it
    while worker.drain(client, BULK):
        pass


def test_a_center_slow_per_event_gets_batches_that_keep_it_busy_briefly(
    tmp_path: Path, journal: Journal
) -> None:
    batches: list[int] = []
    per_event_s = 0.0002
    drain_backlog(tmp_path, journal, center(per_event_s, batches), 3_000)
    fits = BATCH_TARGET_S / per_event_s  # 150 events keep it busy for the target
    assert all(size <= 1.5 * fits for size in batches[3:]), batches


def test_a_fast_center_gets_the_largest_batches(tmp_path: Path, journal: Journal) -> None:
    batches: list[int] = []
    drain_backlog(tmp_path, journal, center(0.0, batches), 5_000)
    assert max(batches) == 1_000
