"""The call recorder's policy on the bus, without SIP: "always" records each call from its start,
mute belongs to one call (the next call is heard again), and a saved recording is in the journal
with its checksum."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
import soundfile as sf

from softphone.agent.recording import CallRecorder
from softphone.config import Profile, RecordingSettings, Settings
from softphone.events import CallEnded, CallState, Event, EventBus, RecordingSaved
from softphone.journal import recordings
from softphone.journal.executor import JournalExecutor
from softphone.journal.store import journal_path, open_journal
from softphone.recording.keys import recording_key
from softphone.recording.sealed import SealedReader
from tests.integration.peers.pulse import band_dbfs
from tests.unit.test_recording_writer import frames


def wait_for(check, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_mute_belongs_to_its_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    profile = Profile(tmp_path, Settings(recording=RecordingSettings(mode="always")))
    journal = open_journal(journal_path(profile.data_dir))
    executor = JournalExecutor()
    bus = EventBus()
    heard: list[Event] = []
    bus.subscribe(heard.append)
    recorder = CallRecorder(profile, bus, journal, executor)
    recorder.start()
    tap = recorder.writer.tap

    def call(key: str) -> RecordingSaved:
        bus.publish(CallState(call=key, state="confirmed", direction="outbound", remote="sip:1@x"))
        wait_for(lambda: tap.capturing)
        if key == "c1":
            recorder.mute(True)  # the newest live call: c1
        for mine in frames(700, 2.0):
            tap.sent(mine)
            tap.received(bytes(640))
        bus.publish(CallEnded(call=key))
        wait_for(lambda: any(isinstance(e, RecordingSaved) and e.call == key for e in heard))
        return next(e for e in heard if isinstance(e, RecordingSaved) and e.call == key)

    first, second = call("c1"), call("c2")
    recorder.stop()
    executor.settle()
    key = recording_key(tmp_path, create=False)
    levels = []
    for saved in (first, second):
        out = io.BytesIO()
        SealedReader(Path(saved.path), key).export(out)
        out.seek(0)
        audio, _ = sf.read(out, dtype="int16", always_2d=True)
        levels.append(band_dbfs(audio[8000:, 0], 650, 750))
        row = recordings.find(journal, saved.call)
        assert row is not None and row.state == "saved" and row.sha256 == saved.sha256
    executor.stop()
    journal.close()
    assert levels[0] < -60, "the muted call's agent channel is silent"
    assert levels[1] > -30, "the next call is not muted"
