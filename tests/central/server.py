"""A real central service on loopback for tests: a migrated database, the app served by uvicorn
in a thread (real HTTP and WebSocket), and helpers to create accounts and log in."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from argon2 import PasswordHasher

from softphone.central.app import create_app
from softphone.central.context import Options
from softphone.central.db import Database
from softphone.central.server import uvicorn_config
from softphone.central.users import create_user
from tests.integration.lab.tools import free_port

PASSWORD = "correct horse battery"
# A real Argon2 hash, but with light parameters: verifying costs what the hash says, and the
# suite logs in hundreds of times. Accounts made by the product use argon2-cffi's defaults.
PASSWORD_HASH = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)


class ServerThread:
    def __init__(self, app: Any, port: int) -> None:
        config = uvicorn_config(app, "127.0.0.1", port)  # as `central serve` serves it
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="central", daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the central service did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@dataclass
class Center:
    url: str
    database: Database
    backend: str
    server: ServerThread
    clients: list[httpx.Client] = field(default_factory=list)
    tokens: dict[str, str] = field(default_factory=dict)
    app: Any = None
    scratch: Path | None = None  # a recordings folder made for this center alone

    @property
    def api(self) -> str:
        return f"{self.url}/api/v1"

    @property
    def ws(self) -> str:
        return self.url.replace("http://", "ws://") + "/api/v1/live"

    def add_user(self, name: str, role: str = "agent", groups: tuple[str, ...] = ()) -> None:
        with self.database.writing() as session:
            create_user(session, name, role, PASSWORD_HASH, list(groups))

    def anonymous(self) -> httpx.Client:
        client = httpx.Client(base_url=self.api, timeout=10)
        self.clients.append(client)
        return client

    def token(self, name: str) -> str:
        """A token for `name` (one login per account and test)."""
        if name not in self.tokens:
            answer = httpx.post(f"{self.api}/login", json={"user": name, "password": PASSWORD})
            answer.raise_for_status()
            self.tokens[name] = str(answer.json()["token"])
        return self.tokens[name]

    def client(self, name: str) -> httpx.Client:
        client = httpx.Client(
            base_url=self.api,
            headers={"Authorization": f"Bearer {self.token(name)}"},
            timeout=10,
        )
        self.clients.append(client)
        return client

    def close(self) -> None:
        for client in self.clients:
            client.close()
        self.server.stop()
        self.database.dispose()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


def start_center(url: str, backend: str, **options: Any) -> Center:
    database = Database(url)
    database.migrate()
    scratch = None if "recordings_dir" in options else Path(tempfile.mkdtemp(prefix="recs-"))
    defaults: dict[str, Any] = {
        "offline_after_s": 2.0,
        "sweep_every_s": 0.2,
        "recordings_dir": scratch,
    }
    app = create_app(database, Options(**{**defaults, **options}))
    port = free_port()
    server = ServerThread(app, port)
    server.start()
    return Center(f"http://127.0.0.1:{port}", database, backend, server, app=app, scratch=scratch)


_counter = 0


def event_id(prefix: str = "e") -> str:
    global _counter
    _counter += 1
    return f"{prefix}-{time.monotonic_ns()}-{_counter}"


def iso(moment: datetime | None = None) -> str:
    return (moment or datetime.now(timezone.utc)).isoformat()


def status_event(
    status: str, reason: str | None = None, at: datetime | None = None
) -> dict[str, Any]:
    return {
        "id": event_id("status"),
        "kind": "status",
        "device_time": iso(at),
        "payload": {"status": status, "reason": reason, "since": iso(at)},
    }


def call_event(
    call_id: str,
    *,
    start: datetime,
    answer: datetime | None = None,
    end: datetime | None = None,
    direction: str = "inbound",
    caller: str = "+4930111222",
    callee: str = "+4930999000",
    duration_s: float = 0.0,
) -> dict[str, Any]:
    return {
        "id": event_id("call"),
        "kind": "call_record",
        "device_time": iso(end or start),
        "payload": {
            "call_id": call_id,
            "direction": direction,
            "terminal": "sip:agent@lab",
            "calling_number": caller,
            "called_number": callee,
            "start_time": iso(start),
            "answer_time": iso(answer) if answer else None,
            "end_time": iso(end) if end else None,
            "connected": answer is not None,
            "duration_s": duration_s,
        },
    }


def heartbeat(
    status: str = "available", current_call: str | None = None, at: datetime | None = None
) -> dict[str, Any]:
    return {"status": status, "current_call": current_call, "device_time": iso(at)}
