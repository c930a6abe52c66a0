"""Ogg Vorbis encoding through libsndfile (soundfile), straight into a sealed file.

Why soundfile: its wheels bundle libsndfile (with libvorbis, libopus, libogg, libFLAC) for
Windows, macOS and Linux, about 1 MB, against PyAV's 20-40 MB of FFmpeg. Why Ogg: the stream is
only ever appended to (libsndfile never seeks back to patch a header), so every sealed record is
final and a file cut short plays up to its last whole page; FLAC rewrites its STREAMINFO at close
and libsndfile refuses a FLAC file cut mid-frame ("lost sync"). Why Vorbis over Opus, measured on
a minute of speech-like stereo at 16 kHz (the signal of tests/bench/recording.py):
at the same size (~250 kB per minute, waveform SNR 18 vs 17 dB) Vorbis took 0.4 % of one core and
Opus 4.5 % (libsndfile gives no handle on Opus's complexity); FLAC is ~900 kB per minute. On an
agent's two-core desktop that runs the call's audio path, the tenfold CPU decides it.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np

from softphone.recording.sealed import SealedWriter

FORMAT = "ogg"
QUALITY = 1.0
"""libsndfile's compression level (0 best quality … 1 smallest): Vorbis's smallest, ≈ 35 kbit/s
for two channels of speech at 16 kHz, each party's tone still 40 dB clear of the other channel."""


class _SealingSink(io.RawIOBase):
    """libsndfile's virtual file: collects what the encoder writes until the next seal. Ogg
    writes only at the end; a write elsewhere would break the sealed-record design, so it fails."""

    def __init__(self) -> None:
        super().__init__()
        self.pending = bytearray()
        self.size = 0

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.pending += chunk
        self.size += len(chunk)
        return len(chunk)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        target = {io.SEEK_SET: offset, io.SEEK_CUR: self.size + offset, io.SEEK_END: self.size}
        if target[whence] != self.size:
            raise OSError("a sealed recording is written front to back only")
        return self.size

    def tell(self) -> int:
        return self.size

    def read(self, size: int = -1) -> bytes:
        return b""

    def take(self) -> bytes:
        data = bytes(self.pending)
        self.pending.clear()
        return data


class OggEncoder:
    """One recording's encoder; used by the recording writer thread only."""

    def __init__(
        self, sealed: SealedWriter, channels: int, rate: int, quality: float = QUALITY
    ) -> None:
        self.sealed = sealed
        self.channels = channels
        self.rate = rate
        self.frames = 0
        self._sink = _SealingSink()
        import soundfile as sf  # libsndfile loads with the first recording, not at start

        self._file = sf.SoundFile(
            self._sink,
            "w",
            samplerate=rate,
            channels=channels,
            format="OGG",
            subtype="VORBIS",
            compression_level=quality,
        )

    @property
    def duration_s(self) -> float:
        return self.frames / self.rate

    def write(self, samples: np.ndarray) -> None:
        """int16 samples, shaped (frames, channels)."""
        self._file.write(samples)
        self.frames += len(samples)

    def seal(self) -> None:
        """What the encoder has put out so far goes to disk, sealed (the crash-safe point)."""
        data = self._sink.take()
        if data:
            self.sealed.seal(data)

    def close(self) -> None:
        self._file.close()  # the last Ogg page (end of stream)
        self.sealed.seal(self._sink.take(), final=True)

    def abandon(self) -> None:
        """Stop without closing the stream (the agent is shutting down hard)."""
        self.seal()
        self.sealed.abandon()
