"""The agent's journal writes as queued work: each method hands the write to the journal executor
and returns its Future at once. The status keeper and the session write through this, from the
SIP thread's event subscribers, the GUI thread and the timers, none of which may wait on SQLite.
Order is kept: one executor thread runs the writes in the order they were handed in.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime
from typing import Any, TypeVar

from softphone.journal.executor import JournalExecutor
from softphone.journal.meta import Meta
from softphone.journal.records import JournalWriter
from softphone.protocol import CallRecord, QualitySample, ReadinessReport, StatusChange

T = TypeVar("T")


class QueuedWriter:
    def __init__(self, writer: JournalWriter, executor: JournalExecutor | None = None) -> None:
        self.writer = writer
        self.executor = executor
        self._meta = Meta(writer.journal)

    def _submit(self, action: Callable[..., T], *args: Any) -> Future[T]:
        if self.executor is None:  # no executor (tools, tests): write now, on this thread
            done: Future[T] = Future()
            try:
                done.set_result(action(*args))
            except Exception as exc:
                done.set_exception(exc)
            return done
        return self.executor.submit(action, *args)

    def status_changed(self, change: StatusChange) -> Future[str]:
        return self._submit(self.writer.status_changed, change)

    def call_started(self, record: CallRecord) -> Future[str]:
        return self._submit(self.writer.call_started, record)

    def call_ended(
        self, record: CallRecord, sip_trace: str = "", party_name: str = ""
    ) -> Future[str]:
        return self._submit(self.writer.call_ended, record, sip_trace, party_name)

    def call_wrapped_up(
        self, call_id: str, remarks: str | None = None, disposition: str | None = None
    ) -> Future[CallRecord | None]:
        return self._submit(self.writer.call_wrapped_up, call_id, remarks, disposition)

    def release_unwrapped(self) -> Future[int]:
        return self._submit(self.writer.release_unwrapped)

    def quality(self, sample: QualitySample, at: datetime) -> Future[str]:
        return self._submit(self.writer.quality, sample, at)

    def operation(self, action: str, detail: dict[str, object], at: datetime) -> Future[str]:
        return self._submit(self.writer.operation, action, detail, at)

    def readiness(self, report: ReadinessReport, at: datetime) -> Future[str]:
        return self._submit(self.writer.readiness, report, at)

    def mark_alive(self, now: datetime) -> Future[None]:
        return self._submit(self._meta.mark_alive, now)
