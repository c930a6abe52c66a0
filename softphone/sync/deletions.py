"""The center's deletion requests, carried out on this device as the blacklist delta brings them.

Each number is erased from the journal, its outbox, its call recordings (files and rows) and the
profile's log files (matched by its E.164 key: `softphone.journal.retention.forget_number`). A log
file another program holds open cannot be rewritten (an editor or a second `softphone check` on
Windows): the journal part is done anyway, the number waits in the journal's meta as a pending log
scrub, tried again at each pull, and the delta's version moves on — a held file never stalls the
blacklist behind it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from softphone.compliance.number_match import subject_key
from softphone.journal.meta import Meta
from softphone.journal.recordings import forget, of_number
from softphone.journal.retention import forget_number, scrub_number_from_logs
from softphone.journal.store import Journal

log = logging.getLogger(__name__)

PENDING_SCRUBS = "log_scrub_pending"
"""E.164 keys whose lines some log file still holds; erased here once the scrub succeeds."""

OperationLog = Callable[[str, dict[str, object]], None]


def forget_recordings(journal: Journal, number: str, region: str) -> int:
    """The recordings of calls with `number`: their sealed files and their rows (first, while
    the call records that link them to the number are still there)."""
    rows = of_number(journal, subject_key(number, region), region)
    for row in rows:
        row.path.unlink(missing_ok=True)
    forget(journal, [row.id for row in rows])
    return len(rows)


class Deletions:
    def __init__(
        self,
        journal: Journal,
        log_files: Callable[[], Iterable[Path]],
        region: str,
        operation: OperationLog,
    ) -> None:
        self.journal = journal
        self.meta = Meta(journal)
        self.log_files = log_files
        self.region = region
        self._operation = operation

    def carry_out(self, numbers: Iterable[str]) -> None:
        """Finish the pending log scrubs, then erase each number of a new delta."""
        self.retry_pending()
        for number in numbers:
            try:
                recordings = forget_recordings(self.journal, number, self.region)
                erased = forget_number(self.journal, number, self.log_files(), self.region)
            except ValueError as exc:  # no number to match (the center checks: not expected)
                log.warning("sync: a deletion request names no phone number: %s", exc)
                continue
            if erased.logs_left:
                self._pending({*self.pending(), subject_key(number, self.region)})
            log.info("sync: deletion request carried out (%d local traces erased)", erased.total)
            # the log entry names no number: it must not become a new trace of it
            detail: dict[str, object] = {"erased": erased.total + recordings}
            if erased.logs_left:
                detail["log_files_left"] = len(erased.logs_left)
            self._operation("deletion_request", detail)

    def pending(self) -> list[str]:
        raw = self.meta.get(PENDING_SCRUBS)
        return list(json.loads(raw)) if raw else []

    def retry_pending(self) -> None:
        waiting = self.pending()
        if not waiting:
            return
        done = set()
        for key in waiting:
            _, left = scrub_number_from_logs(self.log_files(), key, self.region)
            if not left:
                done.add(key)
        if done:
            self._pending(set(waiting) - done)
            log.info("sync: %d pending log scrubs finished", len(done))

    def _pending(self, keys: set[str]) -> None:
        if keys:
            self.meta.put(**{PENDING_SCRUBS: json.dumps(sorted(keys))})
        else:
            with self.journal.transaction() as conn:
                conn.execute("DELETE FROM meta WHERE key = ?", (PENDING_SCRUBS,))
