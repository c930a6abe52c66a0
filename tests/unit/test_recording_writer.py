"""The recording writer and its sealed file, without SIP: frames in as the clock thread hands them
over, a playable Ogg Vorbis file out — each party on its channel, pauses left out, mute silent, a
torn tail still readable, nothing readable without the key."""

from __future__ import annotations

import io
import os
import uuid
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from softphone.recording.sealed import SealedError, SealedReader, SealedWriter
from softphone.recording.writer import Recording, RecordingWriter
from tests.integration.peers.pulse import band_dbfs, dominant_hz

RATE = 16000
FRAME = 320
KEY = os.urandom(32)


def frames(hz: float, seconds: float, start: int = 0) -> list[bytes]:
    t = (np.arange(int(seconds * RATE)) + start) / RATE
    pcm = (0.3 * np.sin(2 * np.pi * hz * t) * 32767).astype("<i2")
    return [pcm[i : i + FRAME].tobytes() for i in range(0, len(pcm), FRAME)]


class Bench:
    def __init__(self, folder: Path) -> None:
        self.saved: list[Recording] = []
        self.writer = RecordingWriter(
            folder, lambda: KEY, RATE, FRAME * 2, lambda r: None, self.saved.append
        )
        self.writer.start()

    def talk(self, agent_hz: float, customer_hz: float, seconds: float) -> None:
        tap = self.writer.tap
        for mine, theirs in zip(
            frames(agent_hz, seconds), frames(customer_hz, seconds), strict=True
        ):
            tap.sent(mine)  # as BridgePort.onFrameRequested / onFrameReceived do
            tap.received(theirs)

    def finish(self) -> tuple[Recording, np.ndarray]:
        self.writer.finish("c1")
        self.writer.stop()
        [done] = self.saved
        out = io.BytesIO()
        summary = SealedReader(done.path, KEY).export(out)
        assert summary.complete and summary.sha256 == done.sha256 and summary.size == done.size
        out.seek(0)
        audio, rate = sf.read(out, dtype="int16", always_2d=True)
        assert rate == RATE
        return done, audio


def test_each_party_on_its_channel(tmp_path: Path) -> None:
    bench = Bench(tmp_path)
    bench.writer.begin("c1", 2, "sip:+4930123@pbx", [])
    bench.writer.settle()
    bench.talk(700, 1000, 3.0)
    done, audio = bench.finish()
    assert abs(dominant_hz(audio[8000:, 0]) - 700) < 10
    assert abs(dominant_hz(audio[8000:, 1]) - 1000) < 10
    assert 2.9 <= done.duration_s <= 3.0


def test_pause_leaves_the_span_out_and_mute_silences_the_agent(tmp_path: Path) -> None:
    bench = Bench(tmp_path)
    writer = bench.writer
    writer.begin("c1", 2, "", [])
    writer.settle()
    bench.talk(700, 1000, 2.0)
    writer.pause("agent")
    writer.settle()
    bench.talk(1300, 1300, 2.0)  # the card number
    writer.resume("agent")
    writer.mute(True)
    writer.settle()
    bench.talk(700, 1000, 2.0)
    done, audio = bench.finish()
    assert 3.8 <= done.duration_s <= 4.1, "the paused 2 s are not in the file"
    assert band_dbfs(audio[:, 0], 1250, 1350) < -60 and band_dbfs(audio[:, 1], 1250, 1350) < -60
    muted = audio[int(2.3 * RATE) :, 0]
    assert np.abs(muted.astype(int)).max() < 300, "mute records silence on the agent's channel"


def test_mixed_is_one_channel_with_both(tmp_path: Path) -> None:
    bench = Bench(tmp_path)
    bench.writer.begin("c1", 1, "", [])
    bench.writer.settle()
    bench.talk(700, 1000, 2.0)
    _, audio = bench.finish()
    assert audio.shape[1] == 1
    assert band_dbfs(audio[:, 0], 650, 750) > -30 and band_dbfs(audio[:, 0], 950, 1050) > -30


def test_the_consent_prompt_goes_to_the_customer_before_recording(tmp_path: Path) -> None:
    bench = Bench(tmp_path)
    prompt = frames(500, 1.0)
    bench.writer.begin("c1", 2, "", prompt)
    bench.writer.settle()
    tap = bench.writer.tap
    sent = [tap.sent(mic) for mic in frames(700, 1.0)]
    assert sent == prompt, "the customer hears the prompt instead of the microphone"
    bench.talk(700, 1000, 2.0)
    done, audio = bench.finish()
    assert done.duration_s <= 2.0
    agent = audio[:, 0]
    assert band_dbfs(agent, 450, 550) < band_dbfs(agent, 650, 750) - 35, "the prompt is recorded"


def test_a_torn_file_reads_up_to_its_last_record_and_not_without_the_key(tmp_path: Path) -> None:
    path = tmp_path / "r.sprec"
    writer = SealedWriter(path, KEY, uuid.uuid4())
    for n in range(5):
        writer.seal(bytes([n]) * 1000, sync=False)
    writer.abandon()
    data = path.read_bytes()
    path.write_bytes(data[:-500])  # the process died writing the last record
    reader = SealedReader(path, KEY)
    assert b"".join(reader.chunks()) == b"".join(bytes([n]) * 1000 for n in range(4))
    assert not reader.complete
    with pytest.raises(SealedError):
        list(SealedReader(path, os.urandom(32)).chunks())


def test_a_record_moved_or_altered_ends_the_readable_part(tmp_path: Path) -> None:
    path = tmp_path / "r.sprec"
    writer = SealedWriter(path, KEY, uuid.uuid4())
    for n in range(3):
        writer.seal(bytes([n]) * 100, sync=False)
    writer.seal(b"", final=True, sync=False)
    data = bytearray(path.read_bytes())
    data[-200] ^= 1  # inside the third record
    path.write_bytes(bytes(data))
    assert len(list(SealedReader(path, KEY).chunks())) < 3


def test_the_centers_recording_settings_win_key_by_key() -> None:
    from softphone.config import RecordingSettings
    from softphone.recording.policy import in_force

    local = RecordingSettings(mode="never", channels="split", keep_days=0)
    merged = in_force(local, {"mode": "always", "keep_days": 7, "unknown": 1})
    assert (merged.mode, merged.channels, merged.keep_days) == ("always", "split", 7)
    assert in_force(local, {"mode": "sometimes"}) == local, "an unusable policy is not obeyed"
    assert in_force(local, {"consent_prompt": "/etc/passwd"}).consent_prompt == ""
