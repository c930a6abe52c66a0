"""Reads the window needs but must not wait for (the journal, the blacklist, the offline number
data) run here on a worker thread; each result comes back to the GUI thread by a queued signal,
so no SQLite query ever runs on the GUI thread during a call."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


class Lookups(QObject):
    _finished = Signal(int, object)  # ticket, the job's Future (emitted from the worker)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # One worker: the lookups are short reads, and in order they never pile up on SQLite.
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="window-lookups")
        self._waiting: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._tickets = 0
        self._closed = False
        self._finished.connect(self._deliver)

    def run(
        self,
        job: Callable[[], T],
        then: Callable[[T], None],
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run `job` off the GUI thread; `then(result)` or `failed(error)` on the GUI thread."""
        if self._closed:
            return
        self._tickets += 1
        ticket = self._tickets
        self._waiting[ticket] = (then, failed or _log_failure)
        self._pool.submit(job).add_done_callback(lambda done: self._done(ticket, done))

    def _done(self, ticket: int, done: Future[Any]) -> None:  # on the worker thread
        if not self._closed:
            self._finished.emit(ticket, done)

    def _deliver(self, ticket: int, done: Future[Any]) -> None:
        callbacks = self._waiting.pop(ticket, None)
        if callbacks is None or done.cancelled():
            return
        then, failed = callbacks
        owner = getattr(then, "__self__", None)
        if isinstance(owner, QObject) and not shiboken6.isValid(owner):
            return  # the view that asked is gone (a pop-up whose call ended)
        error = done.exception()
        if isinstance(error, Exception):
            failed(error)
        else:
            then(done.result())

    def close(self) -> None:
        """No more deliveries; waits for the one read under way (a short query) to end, so
        nothing emits on a window that is gone."""
        self._closed = True
        self._waiting.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _log_failure(error: Exception) -> None:
    log.warning("a lookup for the window failed: %s", error)
