"""What recording a call costs the agent's machine, and how fast recordings upload.

    uv run python -m tests.bench.recording [--minutes 3]

Feeds the recording writer exactly as the audio bridge does (a 20 ms frame each way through the
tap, both channels a speech-like signal: voiced harmonics under a syllable-rate envelope, pauses
and noise) as fast as it goes, and measures the writer's work: CPU seconds per minute of call
(printed as % of one core while a call runs), bytes per minute at rest (sealed) and as uploaded
(plain Ogg Vorbis), for "split" (2 channels) and "mixed" (1). Then uploads the files through the
recordings lane to a loopback stand-in of the center in 256 kB pieces: MB/s, decryption included.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from softphone.config import CentralSettings, Profile, Settings
from softphone.journal import recordings
from softphone.journal.store import open_journal
from softphone.recording.writer import Recording, RecordingWriter
from softphone.sync.client import CentralClient, TokenStore
from softphone.sync.recording_upload import RecordingUploads
from tests.sync.recording_lab import TOKEN, FakeRecordingsCenter

RATE = 16000
FRAME = 320


def speech_like(seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    pitch = 110 + 40 * np.sin(2 * np.pi * 0.3 * t + seed)
    phase = 2 * np.pi * np.cumsum(pitch) / RATE
    voiced = sum(np.sin(k * phase) / k for k in range(1, 12))
    syllables = np.clip(np.sin(2 * np.pi * 4 * t + rng.uniform(0, 6)), 0, 1)
    talking = (np.sin(2 * np.pi * 0.1 * t + seed) > -0.3).astype(float)  # turns and pauses
    signal = 0.15 * voiced * syllables * talking + rng.normal(0, 0.003, len(t))
    return (np.clip(signal, -1, 1) * 32767).astype("<i2")


def record(folder: Path, key: bytes, channels: int, minutes: float) -> tuple[Recording, float]:
    saved: list[Recording] = []
    writer = RecordingWriter(folder, lambda: key, RATE, FRAME * 2, lambda r: None, saved.append)
    writer.start()
    writer.begin("bench", channels, "", [])
    writer.settle()
    agent, customer = speech_like(60 * minutes, 1), speech_like(60 * minutes, 2)
    frames = [
        (agent[i : i + FRAME].tobytes(), customer[i : i + FRAME].tobytes())
        for i in range(0, len(agent), FRAME)
    ]
    started = time.process_time()
    for mine, theirs in frames:
        writer.tap.sent(mine)
        writer.tap.received(theirs)
    writer.finish("bench")
    writer.stop(timeout_s=600)
    return saved[0], time.process_time() - started


def upload_rate(folder: Path, key: bytes, done: list[Recording]) -> float:
    journal = open_journal(folder / "journal.sqlite")
    for rec in done:
        recordings.begun(
            journal, rec.id, rec.call, rec.path, datetime.now(timezone.utc), rec.channels, "ogg", ""
        )
        recordings.saved(journal, rec.id, rec.duration_s, rec.size, rec.sha256, False)
    with FakeRecordingsCenter() as center:
        profile = Profile(
            folder=folder, settings=Settings(central=CentralSettings(center.url, "a"))
        )
        tokens = TokenStore(load=lambda: TOKEN, save=lambda token: None)
        lane = RecordingUploads(
            profile,
            journal,
            lambda: CentralClient(center.url, "a", lambda: None, tokens),
            master_key=lambda: key,
        )
        started = time.perf_counter()
        lane.upload_waiting()
        elapsed = time.perf_counter() - started
        lane.stop()
    journal.close()
    return sum(r.size for r in done) / elapsed / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=3.0)
    args = parser.parse_args()
    key = os.urandom(32)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        done = []
        print(f"{'channels':<10}{'cpu % of a core':>16}{'kB/min sealed':>15}{'kB/min plain':>14}")
        for name, channels in (("split", 2), ("mixed", 1)):
            rec, cpu_s = record(folder / name, key, channels, args.minutes)
            done.append(rec)
            minutes = rec.duration_s / 60
            sealed = rec.path.stat().st_size / 1000 / minutes
            plain = rec.size / 1000 / minutes
            cpu_pct = 100 * cpu_s / rec.duration_s
            print(f"{name:<10}{cpu_pct:>16.2f}{sealed:>15.0f}{plain:>14.0f}")
        rate = upload_rate(folder, key, done)
        print(f"upload: {rate:.1f} MB/s to a loopback center (256 kB pieces)")


if __name__ == "__main__":
    main()
