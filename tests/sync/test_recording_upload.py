"""The recordings lane: a recording reaches the center byte for byte, resumes where the center
stands after a failure, starts over after a checksum mismatch, and leaves the device only when
the center has it whole (or after keep_days); a deletion request takes a number's recordings.

Most tests run the client against `FakeRecordingsCenter` (a stand-in that can fail on cue);
`test_against_the_real_center` needs the center's recordings API (issue 17's center branch) and
runs once both are merged.
"""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
import soundfile as sf

from softphone.config import CentralSettings, JournalSettings, Profile, RecordingSettings, Settings
from softphone.journal import recordings
from softphone.journal.store import Journal
from softphone.recording.sealed import SealedReader
from softphone.sync import recording_upload
from softphone.sync.client import CenterUnavailable, CentralClient, TokenStore
from softphone.sync.deletions import Deletions
from softphone.sync.recording_upload import RecordingUploads
from tests.sync.recording_lab import KEY, TOKEN, FakeRecordingsCenter, sealed_recording


@pytest.fixture(autouse=True)
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recording_upload, "PIECE_BYTES", 8 * 1024)


def lane(journal: Journal, url: str, keep_days: int = 0, **kw: Any) -> RecordingUploads:
    settings = Settings(
        central=CentralSettings(url=url, user="ann"),
        recording=RecordingSettings(mode="always", keep_days=keep_days),
        journal=JournalSettings(call_retention_days=183),
    )
    profile = Profile(folder=journal.path.parent, settings=settings)
    tokens = TokenStore(load=lambda: TOKEN, save=lambda token: None)
    return RecordingUploads(
        profile,
        journal,
        lambda: CentralClient(url, "ann", lambda: None, tokens),
        master_key=lambda: KEY,
        **kw,
    )


def plaintext(path: Path) -> bytes:
    out = io.BytesIO()
    SealedReader(path, KEY).export(out)
    return out.getvalue()


def test_a_recording_arrives_whole_and_leaves_the_device(journal: Journal, tmp_path: Path):
    row = sealed_recording(journal, tmp_path / "recordings")
    original = plaintext(row.path)
    with FakeRecordingsCenter() as center:
        uploads = lane(journal, center.url)
        assert uploads.upload_waiting() == 1
        uploads.stop()
    held = center.held[row.id]
    assert held.complete and bytes(held.data) == original
    assert held.meta["sha256"] == hashlib.sha256(original).hexdigest() == row.sha256
    assert held.meta["call_key"] == "call-1" and held.meta["channels"] == 2
    assert len(center.puts) > 3, "sent in pieces"
    assert not row.path.exists(), "the confirmed file stays on the device"
    assert recordings.find(journal, row.id).state == "uploaded"  # type: ignore[union-attr]
    audio, rate = sf.read(io.BytesIO(bytes(held.data)))
    assert rate == 16000 and audio.shape[1] == 2


def test_an_interrupted_upload_resumes_where_the_center_stands(journal: Journal, tmp_path: Path):
    row = sealed_recording(journal, tmp_path / "recordings")
    with FakeRecordingsCenter() as center:
        center.fail_put_number = 3
        uploads = lane(journal, center.url)
        with pytest.raises(CenterUnavailable):
            uploads.upload_waiting()
        assert row.path.exists() and not center.held[row.id].complete
        stood_at = len(center.held[row.id].data)
        assert uploads.upload_waiting() == 1
        uploads.stop()
    # the retry announced, heard "received: N" and went on from N: nothing was sent twice
    after_failure = [start for _, start, _ in center.puts[3:]]
    assert after_failure[0] == stood_at > 0
    assert bytes(center.held[row.id].data) == plaintext_of(row, center)


def plaintext_of(row: recordings.RecordingRow, center: FakeRecordingsCenter) -> bytes:
    assert center.held[row.id].complete
    assert hashlib.sha256(center.held[row.id].data).hexdigest() == row.sha256
    return bytes(center.held[row.id].data)


def test_a_checksum_mismatch_starts_the_file_over(journal: Journal, tmp_path: Path):
    row = sealed_recording(journal, tmp_path / "recordings")
    original = plaintext(row.path)
    with FakeRecordingsCenter() as center:
        center.mismatch_once = True
        uploads = lane(journal, center.url)
        assert uploads.upload_waiting() == 1
        uploads.stop()
    starts = [start for _, start, _ in center.puts]
    assert starts.count(0) == 2, "sent again from byte 0 after the 422"
    assert bytes(center.held[row.id].data) == original


def test_keep_days_keeps_the_local_copy_then_removes_it(journal: Journal, tmp_path: Path):
    row = sealed_recording(journal, tmp_path / "recordings")
    now = datetime.now(timezone.utc)
    with FakeRecordingsCenter() as center:
        uploads = lane(journal, center.url, keep_days=2, now=lambda: now)
        uploads.upload_waiting()
        uploads.stop()
    assert row.path.exists(), "kept for keep_days after the upload"
    later = lane(journal, "http://127.0.0.1:9", keep_days=2, now=lambda: now + timedelta(days=3))
    later.sweep()
    assert not row.path.exists()


