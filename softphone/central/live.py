"""The live feed behind `WS /live`: every status change and call start/end, as it is stored.

A write stages its updates on the session; they go out only once the transaction commits, so a
supervisor never sees what the database does not hold. With SQLite the process delivers them to
its own subscribers after the commit. With PostgreSQL they travel as `pg_notify` inside the
transaction, and every central process LISTENs and delivers to its subscribers — so several
processes behind a load balancer show the same floor, with no broker besides PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from softphone.central.auth import Principal
from softphone.protocol import LiveUpdate

log = logging.getLogger(__name__)
_NOTIFY = text("SELECT pg_notify(:channel, :payload)")
CHANNEL = "softphone_live"
_PENDING = "live_pending"
_PAYLOAD_BYTES = 7000  # below NOTIFY's 8,000-byte limit (the JSON is ASCII: bytes = characters)


@dataclass(frozen=True)
class Envelope:
    """A live update with who may see it: the agent's groups decide which supervisors get it.
    The update is serialised once, where it is made; every process and socket sends that text."""

    agent: str
    groups: tuple[str, ...]
    message: str  # the LiveUpdate as JSON, as `/live` sends it

    @classmethod
    def of(cls, update: LiveUpdate, groups: tuple[str, ...]) -> Envelope:
        return cls(update.agent, groups, update.model_dump_json())

    @property
    def update(self) -> LiveUpdate:
        """The update itself, read back (for callers that inspect it; delivery needs only text)."""
        return LiveUpdate.model_validate_json(self.message)

    def visible_to(self, who: Principal) -> bool:
        if who.role == "admin":
            return True
        if who.role == "supervisor":
            return not who.groups.isdisjoint(self.groups)
        return who.name == self.agent


def pack(envelopes: list[Envelope]) -> list[str]:
    """NOTIFY payloads for a transaction's updates: as few as fit PostgreSQL's 8,000-byte limit
    (usually one), each a JSON list of [agent, groups, message]. An update too large for one
    payload (an agent in hundreds of groups) goes out in parts (`split`): refused by NOTIFY, it
    failed the whole transaction — the upload, or every agent's heartbeats in a flush."""
    payloads: list[str] = []
    items: list[str] = []
    size = 0
    for envelope in envelopes:
        item = json.dumps([envelope.agent, envelope.groups, envelope.message])
        if items and size + len(item) > _PAYLOAD_BYTES:
            payloads.append("[" + ",".join(items) + "]")
            items, size = [], 0
        items.append(item)
        size += len(item) + 1
    if items:
        payloads.append("[" + ",".join(items) + "]")
    return [part for payload in payloads for part in split(payload)]


def split(payload: str) -> list[str]:
    """The payload as is when it fits; else parts `#<id>:<n>:<count>:<text>` that `Reassembly`
    joins. A transaction's notifications reach each listener together and in order, so the
    parts of one payload arrive one after the other."""
    if len(payload) <= _PAYLOAD_BYTES:
        return [payload]
    ident = uuid.uuid4().hex
    chunks = [payload[i : i + _PAYLOAD_BYTES] for i in range(0, len(payload), _PAYLOAD_BYTES)]
    return [f"#{ident}:{n}:{len(chunks)}:{chunk}" for n, chunk in enumerate(chunks)]


def unpack(payload: str) -> list[Envelope]:
    return [
        Envelope(agent, tuple(groups), message) for agent, groups, message in json.loads(payload)
    ]


class Reassembly:
    """The listener's side of `split`, one per connection: whole payloads pass; parts wait for
    their last one."""

    def __init__(self) -> None:
        self._parts: dict[str, list[str]] = {}

    def take(self, payload: str) -> list[Envelope]:
        if not payload.startswith("#"):
            return unpack(payload)
        ident, n, count, chunk = payload[1:].split(":", 3)
        parts = self._parts.setdefault(ident, [])
        if int(n) != len(parts):  # a part lost (a reconnect in between): drop the update
            self._parts.pop(ident, None)
            return []
        parts.append(chunk)
        if len(parts) < int(count):
            return []
        del self._parts[ident]
        return unpack("".join(parts))


@dataclass(eq=False)
class Subscriber:
    principal: Principal
    queue: asyncio.Queue[str] = field(default_factory=lambda: asyncio.Queue(maxsize=2000))
    overflowed: bool = False


