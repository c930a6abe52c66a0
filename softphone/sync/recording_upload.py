"""The recordings lane: sealed call recordings go to the center in resumable pieces.

A lane of its own (its own thread and HTTP connection), so status changes and call events never
wait behind audio. For each saved recording it announces the file (`POST /recordings`; the center
answers how many bytes it already holds), then sends the plaintext Ogg file from there in pieces
(`PUT …/content` with Content-Range), decrypting record by record as it goes: a killed agent or
a restarted center resumes where the center stands. A 409 says where the center really is; a 422
(checksum mismatch: the center dropped the bytes) starts the file over, a few times at most. Only
once the center says `complete` is the row marked uploaded; the local file goes after `keep_days`
(0: at once); the lane's hourly sweep removes copies kept past `keep_days`, and once a minute it
asks for deletion requests naming this agent (`recording_deletions`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from softphone.config import Profile
from softphone.journal import recordings
from softphone.journal.meta import Meta
from softphone.journal.recordings import RecordingRow
from softphone.journal.store import Journal
from softphone.recording.keys import recording_key
from softphone.recording.policy import in_force
from softphone.recording.sealed import SealedError, SealedReader
from softphone.sync.client import CentralClient, SyncError
from softphone.sync.pace import Backoff
from softphone.sync.recording_deletions import carry_out_agent_deletions

log = logging.getLogger(__name__)

PIECE_BYTES = 256 * 1024
IDLE_POLL_S = 5.0
RESTARTS = 3
"""Checksum mismatches tolerated for one file before it waits for the next round."""
SWEEP_EVERY_S = 3600.0
DELETIONS_EVERY_S = 60.0


class UploadRefused(SyncError):
    """The center will not take this recording as it is (it stays on the device, shown)."""


def _pieces(reader: SealedReader, offset: int, size: int) -> Iterator[tuple[int, bytes]]:
    """(start, bytes) pieces of the plaintext from `offset`; never past `size` (what was
    announced: a file is sealed and final by then)."""
    buffer = bytearray()
    start = offset
    for plain in reader.read_from(offset):
        buffer += plain
        while len(buffer) >= PIECE_BYTES:
            yield start, bytes(buffer[:PIECE_BYTES])
            start += PIECE_BYTES
            del buffer[:PIECE_BYTES]
    if buffer and start < size:
        yield start, bytes(buffer[: size - start])


class RecordingUploads:
    def __init__(
        self,
        profile: Profile,
        journal: Journal,
        client_factory: Callable[[], CentralClient],
        master_key: Callable[[], bytes] | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        idle_poll_s: float = IDLE_POLL_S,
    ) -> None:
        self.profile = profile
        self.journal = journal
        self._client_factory = client_factory
        self._key = master_key or (lambda: recording_key(profile.folder, create=False))
        self._now = now
        self.idle_poll_s = idle_poll_s
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sync-recordings", daemon=True)
        self._client: CentralClient | None = None
        self._swept_at = 0.0
        self._deletions_at = 0.0
        self.uploaded = 0

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        if self._client is not None:
            self._client.close()

    # --- the lane's thread ------------------------------------------------------------------

    def _run(self) -> None:
        backoff = Backoff()
        while not self._stop.is_set():
            try:
                self.sweep_if_due()
                self.deletions_if_due()
                self.upload_waiting()
                backoff.reset()
                wait = self.idle_poll_s
            except SyncError as exc:
                wait = backoff.next_delay(getattr(exc, "retry_after_s", None))
                log.info("sync: recordings wait %.0f s: %s", wait, exc)
            except Exception:
                log.exception("sync: the recordings lane failed")
                wait = backoff.next_delay(None)
            self._wake.wait(wait)
            self._wake.clear()

    def upload_waiting(self) -> int:
        """Upload every saved recording; the number confirmed whole by the center."""
        done = 0
        for row in recordings.waiting_upload(self.journal):
            if self._stop.is_set():
                break
            try:
                self.upload(row)
            except (UploadRefused, SealedError, LookupError, OSError) as exc:
                # kept on the device with the reason (`softphone recordings list`), not retried
                log.warning("sync: recording %s not uploaded: %s", row.id, exc)
                recordings.upload_failed(self.journal, row.id, str(exc))
                continue
            done += 1
        return done

    def client(self) -> CentralClient:
        if self._client is None:
            self._client = self._client_factory()
        return self._client

    def deletions_if_due(self) -> None:
        now = self._now().timestamp()
        if now - self._deletions_at >= DELETIONS_EVERY_S:
            agent = self.profile.settings.central.user
            carry_out_agent_deletions(self.client(), self.journal, agent)
            self._deletions_at = now

    def upload(self, row: RecordingRow) -> None:
        client = self.client()
        reader = SealedReader(row.path, self._key())
        for _ in range(RESTARTS):
            received = self._announce(client, row)
            if received >= row.size or self._send_from(client, reader, row, received):
                self._confirmed(row)
                return
        raise UploadRefused(f"the checksum did not match {RESTARTS} times")

    def _announce(self, client: CentralClient, row: RecordingRow) -> int:
        body = {
            "recording_id": row.id,
            "call_key": row.call_id,
            "started_at": row.started_at,
            "duration_s": row.duration_s,
            "channels": row.channels,
            "format": row.format,
            "size": row.size,
            "sha256": row.sha256,
            "incomplete": row.incomplete,
        }
        reply = client.authed("POST", "/recordings", answers=(422,), json=body)
        if reply.status_code == 422:
            raise UploadRefused(reply.text[:300])
        return int(reply.json()["received"])

    def _send_from(
        self, client: CentralClient, reader: SealedReader, row: RecordingRow, offset: int
    ) -> bool:
        """True once the center holds the whole file; False: start over (checksum)."""
        while True:
            moved = False
            for start, piece in _pieces(reader, offset, row.size):
                end = start + len(piece) - 1
                reply = client.authed(
                    "PUT",
                    f"/recordings/{row.id}/content",
                    answers=(409, 422),
                    content=piece,
                    headers={
                        "Content-Range": f"bytes {start}-{end}/{row.size}",
                        "Content-Type": "application/octet-stream",
                    },
                )
                if reply.status_code == 422:
                    log.info("sync: recording %s failed the center's checksum", row.id)
                    return False
                answer = reply.json()
                if reply.status_code == 409 or answer["received"] != end + 1:
                    offset = int(answer["received"])  # the center says where it stands
                    moved = True
                    break
                if answer.get("complete"):
                    return True
            if not moved:
                return self._status(client, row)

    def _status(self, client: CentralClient, row: RecordingRow) -> bool:
        answer = client.authed("GET", f"/recordings/{row.id}/status").json()
        return bool(answer.get("complete"))

    def _confirmed(self, row: RecordingRow) -> None:
        recordings.uploaded(self.journal, row.id, self._now())
        self.uploaded += 1
        log.info("sync: recording %s uploaded (%d bytes)", row.id, row.size)
        if self._keep_days() == 0:
            _remove(row.path)

    # --- retention --------------------------------------------------------------------------

    def _keep_days(self) -> int:
        stored, _ = Meta(self.journal).config()
        center = (stored or {}).get("recording")
        policy = in_force(
            self.profile.settings.recording, center if isinstance(center, dict) else None
        )
        return policy.keep_days

    def sweep_if_due(self) -> None:
        now = self._now().timestamp()
        if now - self._swept_at >= SWEEP_EVERY_S:
            self.sweep()
            self._swept_at = now

    def sweep(self) -> int:
        """Local copies kept past keep_days leave the device (the rows stay: the call's link to
        its recording at the center; the call-data retention takes them, RetentionTimer)."""
        due = recordings.past_keeping(self.journal, self._now(), self._keep_days())
        for row in due:
            _remove(row.path)
        return len(due)


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:  # held open elsewhere (Windows): tried again at the next sweep
        log.warning("sync: recording %s could not be deleted yet: %s", path.name, exc)
