"""The desk's retention timer: call data past the retention period is purged at start and then
once a day on this timer's own thread (never the GUI thread), so a desktop left running for
weeks keeps no call (nor its recording) older than `[journal] call_retention_days`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from softphone.journal.recordings import purge_old_recordings
from softphone.journal.retention import Erased, purge_old_calls
from softphone.journal.store import Journal

log = logging.getLogger(__name__)

PURGE_EVERY_S = 24 * 3600.0


class RetentionTimer:
    def __init__(
        self,
        journal: Journal,
        days: int,
        clock: Callable[[], datetime],
        every_s: float = PURGE_EVERY_S,
    ) -> None:
        self.journal = journal
        self.days = days
        self.every_s = every_s
        self._clock = clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def purge_now(self) -> Erased:
        recordings = purge_old_recordings(self.journal, self._clock(), self.days)
        if recordings:
            log.info("retention: deleted %d recordings older than %d days", recordings, self.days)
        erased = purge_old_calls(self.journal, self._clock(), self.days)
        if erased.total:
            log.info(
                "retention: purged %d call records older than %d days",
                erased.call_records,
                self.days,
            )
        return erased

    def start(self) -> None:
        """Purge now, then every `every_s` until `stop`."""
        self.purge_now()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="journal-retention", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            try:
                self.purge_now()
            except Exception:  # a busy or full disk: the next round tries again
                log.exception("retention: the purge failed; next try in %.0f s", self.every_s)