class LiveHub:
    """This process's subscribers. Delivery may come from any thread; it hops onto the loop."""

    def __init__(self) -> None:
        self._subscribers: set[Subscriber] = set()
        self._loop: asyncio.AbstractEventLoop | None = None

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def subscribe(self, principal: Principal) -> Subscriber:
        subscriber = Subscriber(principal)
        self._subscribers.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self._subscribers.discard(subscriber)

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def deliver(self, envelopes: list[Envelope]) -> None:
        loop = self._loop
        if loop is None or not envelopes or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop is shutting down
            loop.call_soon_threadsafe(self._fan_out, envelopes)

    def _fan_out(self, envelopes: list[Envelope]) -> None:
        for envelope in envelopes:
            for subscriber in list(self._subscribers):
                if not envelope.visible_to(subscriber.principal):
                    continue
                try:
                    subscriber.queue.put_nowait(envelope.message)
                except asyncio.QueueFull:
                    # A wallboard that stopped reading must not hold memory without bound;
                    # it is dropped and reconnects to a fresh picture.
                    subscriber.overflowed = True
                    self._subscribers.discard(subscriber)


class LiveFeed:
    """Stages updates on a write session and publishes them when (and only if) it commits."""

    def __init__(self, hub: LiveHub, via_postgres: bool) -> None:
        self.hub = hub
        self.via_postgres = via_postgres

    def stage(self, session: Session, envelopes: list[Envelope]) -> None:
        if not envelopes:
            return
        if self.via_postgres:  # one NOTIFY for the transaction's updates, not one per update
            for payload in pack(envelopes):
                session.execute(_NOTIFY, {"channel": CHANNEL, "payload": payload})
            return
        pending: list[Envelope] | None = session.info.get(_PENDING)
        if pending is None:
            pending = session.info[_PENDING] = []
            event.listen(session, "after_commit", self._after_commit, once=True)
            event.listen(session, "after_rollback", self._after_rollback, once=True)
        pending.extend(envelopes)

    def notify_payloads(self, session: Session, envelopes: list[Envelope]) -> list[str]:
        """PostgreSQL: the NOTIFY payloads, for the caller to send within a statement it makes
        anyway (one round trip fewer). SQLite: staged for after the commit; nothing to send."""
        if self.via_postgres:
            return pack(envelopes)
        self.stage(session, envelopes)
        return []

    def _after_commit(self, session: Session) -> None:
        self.hub.deliver(session.info.pop(_PENDING, []))

    def _after_rollback(self, session: Session) -> None:
        session.info.pop(_PENDING, None)


class PostgresListener:
    """A thread LISTENing on the live channel of a PostgreSQL database, feeding the hub."""

    def __init__(self, conninfo: str, hub: LiveHub) -> None:
        self.conninfo = conninfo
        self.hub = hub
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="live-listen", daemon=True)
        self.ready = threading.Event()

    def start(self) -> None:
        self._thread.start()
        if not self.ready.wait(10):
            log.warning("the live listener is not connected yet; it keeps trying")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._listen()
            except Exception:  # a dropped connection: reconnect after a breath
                log.exception("live listener lost PostgreSQL; reconnecting")
                self._stop.wait(1.0)

    def _listen(self) -> None:
        import psycopg

        parts = Reassembly()
        with psycopg.connect(self.conninfo, autocommit=True) as connection:
            connection.execute(f"LISTEN {CHANNEL}")
            self.ready.set()
            while not self._stop.is_set():
                # The timeout only bounds how long a stop request waits to be noticed.
                for notify in connection.notifies(timeout=0.5):
                    self.hub.deliver(parts.take(notify.payload))
                    if self._stop.is_set():
                        break


def postgres_conninfo(url: Any) -> str:
    """A libpq connection string from the SQLAlchemy URL of the engine."""
    parts = {
        "host": url.host,
        "port": url.port,
        "dbname": url.database,
        "user": url.username,
        "password": url.password,
    }
    parts.update({k: v for k, v in url.query.items() if isinstance(v, str)})
    return " ".join(f"{k}={_quote(str(v))}" for k, v in parts.items() if v is not None)


def _quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
