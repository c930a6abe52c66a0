"""The agent's desk: the profile's journal, the status keeper that writes to it, and the sync
worker that drains it to the central service (when one is configured).

Opening a damaged journal fails here with `JournalCorrupt` before anything else starts; the file
is left for recovery (`softphone journal recover`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from softphone.agent.call_book import CallBook
from softphone.agent.retention_timer import RetentionTimer
from softphone.agent.status_keeper import StatusKeeper, utc_now
from softphone.config import Profile
from softphone.events import EventBus, JournalRecovered, JournalTrouble, RecordingSaved
from softphone.journal.executor import JournalExecutor
from softphone.journal.history import JournalHistory
from softphone.journal.queued import QueuedWriter
from softphone.journal.records import JournalWriter
from softphone.journal.store import Journal, journal_path, open_journal
from softphone.protocol import BlacklistDelta

if TYPE_CHECKING:
    from softphone.sync.recording_upload import RecordingUploads

log = logging.getLogger(__name__)


class Worker(Protocol):
    on_blacklist_delta: Callable[[BlacklistDelta], None] | None

    def start(self) -> None: ...

    def settle(self, lane: int = 0, timeout: float = 2.0) -> bool: ...

    def stop(self, timeout: float = 5.0) -> None: ...


class AgentDesk:
    def __init__(self, profile: Profile, bus: EventBus) -> None:
        settings = profile.settings
        self.journal = open_journal(journal_path(profile.data_dir))
        operator = settings.central.user or settings.sip.user or "agent"
        self.writer = JournalWriter(self.journal, operator)
        self.executor = JournalExecutor(
            on_trouble=lambda message, waiting: bus.publish(
                JournalTrouble(message=message, path=str(self.journal.path), waiting=waiting)
            ),
            on_recovered=lambda waiting: bus.publish(JournalRecovered(waiting=waiting)),
        )
        self.writes = QueuedWriter(self.writer, self.executor)
        agent_number = settings.sip.user or operator
        terminal = f"{settings.sip.user}@{settings.sip.sip_domain}" if settings.sip.user else ""
        self.status = StatusKeeper(
            bus, self.writer, CallBook(agent_number, terminal), writes=self.writes
        )
        self.history = JournalHistory(self.journal)
        self.retention_days = settings.journal.call_retention_days
        self.retention = RetentionTimer(self.journal, self.retention_days, utc_now)
        self.sync: Worker | None = None
        self.uploads: RecordingUploads | None = None
        if settings.central.url:
            from softphone.sync.worker import SyncWorker

            self.sync = SyncWorker(
                profile,
                self.journal,
                on_config=self.status.apply_config,
                bus=bus,
                heartbeat_source=self.status.heartbeat,
            )
            self.uploads = _recording_uploads(profile, self.journal, bus)

    def start(self) -> None:
        self.retention.start()  # purges now, then daily on its own thread
        self.status.start()
        if self.sync is not None:
            self.sync.start()
        if self.uploads is not None:
            self.uploads.start()

    def stop(self) -> None:
        if self.uploads is not None:  # a piece in flight is resent from where the center stands
            self.uploads.stop()
        self.retention.stop()
        self.status.stop()
        self.executor.stop()  # the sign-off is in the journal (and outbox) before the last sync
        if self.sync is not None:
            self.sync.settle()  # the sign-off (`offline`) goes out at once when the center is up
            self.sync.stop()
        self.journal.close()


def _recording_uploads(profile: Profile, journal: Journal, bus: EventBus) -> RecordingUploads:
    """The recordings lane, woken as soon as a call's recording is saved."""
    from softphone.sync.recording_upload import RecordingUploads
    from softphone.sync.worker import keyring_client

    uploads = RecordingUploads(profile, journal, lambda: keyring_client(profile))
    bus.subscribe(lambda event: uploads.wake() if isinstance(event, RecordingSaved) else None)
    return uploads
