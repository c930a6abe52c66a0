"""The journal file: opening it (WAL), migrating it (`PRAGMA user_version`), spotting a corrupt file
and, only when the agent says so, setting a corrupt file aside and starting a fresh one.

One `Journal` holds one SQLite connection shared by the threads of one process (the SIP thread's
event subscribers, the GUI, the sync worker's lanes), serialised by a lock: every write is a
short `BEGIN IMMEDIATE … COMMIT`, so a journal row and its outbox row land together or not at all.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from softphone.journal.schema import MIGRATIONS

if TYPE_CHECKING:
    import sqlite_utils

JOURNAL_FILE = "journal.sqlite"
BUSY_TIMEOUT_MS = 10_000


class JournalError(RuntimeError):
    """The journal cannot be used; the message says which file and why."""


class JournalCorrupt(JournalError):
    """The file is not a healthy SQLite journal. It is left exactly as it is (for recovery)."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"the journal {path} is damaged ({detail}); it is kept as it is for recovery. "
            f"Set it aside and start a fresh journal with "
            f"`softphone journal recover --profile {path.parent}`"
        )
        self.path = path


def utc_iso(moment: datetime) -> str:
    """One text form for every stored time, so that text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("journal times must be timezone-aware")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Journal:
    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._reader = conn.cursor()
        self._lock = threading.RLock()

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite_utils' view of the file, for tools and tests. The journal itself reads and
        writes through its own connection: loaded on first use, sqlite_utils (with click and
        pluggy, ~2 MB) stays out of the idle window (tests/gui/test_idle_imports.py)."""
        import sqlite_utils

        return sqlite_utils.Database(self._conn, recursive_triggers=False, execute_plugins=False)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: everything inside commits together or not at all."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                # A COMMIT the disk refused (full, I/O error) leaves the transaction open, and
                # every later BEGIN would fail with it; SQLite may also have rolled back already.
                if self._conn.in_transaction:
                    with suppress(sqlite3.Error):
                        self._conn.execute("ROLLBACK")
                raise

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        # One cursor serves every read (the lock keeps it to one at a time): a read runs
        # before every dial. fetchall() steps each statement to its end, which resets it and
        # so ends its read transaction; a statement left open would pin the WAL snapshot.
        with self._lock:
            return self._reader.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        rows = self.query(sql, params)
        return rows[0][0] if rows else None

    @property
    def schema_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    @property
    def journal_mode(self) -> str:
        return str(self.scalar("PRAGMA journal_mode"))

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def journal_path(data_dir: Path) -> Path:
    return Path(data_dir) / JOURNAL_FILE


def open_journal(path: Path) -> Journal:
    """Open (or create) the journal and bring its schema up to date.

    A damaged file raises `JournalCorrupt` and is not touched: no repair, no overwrite.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = _connect(path)
    except sqlite3.Error as exc:
        raise JournalError(f"cannot open the journal {path}: {exc}") from exc
    try:
        _check_healthy(conn, path)
        _migrate(conn, path)
    except BaseException:
        conn.close()
        raise
    return Journal(path, conn)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    conn.row_factory = sqlite3.Row
    conn.create_function("digits", 1, digits_of, deterministic=True)
    conn.create_function("number_key", 1, number_key, deterministic=True)
    conn.create_function("mentions", 2, mentions, deterministic=True)
    conn.create_function("number_match", 4, _number_match, deterministic=True)
    return conn


def digits_of(number: str | None) -> str:
    """A phone number's digits only: "+49 30 123-456" and "4930123456" are the same number."""
    return "".join(filter(str.isdigit, number or ""))


def number_key(number: str | None) -> str:
    """A number's digits read backwards. However a number was dialled ("+44 20 7946 0018",
    "020 7946 0018"), its digits end with its national digits: reversed, "ends with" becomes
    "starts with", a range an index can answer (`key_range`)."""
    return digits_of(number)[::-1]


def key_range(ending: str) -> tuple[str, str]:
    """The `number_key` range of the numbers whose digits end with `ending`: [low, high)."""
    low = ending[::-1]
    return low, low + ":"  # ":" sorts right after "9"


def mentions(text: str | None, digits: str) -> int:
    """1 when `text` holds the number written with those digits as a whole number (not as a
    part of a longer one), in any of the ways a number appears: +E.164, digits, sip:user@."""
    if not text or not digits:
        return 0
    return int(re.search(rf"(?<!\d){re.escape(digits)}(?!\d)", text) is not None)


def _number_match(how: str, text: str | None, key: str, region: str) -> int:
    """SQL `number_match('is' | 'names', text, key, region)`: a deletion request's match."""
    from softphone.compliance.number_match import matcher  # phonenumbers: only when needed

    match = matcher(key, region)
    return int(match.is_number(text) if how == "is" else match.names(text))


def _check_healthy(conn: sqlite3.Connection, path: Path) -> None:
    try:
        conn.execute("PRAGMA user_version").fetchone()
        verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise JournalCorrupt(path, str(exc)) from exc
    if verdict != "ok":
        raise JournalCorrupt(path, str(verdict))


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    # WAL lets the sync worker read the outbox while the SIP thread writes a call record;
    # synchronous=NORMAL in WAL loses no committed transaction on an app crash (only on power
    # loss, the last few), which is the trade every desktop journal makes.
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    # A deleted row is overwritten with zeros, not left readable in free space: a deletion
    # request must leave no copy of the number in the file (journal.retention).
    conn.execute("PRAGMA secure_delete=ON")
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(MIGRATIONS):
        raise JournalError(
            f"the journal {path} was written by a newer softphone (schema {version}, "
            f"this one knows {len(MIGRATIONS)}); update the app"
        )
    for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Move a (damaged) journal and its WAL files aside under a dated name; returns the new
    name of the main file. The next `open_journal` then starts a fresh, empty journal."""
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.rename(kept.with_name(kept.name + suffix))
    return kept
