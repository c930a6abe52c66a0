"""The central database: where it lives, how to open it, and its migrations at start-up.

SQLite (the default, one file in the user data dir) runs in WAL mode with `synchronous=FULL`
(an acknowledged upload is on disk before the ack leaves) and takes writes one at a
time inside this process (`Database.writing`), so a burst of uploads waits its turn instead of
failing with "database is locked". PostgreSQL (`postgresql+psycopg://…`) takes concurrent writes
and is shared by several central processes; their migrations are serialised by an advisory lock.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
_MIGRATION_LOCK = 847_001  # any constant shared by every central process


class DatabaseError(Exception):
    """A database URL we cannot use; the CLI shows it as a one-line error."""


def default_url() -> str:
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("softphone", appauthor=False)) / "central"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'central.sqlite3'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: an upload's ack tells the device it may delete those events, so the commit behind
    # the ack must survive a power loss. With WAL, NORMAL syncs only at checkpoints: the last
    # commits before a power cut can vanish after the device already deleted its copy.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False}, pool_size=8)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            parsed = parsed.set(drivername="postgresql+psycopg")
        # No pre-ping: it costs a round trip per request. A connection PostgreSQL dropped fails
        # one request with 503 (the client retries) and the pool discards it.
        # The pool keeps as many connections as the process uses at once (40 request threads
        # and the housekeeping): overflow connections are closed when handed back, and under a
        # burst that churn — a new backend, its caches and prepared statements per connection —
        # cost PostgreSQL more CPU than the requests themselves.
        return create_engine(parsed, pool_size=40, max_overflow=8, pool_recycle=1800)
    raise DatabaseError(f"unsupported database {backend!r}: use sqlite:/// or postgresql://")


class Database:
    """One engine, its sessions, and the write discipline that suits the backend."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.is_postgres = self.engine.dialect.name == "postgresql"
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock = threading.Lock()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=False)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session committed on success, rolled back on error."""
        if self.is_postgres:
            with self.sessions.begin() as session:
                yield session
            return
        with self._write_lock, self.sessions.begin() as session:
            yield session

    def migrate(self) -> None:
        """Bring the schema to the newest revision (runs at every start-up; cheap when current)."""
        logging.getLogger("alembic").setLevel(logging.WARNING)  # its INFO chatter is noise here
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            if self.is_postgres:
                connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def dispose(self) -> None:
        self.engine.dispose()
