"""The recording tap on the audio bridge: copies each 20 ms frame for the recording writer.

Its two methods run on pjmedia's clock thread (DESIGN "Threads and lifetimes"): they put a copy of
the frame on a queue and return; nothing waits, nothing is encoded here. While a consent prompt
plays, `sent` hands the bridge the prompt's frames instead of the microphone's, and capture starts
once the prompt is over, so the recording begins after the customer heard it.
"""

from __future__ import annotations

import queue
from collections import deque
from collections.abc import Iterable

AGENT = "agent"
CUSTOMER = "customer"


class RecordingTap:
    def __init__(self, frames: queue.SimpleQueue[object]) -> None:
        self._frames = frames
        self.capturing = False
        self._prompt: deque[bytes] = deque()

    # --- on the clock thread ----------------------------------------------------------------

    def sent(self, frame: bytes) -> bytes:
        """The frame the bridge sends the far end (the agent's microphone); may be replaced."""
        if self._prompt:
            try:
                frame = self._prompt.popleft()
            except IndexError:  # stopped meanwhile on the writer thread
                return frame
            if not self._prompt:
                self.capturing = True  # the customer has heard the prompt: recording starts
            return frame
        if self.capturing:
            self._frames.put((AGENT, frame))
        return frame

    def received(self, frame: bytes) -> None:
        """A frame the far end sent (what the agent hears)."""
        if self.capturing and not self._prompt:
            self._frames.put((CUSTOMER, frame))

    # --- on the recording writer thread -----------------------------------------------------

    def capture_after(self, prompt: Iterable[bytes]) -> None:
        frames = list(prompt)
        if frames:
            self._prompt.extend(frames)  # the clock thread plays them, then starts capturing
        else:
            self.capturing = True

    def stop(self) -> None:
        self.capturing = False
        self._prompt.clear()
