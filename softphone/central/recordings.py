"""Recordings at the center: a device announces one (metadata into the database), sends its bytes
in resumable pieces (into the store's part), and the center seals it once the SHA-256 of every
byte matches; who may listen to which (an agent its own, a supervisor its groups' agents', an
admin all); and forgetting them — by retention or deletion request — rows first, files after the
commit (`doomed`), each deletion audited.

The store is the truth of how many bytes arrived (the part's size, fsynced per piece): a center
that restarts between a piece and its row picks up where the file ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session

from softphone.central import audit, floor
from softphone.central.auth import Principal
from softphone.central.models import AuditEntry, Recording
from softphone.central.schemas import RecordingAnnounce, RecordingView, UploadState
from softphone.central.storage import RecordingStore, StoreConflict

_RANGE = re.compile(r"^bytes (\d{1,12})-(\d{1,12})/(\d{1,12})$")
_DOOMED = "doomed_recordings"


class UploadRefused(Exception):
    """An upload request answered with `status` and `body` (JSON)."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body


def _owned(session: Session, who: Principal, key: str) -> Recording:
    row = session.get(Recording, key)
    if row is None:
        raise UploadRefused(404, {"detail": "no such recording; announce it first"})
    if row.agent_id != who.user_id:
        raise UploadRefused(403, {"detail": "this recording belongs to another agent"})
    return row


def announce(
    session: Session, store: RecordingStore, who: Principal, meta: RecordingAnnounce, now: datetime
) -> tuple[bool, int]:
    """(new, bytes received so far). A known recording whose file changed (another size or
    checksum) while unfinished starts again from 0; a finished one cannot change (409). One
    whose every byte is in but was never checked (the center stopped in between) is checked
    now: sealed, or discarded (0)."""
    key = meta.recording_id.lower()
    row = session.get(Recording, key)
    fields = meta.model_dump(exclude={"recording_id"})
    fields["sha256"] = meta.sha256.lower()
    if row is None:
        if _deleted_before(session, key):
            raise UploadRefused(410, {"detail": "deleted at the center (a deletion request or "
                                      "retention): delete it on the device"})  # fmt: skip
        session.add(Recording(id=key, agent_id=who.user_id, complete=False, announced_at=now,
                              completed_at=None, **fields))  # fmt: skip
        return True, 0
    if row.agent_id != who.user_id:
        raise UploadRefused(403, {"detail": "this recording belongs to another agent"})
    same = (row.size, row.sha256) == (meta.size, fields["sha256"])
    if row.complete or store.size(key) is not None:
        if not same:
            raise UploadRefused(409, {"detail": "a finished recording cannot change"})
        _mark_complete(row, now)
        return False, row.size
    if not same:
        store.delete(key)
    for name, value in fields.items():
        setattr(row, name, value)
    received = store.part_size(key)
    if received == row.size:  # the last piece was written, then the center went down
        return False, row.size if finish(session, store, key, now) else 0
    return False, received


def _deleted_before(session: Session, key: str) -> bool:
    """Its deletion is in the audit log: a device that has not yet heard of the deletion
    request must not bring the recording back by uploading it again."""
    found = session.scalar(
        select(AuditEntry.id)
        .where(AuditEntry.subject == key, AuditEntry.action == audit.DELETE_RECORDING)
        .limit(1)
    )
    return found is not None


def status(session: Session, store: RecordingStore, who: Principal, key: str) -> UploadState:
    row = _owned(session, who, key)
    if row.complete or store.size(key) is not None:
        return UploadState(received=row.size, complete=True)
    return UploadState(received=store.part_size(key), complete=False)


def parse_range(header: str | None, length: int) -> tuple[int, int]:
    """(start, total) of `Content-Range: bytes START-END/TOTAL` describing `length` bytes."""
    found = _RANGE.match((header or "").strip())
    if found is None:
        raise UploadRefused(400, {"detail": "Content-Range: bytes START-END/TOTAL is required"})
    start, end, total = (int(g) for g in found.groups())
    if end < start or end - start + 1 != length:
        raise UploadRefused(400, {"detail": "Content-Range does not match the body's length"})
    return start, total


