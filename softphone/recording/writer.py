"""The recording writer thread: pairs the tap's frames, encodes and seals them, off the audio path.

Everything a recording does after the clock thread copied a frame happens here, in the order the
queue gives: a frame, a command (begin, pause, resume, mute, finish) and the prompt's end are all
items of one queue, so a pause lands between the very frames it was asked between. Channel 0 is
the agent (what the microphone sent: silence while muted, since the customer heard none), channel
1 the customer; "mixed" sums them into one channel. A paused or held span is left out of the file
(no silence is written for it), so a card number read while paused is nowhere on disk.
"""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from softphone.recording.encoder import FORMAT, OggEncoder
from softphone.recording.sealed import SUFFIX, SealedWriter
from softphone.recording.tap import AGENT, CUSTOMER, RecordingTap

log = logging.getLogger(__name__)

SEAL_EVERY_S = 1.0
"""A crash loses at most about this much of the recording (plus one Ogg page)."""
_MAX_BACKLOG = 25
"""Frames of one side with none of the other (500 ms): that other side has no media."""


@dataclass
class Recording:
    """One call's recording; `size`/`sha256` are the plaintext Ogg file's, known once it ends."""

    id: str
    call: str
    path: Path
    started_at: datetime
    channels: int
    remote: str = ""
    format: str = FORMAT
    duration_s: float = 0.0
    size: int = 0
    sha256: str = ""
    incomplete: bool = False
    paused: set[str] = field(default_factory=set)


Listener = Callable[[Recording], None]


class RecordingWriter:
    def __init__(
        self,
        folder: Path,
        master_key: Callable[[], bytes],
        rate: int,
        frame_bytes: int,
        on_begun: Listener,
        on_saved: Listener,
        seal_every_s: float = SEAL_EVERY_S,
    ) -> None:
        self.folder = folder
        self._key = master_key
        self.rate = rate
        self._frame_samples = frame_bytes // 2
        self.on_begun = on_begun
        self.on_saved = on_saved
        self._seal_every = int(seal_every_s * rate)
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self.tap = RecordingTap(self._queue)
        self._thread = threading.Thread(target=self._run, name="recording-writer", daemon=True)
        self._current: Recording | None = None
        self._encoder: OggEncoder | None = None
        self._sealed_at = 0
        self._muted = False
        self._sides: dict[str, deque[bytes]] = {AGENT: deque(), CUSTOMER: deque()}

    # --- any thread: hand the work over -----------------------------------------------------

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Finishes the recording in progress (a clean quit leaves a complete file)."""
        self._queue.put(None)
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def run_soon(self, action: Callable[[], None]) -> None:
        """Run `action` on the writer thread, in order with the frames and commands."""
        self._queue.put(action)

    def begin(self, call: str, channels: int, remote: str, prompt: list[bytes]) -> None:
        """Open a new recording (on the writer thread, or handed to it)."""
        if threading.current_thread() is self._thread:
            self._begin(call, channels, remote, prompt)
        else:
            self._queue.put(lambda: self._begin(call, channels, remote, prompt))

    def pause(self, reason: str) -> None:
        self._queue.put(lambda: self._set_paused(reason, True))

    def resume(self, reason: str) -> None:
        self._queue.put(lambda: self._set_paused(reason, False))

    def mute(self, muted: bool) -> None:
        self._queue.put(lambda: setattr(self, "_muted", muted))

    def finish(self, call: str) -> None:
        self._queue.put(lambda: self._finish(call))

    def settle(self, timeout_s: float = 5.0) -> bool:
        """Wait until what was handed over so far is done (tests, the CLI)."""
        done = threading.Event()
        self._queue.put(done.set)
        return done.wait(timeout_s)

    @property
    def current(self) -> Recording | None:
        return self._current

    # --- the writer thread ------------------------------------------------------------------

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            try:
                if isinstance(item, tuple):
                    self._take_frame(*item)
                elif callable(item):
                    item()
            except Exception:
                log.exception("recording writer: %r failed", item)
                self._drop_current()
        if self._current is not None:
            self._finish(self._current.call)

    def _begin(self, call: str, channels: int, remote: str, prompt: list[bytes]) -> None:
        if self._current is not None:
            log.info("recording: call %s not recorded, %s is", call, self._current.call)
            return
        recording_id = uuid.uuid4()
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{recording_id}{SUFFIX}"
        sealed = SealedWriter(path, self._key(), recording_id)
        self._encoder = OggEncoder(sealed, channels, self.rate)
        self._encoder.seal()  # the Ogg headers: a file cut short at once still opens
        self._sealed_at = 0
        self._current = Recording(
            str(recording_id), call, path, datetime.now(timezone.utc), channels, remote
        )
        for side in self._sides.values():
            side.clear()
        self.on_begun(self._current)
        self.tap.capture_after(prompt)

    def _set_paused(self, reason: str, paused: bool) -> None:
        current = self._current
        if current is None:
            return
        if paused:
            current.paused.add(reason)
        else:
            current.paused.discard(reason)
        if paused:  # frames buffered for pairing are within the span left out
            for side in self._sides.values():
                side.clear()

    def _take_frame(self, side: str, frame: bytes) -> None:
        current, encoder = self._current, self._encoder
        if current is None or encoder is None or current.paused:
            return
        self._sides[side].append(frame)
        agent, customer = self._sides[AGENT], self._sides[CUSTOMER]
        while agent and customer:
            self._encode(agent.popleft(), customer.popleft())
        # One side has nothing (the far end's media stopped): the other goes on over silence.
        while len(agent) > _MAX_BACKLOG:
            frame = agent.popleft()
            self._encode(frame, bytes(len(frame)))
        while len(customer) > _MAX_BACKLOG:
            frame = customer.popleft()
            self._encode(bytes(len(frame)), frame)

    def _encode(self, agent_frame: bytes, customer_frame: bytes) -> None:
        encoder = self._encoder
        assert encoder is not None
        agent = np.frombuffer(agent_frame, dtype="<i2")
        if self._muted:
            agent = np.zeros_like(agent)
        customer = np.frombuffer(customer_frame, dtype="<i2")
        if len(agent) != len(customer):
            return
        if encoder.channels == 2:
            samples = np.column_stack((agent, customer))
        else:
            mixed = agent.astype(np.int32) + customer.astype(np.int32)
            samples = np.clip(mixed, -32768, 32767).astype(np.int16).reshape(-1, 1)
        encoder.write(samples)
        if encoder.frames - self._sealed_at >= self._seal_every:
            encoder.seal()
            self._sealed_at = encoder.frames

    def _finish(self, call: str) -> None:
        current, encoder = self._current, self._encoder
        if current is None or encoder is None or current.call != call:
            return
        self.tap.stop()
        encoder.close()
        current.duration_s = round(encoder.duration_s, 2)
        current.size = encoder.sealed.plain_size
        current.sha256 = encoder.sealed.sha256.hexdigest()
        self._current = self._encoder = None
        self.on_saved(current)

    def _drop_current(self) -> None:
        self.tap.stop()
        if self._encoder is not None:
            try:
                self._encoder.abandon()
            except Exception as exc:  # the file stays; the next start marks it incomplete
                log.warning("recording writer: could not close the recording: %s", exc)
        self._current = self._encoder = None
