"""A real central service for the sync tests (SQLite file or a throwaway PostgreSQL database),
which can be stopped and started again on the same port and database, and a journal filled
with a known number of events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from softphone.central.app import create_app
from softphone.central.context import Options
from softphone.central.db import Database
from softphone.central.models import AgentState, Call, Event, User
from softphone.config import CentralSettings, Profile, Settings
from softphone.journal.outbox import BULK, PRIORITY, Outbox
from softphone.journal.records import JournalWriter
from softphone.journal.store import Journal
from softphone.protocol import CallRecord
from softphone.sync.client import CentralClient, TokenStore
from softphone.sync.worker import SyncWorker
from tests.central.server import PASSWORD, ServerThread
from tests.integration.lab.tools import free_port

AGENT = "ann"


@dataclass
class LabCenter:
    url_db: str
    port: int
    database: Database
    server: ServerThread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        app = create_app(self.database, Options(offline_after_s=30.0, sweep_every_s=0.5))
        self.server = ServerThread(app, self.port)
        self.server.start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def events_stored(self) -> int:
        with self.database.reading() as session:
            return int(session.scalar(select(func.count()).select_from(Event)) or 0)

    def event_ids(self) -> set[str]:
        with self.database.reading() as session:
            return set(session.scalars(select(Event.event_id)))

    def assert_arrived_once(self, queued: set[str], calls: int) -> None:
        """Every queued event is at the center, each call applied once; anything else the
        center holds is what the running agent itself wrote (its sign-on status, its log)."""
        with self.database.reading() as session:
            kinds = {row[0]: row[1] for row in session.execute(select(Event.event_id, Event.kind))}
        assert queued <= kinds.keys(), f"{len(queued - kinds.keys())} queued events missing"
        assert {kinds[i] for i in kinds.keys() - queued} <= {"operation", "status"}
        assert self.calls_stored() == calls

    def calls_stored(self) -> int:
        with self.database.reading() as session:
            return int(session.scalar(select(func.count()).select_from(Call)) or 0)

    def status_of(self, name: str = AGENT) -> str | None:
        with self.database.reading() as session:
            user = session.scalar(select(User).where(User.name == name))
            state = session.get(AgentState, user.id) if user is not None else None
            return state.status if state is not None else None

    def close(self) -> None:
        self.stop()
        self.database.dispose()


def make_center(url_db: str, port: int | None = None, add_agent: bool = True) -> LabCenter:
    from softphone.central.users import create_user
    from tests.central.server import PASSWORD_HASH

    database = Database(url_db)
    database.migrate()
    if add_agent:
        with database.writing() as session:
            create_user(session, AGENT, "agent", PASSWORD_HASH, ["sales"])
    return LabCenter(url_db, port or free_port(), database)


def admin_token(center: LabCenter, name: str = "ada") -> str:
    """A new admin account on the (started) center, logged in: its bearer token."""
    from softphone.central.users import create_user
    from tests.central.server import PASSWORD, PASSWORD_HASH

    with center.database.writing() as session:
        create_user(session, name, "admin", PASSWORD_HASH, [])
    admin = CentralClient(center.url, name, lambda: PASSWORD, TokenStore())
    try:
        return admin.login().token
    finally:
        admin.close()


def profile_for(folder: Path, center: LabCenter) -> Profile:
    central = CentralSettings(url=center.url, user=AGENT)
    return Profile(folder=folder, settings=Settings(central=central))


def client_for(center: LabCenter) -> CentralClient:
    return CentralClient(center.url, AGENT, lambda: PASSWORD, TokenStore())


def worker_for(journal: Journal, center: LabCenter, **kw: Any) -> SyncWorker:
    profile = profile_for(journal.path.parent, center)
    kw.setdefault("client_factory", lambda: client_for(center))
    return SyncWorker(profile, journal, **kw)


T0 = datetime(2026, 11, 25, 8, 0, tzinfo=timezone.utc)


def fill_journal(journal: Journal, events: int) -> int:
    """Write `events` journal events as the agent would: calls (a SIP trace, the disconnect
    entry and the record: 3 events each) and operation-log entries; returns the calls."""
    writer = JournalWriter(journal, AGENT)
    calls = events // 4
    for n in range(calls):
        start = T0 + timedelta(seconds=30 * n)
        record = CallRecord(
            call_id=f"call-{n}",
            direction="outbound",
            terminal="ann@pbx",
            calling_number="ann",
            called_number=f"+4930{n:07d}",
            start_time=start,
            answer_time=start + timedelta(seconds=3),
            end_time=start + timedelta(seconds=20),
            connected=True,
            duration_s=17.0,
            hung_up_by="customer",
        )
        writer.call_ended(record, sip_trace=f"INVITE sip:+4930{n:07d}@pbx SIP/2.0")
        writer.call_wrapped_up(record.call_id, remarks="ok", disposition="sale")
    for n in range(events - 3 * calls):
        writer.operation("setting_change", {"n": n}, T0 + timedelta(seconds=n))
    return calls


def queued_ids(journal: Journal) -> set[str]:
    outbox = Outbox(journal)
    return {e.id for lane in (PRIORITY, BULK) for e in outbox.take(lane, 1_000_000)}


def journal_a_refused_record(journal: Journal, call_id: str = "too-long") -> None:
    """A wrapped-up call whose calling number is longer than the center accepts: a 4xx for
    good, so the sync parks it with the center's error."""
    writer = JournalWriter(journal, AGENT)
    record = CallRecord(
        call_id=call_id,
        direction="inbound",
        terminal="ann@pbx",
        calling_number="1" * 80,
        called_number="ann",
        start_time=datetime.now(timezone.utc),
        connected=False,
    )
    writer.call_ended(record)
    writer.call_wrapped_up(call_id)