@dataclass(frozen=True)
class Piece:
    key: str
    content_range: str | None
    data: bytes


def check_piece(session: Session, store: RecordingStore, who: Principal, piece: Piece) -> int:
    """Before any byte is written: the recording is the caller's, the range fits; returns the
    recording's size. A finished recording answers as finished (409 with its size)."""
    row = _owned(session, who, piece.key)
    start, total = parse_range(piece.content_range, len(piece.data))
    if total != row.size or start + len(piece.data) > row.size:
        raise UploadRefused(400, {"detail": f"the recording has {row.size} bytes"})
    if row.complete or store.size(piece.key) is not None:
        raise UploadRefused(409, {"received": row.size, "complete": True})
    received = store.part_size(piece.key)
    if start != received:
        raise UploadRefused(409, {"received": received})
    return row.size


def append_piece(store: RecordingStore, piece: Piece) -> int:
    start, _ = parse_range(piece.content_range, len(piece.data))
    try:
        return store.append(piece.key, start, piece.data)
    except StoreConflict as exc:  # another request of the same upload got there first
        raise UploadRefused(409, {"received": exc.size}) from None


def finish(session: Session, store: RecordingStore, key: str, now: datetime) -> bool:
    """Every byte is in: seal when the SHA-256 matches; otherwise the bytes are discarded (the
    device sends the file again from 0). Returns whether it matched."""
    row = session.get(Recording, key)
    if row is None:  # deleted meanwhile (a deletion request): keep nothing
        store.delete(key)
        return False
    if store.part_sha256(key) != row.sha256:
        store.delete(key)
        return False
    store.seal(key)
    _mark_complete(row, now)
    return True


def _mark_complete(row: Recording, now: datetime) -> None:
    if not row.complete:
        row.complete, row.completed_at = True, now


# --- listening ---------------------------------------------------------------------------------


class NotYours(Exception):
    """The caller may not listen to this recording (403)."""


def listenable(session: Session, who: Principal, key: str) -> Recording | None:
    """The finished recording if `who` may hear it; None when there is none (404); NotYours
    when it is another agent's (agents), outside the supervisor's groups, or unknown user."""
    row = session.get(Recording, key)
    if row is None or not row.complete:
        return None
    if who.role == "agent":
        if row.agent_id != who.user_id:
            raise NotYours(key)
        return row
    if who.is_admin:
        return row
    if row.agent_id not in {a.user_id for a in floor.visible_agents(session, who)}:
        raise NotYours(key)
    return row


def view(row: Recording) -> RecordingView:
    return RecordingView(
        id=row.id,
        started_at=row.started_at,
        duration_s=row.duration_s,
        channels=row.channels,
        format=row.format,
        size=row.size,
        incomplete=row.incomplete,
        complete=row.complete,
    )


# --- forgetting --------------------------------------------------------------------------------


def forget(session: Session, where: ColumnElement[bool], actor: str, reason: str) -> int:
    """Deletes the recordings' rows (their tickets go with them) and audits each; their audio
    is deleted by `delete_doomed` once the transaction committed. Returns how many."""
    rows = session.execute(
        select(Recording.id, Recording.agent_id, Recording.call_key).where(where)
    ).all()
    if not rows:
        return 0
    keys = [r.id for r in rows]
    session.execute(delete(Recording).where(Recording.id.in_(keys)))
    for row in rows:
        about = {"reason": reason, "call_key": row.call_key, "agent_id": row.agent_id}
        audit.note(session, actor, audit.DELETE_RECORDING, row.id, about)
    session.info.setdefault(_DOOMED, []).extend(keys)
    return len(keys)


def doomed(session: Session) -> list[str]:
    """The recordings `forget` deleted in this (now committed) session: their audio goes."""
    return list(session.info.get(_DOOMED, []))


def delete_doomed(store: RecordingStore, keys: list[str]) -> None:
    for key in keys:
        store.delete(key)


def purge(session: Session, days: int, now: datetime) -> int:
    return forget(
        session, Recording.started_at < now - timedelta(days=days), audit.SYSTEM, "retention"
    )
