"""The journal executor: one thread that runs the agent's journal writes in order, so that neither
the SIP thread nor the GUI thread ever waits on SQLite (DESIGN "Threads and lifetimes").

Callers submit a write and get a Future back at once. A write the disk refuses (full, I/O error,
read-only, locked) is not dropped: it stays at the head of the queue, later writes wait behind it
in memory (their order is the order things happened), and it is retried every few seconds. The
first refusal is reported once (`on_trouble`, which the desk turns into a `journal_error` event),
the first success after it too (`on_recovered`). Calls go on meanwhile; what was committed before
stays committed. At shutdown the executor drains for a bounded time; writes still refused then
are lost, and the log says how many.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
RETRY_EVERY_S = 2.0
_RETRY_WHILE_STOPPING_S = 0.2

# SQLite's primary result codes that say "not now" about the disk or the file, not "never".
_DISK_TROUBLE = {
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
}


def is_disk_trouble(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.Error) and code is not None and (code & 0xFF) in _DISK_TROUBLE


class _Write:
    def __init__(self, action: Callable[[], Any]) -> None:
        self.action = action
        self.future: Future[Any] = Future()


class JournalExecutor:
    def __init__(
        self,
        on_trouble: Callable[[str, int], None] | None = None,
        on_recovered: Callable[[int], None] | None = None,
        retry_every_s: float = RETRY_EVERY_S,
    ) -> None:
        self.on_trouble = on_trouble
        self.on_recovered = on_recovered
        self._retry_every_s = retry_every_s
        self._writes: queue.SimpleQueue[_Write | None] = queue.SimpleQueue()
        self._stopping = threading.Event()
        self._give_up_at: float | None = None
        self._failed_since: float | None = None
        self._thread = threading.Thread(target=self._run, name="journal", daemon=True)
        self._thread.start()

    def submit(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Queue one write; the Future holds its result (or why it could not be written)."""
        write = _Write(lambda: action(*args, **kwargs))
        if not self._thread.is_alive():
            write.future.set_exception(RuntimeError("the journal executor has stopped"))
            return write.future
        self._writes.put(write)
        return write.future

    def settle(self, timeout_s: float = 5.0) -> bool:
        """Wait until every write handed in so far is made (for tools and tests that read the
        journal right after acting). Never call it on the SIP or the GUI thread's hot path."""
        marker = self.submit(lambda: None)
        try:
            marker.result(timeout_s)
        except Exception:
            return False
        return True

    @property
    def troubled(self) -> bool:
        """True while a write is being refused by the disk."""
        return self._failed_since is not None

    def stop(self, timeout_s: float = 5.0) -> bool:
        """Write what waits (retrying for at most `timeout_s`), then end the thread. False when
        writes were left unwritten."""
        self._give_up_at = time.monotonic() + timeout_s
        self._stopping.set()
        self._writes.put(None)
        self._thread.join(timeout_s + 1.0)
        return not self._thread.is_alive() and not self.troubled

    def _run(self) -> None:
        while (write := self._writes.get()) is not None:
            self._perform(write)
        self._fail_left_over()

    def _perform(self, write: _Write) -> None:
        if not write.future.set_running_or_notify_cancel():
            return
        while True:
            try:
                result = write.action()
            except Exception as exc:
                if is_disk_trouble(exc) and self._may_retry():
                    self._troubled(exc)
                    self._pause()
                    continue
                self._failed(write, exc)
                return
            self._recovered()
            write.future.set_result(result)
            return

    def _pause(self) -> None:
        if not self._stopping.wait(self._retry_every_s):
            return
        time.sleep(_RETRY_WHILE_STOPPING_S)  # stopping: keep trying until the deadline, calmly

    def _may_retry(self) -> bool:
        return self._give_up_at is None or time.monotonic() < self._give_up_at

    def _troubled(self, exc: BaseException) -> None:
        if self._failed_since is not None:
            return
        self._failed_since = time.monotonic()
        waiting = self._writes.qsize() + 1
        log.error("the journal cannot be written (%s); writes wait in memory, retried", exc)
        if self.on_trouble is not None:
            self._tell(self.on_trouble, str(exc), waiting)

    def _recovered(self) -> None:
        if self._failed_since is None:
            return
        down_s = time.monotonic() - self._failed_since
        self._failed_since = None
        log.warning("the journal is writable again after %.1f s", down_s)
        if self.on_recovered is not None:
            self._tell(self.on_recovered, self._writes.qsize() + 1)

    def _failed(self, write: _Write, exc: Exception) -> None:
        if is_disk_trouble(exc):
            log.error("a journal write was lost at shutdown: %s", exc)
        else:  # a bug in the write itself: retrying cannot cure it
            log.error("a journal write failed", exc_info=exc)
        write.future.set_exception(exc)

    def _fail_left_over(self) -> None:
        lost = 0
        while True:
            try:
                write = self._writes.get_nowait()
            except queue.Empty:
                break
            if write is not None and write.future.set_running_or_notify_cancel():
                write.future.set_exception(RuntimeError("the journal executor has stopped"))
                lost += 1
        if lost:
            log.error("%d journal writes were not made before the agent stopped", lost)

    @staticmethod
    def _tell(listener: Callable[..., None], *args: Any) -> None:
        try:
            listener(*args)
        except Exception:  # a listener's bug must not stop the journal
            log.exception("journal listener failed")