def test_a_recording_not_uploaded_stays_until_the_call_retention(journal: Journal, tmp_path: Path):
    from softphone.agent.retention_timer import RetentionTimer

    row = sealed_recording(journal, tmp_path / "recordings")
    lane(journal, "http://127.0.0.1:9", now=lambda: datetime.now(timezone.utc)).sweep()
    RetentionTimer(journal, 183, lambda: datetime.now(timezone.utc)).purge_now()
    assert row.path.exists(), "a file the center never confirmed is kept"
    half_a_year = datetime.now(timezone.utc) + timedelta(days=184)
    RetentionTimer(journal, 183, lambda: half_a_year).purge_now()
    assert not row.path.exists() and recordings.find(journal, row.id) is None


def test_a_deletion_request_takes_the_numbers_recordings(journal: Journal, tmp_path: Path):
    theirs = sealed_recording(journal, tmp_path / "recordings", remote="sip:+493012345678@pbx")
    other = sealed_recording(
        journal, tmp_path / "recordings", call="call-2", remote="sip:+445550001111@pbx"
    )
    done: list[tuple[str, dict[str, object]]] = []
    Deletions(journal, list, "DE", lambda action, detail: done.append((action, detail))).carry_out(
        ["030 12345678"]
    )
    assert not theirs.path.exists() and recordings.find(journal, theirs.id) is None
    assert other.path.exists() and recordings.find(journal, other.id) is not None
    assert done and done[0][1]["erased"] >= 1


def test_a_deletion_request_for_the_agent_takes_all_its_recordings(
    journal: Journal, tmp_path: Path
) -> None:
    first = sealed_recording(journal, tmp_path / "recordings")
    second = sealed_recording(journal, tmp_path / "recordings", call="call-2")
    with FakeRecordingsCenter() as center:
        center.deletion_requests = [
            {"id": 4, "subject_kind": "agent", "subject": "bob", "removed": {}},
            {"id": 5, "subject_kind": "number", "subject": "+4930999999", "removed": {}},
        ]
        uploads = lane(journal, center.url)
        uploads.deletions_if_due()
        assert first.path.exists(), "another agent's request is not ours"
        center.deletion_requests.append(
            {"id": 6, "subject_kind": "agent", "subject": "ann", "removed": {}}
        )
        uploads._deletions_at = 0.0  # the next round
        uploads.deletions_if_due()
        uploads.stop()
    assert not first.path.exists() and not second.path.exists()
    assert recordings.all_recordings(journal) == []
    assert center.deletion_asks[-1].endswith("since=5"), "each request is carried out once"


def test_against_the_real_center(journal: Journal, tmp_path: Path) -> None:
    """NEEDS the center's recordings API (merged with the wt-reccenter branch); skipped only
    while softphone.central has no recording routes, never in CI after the merge."""
    pytest.importorskip("softphone.central.api.recording_routes")
    from tests.central.server import PASSWORD
    from tests.sync.center_lab import admin_token, make_center

    lab = make_center(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    lab.start()
    try:
        row = sealed_recording(journal, tmp_path / "recordings")
        original = plaintext(row.path)
        settings = Settings(central=CentralSettings(url=lab.url, user="ann"))
        profile = Profile(folder=journal.path.parent, settings=settings)
        uploads = RecordingUploads(
            profile,
            journal,
            lambda: CentralClient(lab.url, "ann", lambda: PASSWORD, TokenStore()),
            master_key=lambda: KEY,
        )
        uploads.deletions_if_due()  # the agent may read its deletion requests: none yet
        assert uploads.upload_waiting() == 1
        status = uploads._client.authed("GET", f"/recordings/{row.id}/status").json()  # type: ignore[union-attr]
        uploads.stop()
        assert status == {"received": len(original), "complete": True}
        assert not row.path.exists()

        # an admin asks the center to erase the agent: its device's recordings go too
        kept = sealed_recording(journal, tmp_path / "recordings", call="call-2")
        admin = httpx.Client(base_url=f"{lab.url}/api/v1", timeout=10)
        asked = admin.post(
            "/deletion-requests",
            json={"agent": "ann"},
            headers={"Authorization": f"Bearer {admin_token(lab)}"},
        )
        admin.close()
        assert asked.status_code in (200, 201), asked.text
        again = RecordingUploads(
            profile,
            journal,
            lambda: CentralClient(lab.url, "ann", lambda: PASSWORD, TokenStore()),
            master_key=lambda: KEY,
        )
        again.deletions_if_due()
        again.stop()
        assert not kept.path.exists() and recordings.all_recordings(journal) == []
    finally:
        lab.close()
