"""The headless agent's two pipes, each on a thread of its own: command lines in, event lines out.

Whatever arrives on stdin — bytes that are not UTF-8, a line of many megabytes, nothing at all —
the agent keeps running: a bad line becomes a `LineProblem` (the agent answers with an `error`
event), an oversized one is skipped without being held in memory. Reading stops while commands
wait (a short queue), so a fast writer of stdin is slowed down rather than buffered without end.

Events go out through a queue to a writer thread: the SIP thread publishes and returns, even when
the process reading stdout has stopped reading (the pipe is full). Events that do not fit in the
queue are counted, not kept; once the reader catches up an `error` event says how many were lost.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

log = logging.getLogger(__name__)

MAX_LINE_BYTES = 1 << 20  # a command is a few hundred bytes; one MiB leaves room for any
COMMANDS_WAITING = 64
EVENTS_WAITING = 10_000
READ_CHUNK = 1 << 16


@dataclass(frozen=True)
class LineProblem:
    """A line that could not be a command at all (not text, too long)."""

    message: str


class EndOfInput:
    """stdin was closed: the controller is gone."""


END = EndOfInput()
CommandLine = str | LineProblem | EndOfInput


class CommandLines:
    """Lines from stdin, read on a daemon thread (a blocked read never holds up a quit).

    It reads the file descriptor itself, not `sys.stdin`: a daemon thread blocked inside a
    buffered file's read holds that file's lock, and Python aborts at exit when it cannot take it.
    """

    def __init__(self, fd: int, max_bytes: int = MAX_LINE_BYTES) -> None:
        self._fd = fd
        self._max = max_bytes
        self._lines: queue.Queue[CommandLine] = queue.Queue(COMMANDS_WAITING)
        self._pending = b""
        self._skipped = 0  # bytes of an oversized line read so far (its end not yet seen)
        self._thread = threading.Thread(target=self._read, name="stdin", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def next(self, timeout_s: float) -> CommandLine | None:
        """The next line, or None when none came within `timeout_s`."""
        try:
            return self._lines.get(timeout=timeout_s)
        except queue.Empty:
            return None

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._fd, READ_CHUNK)
            except OSError as exc:  # stdin closed under us: same as end of input
                log.info("stdin unreadable: %s", exc)
                break
            if not chunk:
                break
            self._take(chunk)
        self._lines.put(END)

    def _take(self, chunk: bytes) -> None:
        self._pending += chunk
        while (end := self._pending.find(b"\n")) >= 0:
            line, self._pending = self._pending[:end], self._pending[end + 1 :]
            if self._skipped or len(line) > self._max:
                self._too_long(self._skipped + len(line) + 1)
            else:
                self._line(line)
        if len(self._pending) > self._max:  # an oversized line: count it, do not keep it
            self._skipped += len(self._pending)
            self._pending = b""

    def _too_long(self, size: int) -> None:
        self._skipped = 0
        self._lines.put(LineProblem(f"line too long ({size} bytes; at most {self._max})"))

    def _line(self, line: bytes) -> None:
        try:
            self._lines.put(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            self._lines.put(LineProblem(f"not UTF-8: byte {exc.start} is {line[exc.start]:#04x}"))


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def event_line(kind: str, fields: dict[str, Any]) -> str:
    return json.dumps({"event": kind, "ts": now_iso(), **fields}, ensure_ascii=False)


class EventLines:
    """Event lines to stdout from one writer thread; `put` never blocks the caller.

    Lines put before `open` are held back and written right after the first line (`ready`).
    The thread writes the file descriptor itself, not a Python file: blocked on a pipe nobody
    reads, it would hold that file's lock, and Python aborts at exit when it cannot take it.
    """

    def __init__(self, out_fd: int, depth: int = EVENTS_WAITING) -> None:
        self.out_fd = out_fd
        self._lines: queue.Queue[str | None] = queue.Queue(depth)
        self._lock = threading.Lock()
        self._held: list[str] | None = []
        self._dropped = 0
        self._broken = False
        self._thread = threading.Thread(target=self._write, name="stdout", daemon=True)

    def open(self, first: str) -> None:
        with self._lock:
            held, self._held = self._held or [], None
            for line in (first, *held):
                self._enqueue(line)
        self._thread.start()

    def put(self, line: str) -> None:
        with self._lock:
            if self._held is not None:
                self._held.append(line)
            else:
                self._enqueue(line)

    def close(self, timeout_s: float = 2.0) -> bool:
        """Write what waits, for at most `timeout_s`; False when the reader did not take it."""
        if not self._thread.is_alive():
            return True
        try:
            self._lines.put(None, timeout=timeout_s)
        except queue.Full:
            return False
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def _enqueue(self, line: str) -> None:
        try:
            self._lines.put_nowait(line)
        except queue.Full:
            self._dropped += 1

    def _write(self) -> None:
        while (line := self._lines.get()) is not None:
            self._emit(line)
            if self._dropped and self._lines.qsize() < self._lines.maxsize // 2:
                self._report_dropped()

    def _report_dropped(self) -> None:
        with self._lock:
            dropped, self._dropped = self._dropped, 0
        message = f"{dropped} events were not written: stdout was not being read"
        log.warning("%s", message)
        self._emit(event_line("error", {"message": message, "cmd": ""}))

    def _emit(self, line: str) -> None:
        if self._broken:
            return
        data = memoryview((line + "\n").encode("utf-8"))
        try:
            while data:
                data = data[os.write(self.out_fd, data) :]
        except OSError as exc:  # the reader is gone: nobody to tell
            self._broken = True
            log.warning("stdout closed (%s): events are no longer written", exc)
