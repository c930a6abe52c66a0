"""The desk's recordings lane as the app builds it: the center's token and the recordings' key
from the keyring, woken by a `recording_saved` event rather than waiting for its next poll."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from softphone.agent.desk import _recording_uploads
from softphone.config import CentralSettings, Profile, Settings
from softphone.events import EventBus, RecordingSaved
from softphone.journal.store import Journal
from softphone.recording.keys import recording_key
from softphone.secrets import store_secret
from tests.sync.recording_lab import TOKEN, FakeRecordingsCenter, sealed_recording


def test_a_saved_recording_is_uploaded_at_once(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = journal.path.parent
    key = recording_key(folder)  # made at the first recording, kept in the keyring
    assert recording_key(folder, create=False) == key
    store_secret(folder, "central-token", TOKEN)
    with FakeRecordingsCenter() as center:
        profile = Profile(
            folder=folder, settings=Settings(central=CentralSettings(center.url, "ann"))
        )
        bus = EventBus()
        uploads = _recording_uploads(profile, journal, bus)
        uploads.idle_poll_s = 600.0  # only the event can make it upload within the test
        uploads.start()
        try:
            time.sleep(0.5)  # the lane's first round found nothing and now waits
            row = sealed_recording(journal, folder / "recordings", key=key)
            bus.publish(RecordingSaved(call=row.call_id, path=str(row.path), recording=row.id))
            deadline = time.monotonic() + 30
            while not (row.id in center.held and center.held[row.id].complete):
                assert time.monotonic() < deadline, "the saved recording was not uploaded"
                time.sleep(0.05)
        finally:
            uploads.stop()
    assert not row.path.exists()
