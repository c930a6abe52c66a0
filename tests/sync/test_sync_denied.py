"""A center that answers 4xx about the request as a whole, not about an event — 403 after an
admin changed the agent's role, a reverse proxy's 404 while its route is wrong — is waited out
with back-off: not one event is parked, and everything arrives once the center is fixed. Only
413 and 422 (an event too large, an event the center will never take) park events."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from softphone.events import EventBus, SyncState
from softphone.journal.outbox import BULK, Outbox
from softphone.journal.records import JournalWriter
from softphone.journal.store import Journal
from softphone.protocol import AgentStatus, StatusChange
from softphone.sync.client import CentralClient, TokenStore
from softphone.sync.worker import SyncWorker
from tests.central.server import PASSWORD
from tests.integration.lab.tools import free_port
from tests.sync.center_lab import (
    AGENT,
    LabCenter,
    admin_token,
    client_for,
    fill_journal,
    make_center,
    profile_for,
    queued_ids,
    worker_for,
)

pytestmark = pytest.mark.integration
EVENTS = 400


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Answers:
    """Counts the center's answers by status code, as the agent's clients received them."""

    def __init__(self, tokens: TokenStore | None = None) -> None:
        self.codes: list[int] = []
        self.tokens = tokens or TokenStore()

    def client(self, url: str) -> CentralClient:
        client = CentralClient(url, AGENT, lambda: PASSWORD, self.tokens)
        client.http.event_hooks["response"].append(lambda r: self.codes.append(r.status_code))
        return client

    def count(self, code: int) -> int:
        return self.codes.count(code)


class SyncErrors:
    """The sync states the worker published, as the GUI's indicator sees them."""

    def __init__(self, bus: EventBus) -> None:
        self.states: list[SyncState] = []
        bus.subscribe(self._on)

    def _on(self, event: object) -> None:
        if isinstance(event, SyncState):
            self.states.append(event)

    def saw(self, text: str) -> bool:
        return any(text in s.error for s in self.states)


def _agent_takes_a_break(journal: Journal) -> None:
    """A status change: the priority lane sends it first, before any config or heartbeat."""
    change = StatusChange(
        status=AgentStatus.BREAK, reason="lunch", since=datetime.now(timezone.utc)
    )
    JournalWriter(journal, AGENT).status_changed(change)


def _set_role(center: LabCenter, token: str, role: str) -> None:
    answer = httpx.patch(
        f"{center.url}/api/v1/admin/users/{AGENT}",
        json={"role": role},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200, answer.text


def test_a_403_after_a_role_change_parks_nothing_and_the_outbox_drains_once_the_role_is_back(
    center: LabCenter, journal: Journal
) -> None:
    calls = fill_journal(journal, EVENTS)
    _agent_takes_a_break(journal)
    queued = queued_ids(journal)
    center.start()
    token = admin_token(center)
    _set_role(center, token, "supervisor")  # an admin's slip: /events now answers 403
    bus = EventBus()
    errors = SyncErrors(bus)
    answers = Answers()
    worker = worker_for(journal, center, bus=bus, client_factory=lambda: answers.client(center.url))
    worker.start()
    try:
        wait_until(lambda: errors.saw("403"), 30, "the sync to report the center's 403")
        wait_until(lambda: answers.count(403) >= 6, 60, "a few more tries under back-off")
        outbox = Outbox(journal)
        assert outbox.parked() == [], "a 403 is about the agent's role, not about its events"
        assert queued <= queued_ids(journal), "every event still waits"
        _set_role(center, token, "agent")
        worker.nudge(BULK)
        wait_until(lambda: Outbox(journal).waiting() == 0, 60, "the outbox to drain")
    finally:
        worker.stop()
    assert Outbox(journal).parked() == []
    center.assert_arrived_once(queued, calls)


class Proxy:
    """A reverse proxy in front of the center that answers its own 404 page while its route
    is wrong (a botched deployment), and forwards once it is right again."""

    def __init__(self, upstream: str) -> None:
        self.route_ok = False
        self.not_found = 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def _relay(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if not proxy.route_ok:
                    proxy.not_found += 1
                    page = b"<html><body><h1>404 Not Found</h1>nginx</body></html>"
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(page)))
                    self.end_headers()
                    self.wfile.write(page)
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                answer = httpx.request(
                    self.command, upstream + self.path, headers=headers, content=body
                )
                self.send_response(answer.status_code)
                for name, value in answer.headers.items():
                    if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = _relay

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Proxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def sqlite_center(tmp_path: Path) -> Iterator[LabCenter]:
    lab = make_center(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    yield lab
    lab.close()


def test_a_proxys_404_parks_nothing_and_the_outbox_drains_once_the_route_is_back(
    sqlite_center: LabCenter, journal: Journal
) -> None:
    center = sqlite_center
    calls = fill_journal(journal, EVENTS)
    _agent_takes_a_break(journal)
    queued = queued_ids(journal)
    center.start()
    with Proxy(center.url) as proxy:
        bus = EventBus()
        errors = SyncErrors(bus)
        logged_in = client_for(center)  # the agent logged in before the proxy's route broke
        logged_in.login()
        answers = Answers(logged_in.tokens)
        worker = SyncWorker(
            profile_for(journal.path.parent, center),
            journal,
            bus=bus,
            client_factory=lambda: answers.client(proxy.url),
        )
        worker.start()
        try:
            wait_until(lambda: errors.saw("404"), 30, "the sync to report the proxy's 404")
            wait_until(lambda: answers.count(404) >= 6, 60, "a few more tries under back-off")
            outbox = Outbox(journal)
            assert outbox.parked() == [], "a proxy's 404 says nothing about the events"
            assert queued <= queued_ids(journal), "every event still waits"
            proxy.route_ok = True
            worker.nudge(BULK)
            wait_until(lambda: Outbox(journal).waiting() == 0, 60, "the outbox to drain")
        finally:
            worker.stop()
    assert Outbox(journal).parked() == []
    center.assert_arrived_once(queued, calls)
