"""Sync health at a glance: synced, N waiting, or the center unreachable since when; and how many
events the center refused for good (parked), which opens the list of them.

The sync worker publishes `SyncState` only when reachability, the error or the parked count
changes; the number waiting moves all the time, so the indicator counts it from the journal every
few seconds (one indexed count, cheap).
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from softphone.agent.session import AgentSession
from softphone.events import Event, SyncState
from softphone.gui.parked_view import ParkedView
from softphone.gui.theme import set_tone

log = logging.getLogger(__name__)

RECOUNT_MS = 2000


def tr(text: str) -> str:
    return QCoreApplication.translate("SyncIndicator", text)


class SyncIndicator(QPushButton):
    def __init__(self, session: AgentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_indicator")
        self.setAccessibleName(tr("Sync with the center"))
        self.setFlat(True)
        self.session = session
        self.heard = False  # any word from the worker yet
        self.connected = False
        self.parked = 0
        self.error = ""
        self.waiting = 0
        self.unreachable_since: datetime | None = None
        self.view: ParkedView | None = None
        self.clicked.connect(self.show_parked)
        self._recount = QTimer(self)
        self._recount.timeout.connect(self.recount)
        if session.syncs_to_center:  # with no center nothing leaves the outbox: nothing to count
            self._recount.start(RECOUNT_MS)
        self.parked = len(session.parked_events())
        self.recount()

    def on_event(self, event: Event) -> None:
        if not isinstance(event, SyncState):
            return
        if not event.connected and (self.connected or not self.heard):
            self.unreachable_since = datetime.now().astimezone()
        if event.connected:
            self.unreachable_since = None
        self.heard = True
        self.connected, self.parked, self.error = event.connected, event.parked, event.error
        self.waiting = event.waiting
        self.refresh()
        if self.view is not None and self.view.isVisible():
            self.view.reload()

    def recount(self) -> None:
        try:
            self.waiting = self.session.outbox_waiting()
        except Exception:  # the journal closed under us (the app is stopping): keep the last
            log.debug("outbox not counted", exc_info=True)
            return
        self.refresh()

    def stop_counting(self) -> None:
        self._recount.stop()

    def text_and_tone(self) -> tuple[str, str]:
        parked = tr(" · {count} parked").format(count=self.parked) if self.parked else ""
        waiting = self.waiting
        if not self.session.syncs_to_center:
            text = tr("Sync off (no center configured)") + parked
            return text, "bad" if self.parked else "off"
        if not self.heard:
            text = tr("Connecting to the center… {waiting} waiting").format(waiting=waiting)
            return text + parked, "busy"
        if not self.connected:
            since = ""
            if self.unreachable_since:
                since = tr(" since {time}").format(time=f"{self.unreachable_since:%H:%M}")
            text = tr("⚠ Center unreachable{since} · {waiting} waiting").format(
                since=since, waiting=waiting
            )
            return text + parked, "bad"
        if self.waiting:
            return tr("↻ Sending · {waiting} waiting").format(waiting=waiting) + parked, "busy"
        return tr("✓ Synced") + parked, "bad" if self.parked else "ok"

    def refresh(self) -> None:
        text, tone = self.text_and_tone()
        self.setText(text)
        set_tone(self, "tone", tone)
        tip = (
            tr("Details: {error}").format(error=self.error)
            if not self.connected and self.error
            else ""
        )
        if self.parked:
            tip = (tip + "\n" if tip else "") + tr("Click to see the events the center refused")
        self.setToolTip(tip)

    def show_parked(self) -> None:
        if self.view is None:
            self.view = ParkedView(self.session, self.window())
        self.view.reload()
        self.view.show()
        self.view.raise_()
