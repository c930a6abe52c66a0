"""The journal's recordings table: each call recording's metadata, its upload state and its fate.

A row is written when recording begins (state `recording`), completed when it ends (`saved`, with
the plaintext size and SHA-256), and marked `uploaded` once the center confirmed the whole file.
A row still `recording` at start-up belongs to an agent that died mid-call: `leftovers` names
them for the recorder to measure what was sealed and save them as incomplete.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from softphone.journal.store import Journal, utc_iso

log = logging.getLogger(__name__)

RECORDING = "recording"
SAVED = "saved"
UPLOADED = "uploaded"


@dataclass(frozen=True)
class RecordingRow:
    id: str
    call_id: str
    path: Path
    started_at: str
    duration_s: float
    channels: int
    format: str
    size: int
    sha256: str
    incomplete: bool
    state: str
    remote: str = ""
    uploaded_at: str | None = None


_COLUMNS = (
    "id, call_id, path, started_at, duration_s, channels, format, size, sha256, incomplete,"
    " state, remote, uploaded_at"
)


def _row(raw: tuple[object, ...]) -> RecordingRow:
    values = list(raw)
    values[2] = Path(str(values[2]))
    values[9] = bool(values[9])
    return RecordingRow(*values)  # type: ignore[arg-type]


def begun(
    journal: Journal,
    recording_id: str,
    call_id: str,
    path: Path,
    started_at: datetime,
    channels: int,
    fmt: str,
    remote: str,
) -> None:
    with journal.transaction() as conn:
        conn.execute(
            "INSERT INTO recordings (id, call_id, path, remote, started_at, channels, format,"
            " state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                recording_id,
                call_id,
                str(path),
                remote,
                utc_iso(started_at),
                channels,
                fmt,
                RECORDING,
            ),
        )


def saved(
    journal: Journal,
    recording_id: str,
    duration_s: float,
    size: int,
    sha256: str,
    incomplete: bool,
) -> None:
    with journal.transaction() as conn:
        conn.execute(
            "UPDATE recordings SET state = ?, duration_s = ?, size = ?, sha256 = ?,"
            " incomplete = ? WHERE id = ? AND state = 'recording'",
            (SAVED, duration_s, size, sha256, int(incomplete), recording_id),
        )


def uploaded(journal: Journal, recording_id: str, at: datetime) -> None:
    with journal.transaction() as conn:
        conn.execute(
            "UPDATE recordings SET state = ?, uploaded_at = ?, upload_error = NULL WHERE id = ?",
            (UPLOADED, utc_iso(at), recording_id),
        )


def upload_failed(journal: Journal, recording_id: str, error: str) -> None:
    with journal.transaction() as conn:
        conn.execute(
            "UPDATE recordings SET upload_error = ? WHERE id = ?", (error[:300], recording_id)
        )


def forget(journal: Journal, recording_ids: list[str]) -> None:
    with journal.transaction() as conn:
        conn.executemany("DELETE FROM recordings WHERE id = ?", ((r,) for r in recording_ids))


def by_state(journal: Journal, state: str) -> list[RecordingRow]:
    rows = journal.query(
        f"SELECT {_COLUMNS} FROM recordings WHERE state = ? ORDER BY started_at", (state,)
    )
    return [_row(tuple(r)) for r in rows]


def leftovers(journal: Journal) -> list[RecordingRow]:
    """Recordings an agent that died mid-call left behind."""
    return by_state(journal, RECORDING)


def waiting_upload(journal: Journal) -> list[RecordingRow]:
    """Saved recordings to upload, but not those that failed for good (unreadable, refused)."""
    rows = journal.query(
        f"SELECT {_COLUMNS} FROM recordings WHERE state = ? AND upload_error IS NULL"
        " ORDER BY started_at",
        (SAVED,),
    )
    return [_row(tuple(r)) for r in rows]


def find(journal: Journal, key: str) -> RecordingRow | None:
    """By recording id or call id (the newest recording of that call)."""
    rows = journal.query(
        f"SELECT {_COLUMNS} FROM recordings WHERE id = ? OR call_id = ?"
        " ORDER BY started_at DESC LIMIT 1",
        (key, key),
    )
    return _row(tuple(rows[0])) if rows else None


def all_recordings(journal: Journal) -> list[RecordingRow]:
    rows = journal.query(f"SELECT {_COLUMNS} FROM recordings ORDER BY started_at")
    return [_row(tuple(r)) for r in rows]


def of_number(journal: Journal, key: str, region: str) -> list[RecordingRow]:
    """The recordings of calls with a deletion request's number (its E.164 key): matched on the
    call record, or on the remote party the recording kept (the record may be gone already)."""
    rows = journal.query(
        f"SELECT {_COLUMNS} FROM recordings WHERE number_match('names', remote, ?1, ?2)"
        " OR call_id IN (SELECT call_id FROM call_records"
        " WHERE number_match('is', calling_number, ?1, ?2)"
        " OR number_match('is', called_number, ?1, ?2))",
        (key, region),
    )
    return [_row(tuple(r)) for r in rows]


def past_keeping(journal: Journal, now: datetime, keep_days: int) -> list[RecordingRow]:
    """Uploaded recordings whose local copy has been kept long enough."""
    cutoff = utc_iso(now - timedelta(days=keep_days))
    rows = journal.query(
        f"SELECT {_COLUMNS} FROM recordings WHERE state = ? AND uploaded_at <= ?",
        (UPLOADED, cutoff),
    )
    return [_row(tuple(r)) for r in rows]


def older_than(journal: Journal, cutoff: datetime) -> list[RecordingRow]:
    """Any recording started before `cutoff` (the call-data retention: 6 months by default)."""
    rows = journal.query(
        f"SELECT {_COLUMNS} FROM recordings WHERE state != ? AND started_at < ?",
        (RECORDING, utc_iso(cutoff)),
    )
    return [_row(tuple(r)) for r in rows]


def purge_old_recordings(journal: Journal, now: datetime, days: int) -> int:
    """The call-data retention for recordings, uploaded or not: files and rows older than
    `days` go. A file another program holds open (Windows) keeps its row for the next round."""
    gone = []
    for row in older_than(journal, now - timedelta(days=days)):
        try:
            row.path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("retention: recording %s not deleted yet: %s", row.path.name, exc)
            continue
        gone.append(row.id)
    forget(journal, gone)
    return len(gone)
