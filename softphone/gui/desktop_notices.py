"""Notifications of what the agent must not miss while looking at other windows, beyond the tray's
own (a missed call, the registration lost and back): the contact center unreachable for longer
than `[gui] center_unreachable_notify_min` minutes (and reachable again), and a wrap-up that ends
within `[gui] wrap_up_warning_s` seconds while the agent may still be typing remarks.

They go where the tray sends its messages (QSystemTrayIcon.showMessage: the OS's notification
service on each desktop); `notify` is the seam for tests, as an offscreen desktop has no tray.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from softphone.agent.session import AgentSession
from softphone.events import CallEnded, CallState, Event, StatusChanged, SyncState, WrapUpStarted
from softphone.gui.bridge import QtBridge
from softphone.gui.tray import Notify

CHECK_MS = 5_000  # how often an outage's length is looked at


def tr(text: str) -> str:
    return QCoreApplication.translate("DesktopNotices", text)


class DesktopNotices(QObject):
    def __init__(self, session: AgentSession, notify: Notify, parent: QObject | None = None):
        super().__init__(parent)
        gui = session.profile.settings.gui
        self.session, self.notify = session, notify
        self.unreachable_after_s = max(0.0, gui.center_unreachable_notify_min * 60)
        self.wrap_up_warning_s = max(0, gui.wrap_up_warning_s)
        self.down_since: float | None = None  # monotonic: when the center stopped answering
        self.told_down = False
        self.remotes: dict[str, str] = {}  # call → who it was with, to name a wrap-up
        self.outage = QTimer(self)
        self.outage.setInterval(min(CHECK_MS, max(100, int(self.unreachable_after_s * 500))))
        self.outage.timeout.connect(self._look_at_outage)
        self.wrap_up = QTimer(self)
        self.wrap_up.setSingleShot(True)
        self.wrap_up.timeout.connect(self._wrap_up_ending)
        self.wrap_up_with = ""
        self.bridge = QtBridge(session.bus, self)
        self.bridge.arrived.connect(self.on_event)

    def on_event(self, event: Event) -> None:
        if isinstance(event, SyncState):
            self._sync(event)
        elif isinstance(event, CallState | CallEnded) and event.remote:
            self.remotes[event.call] = self.session.shown_number(event.remote)
        if isinstance(event, WrapUpStarted):
            self._wrap_up_started(event)
        elif isinstance(event, StatusChanged) and event.status != "wrap_up":
            self.wrap_up.stop()

    # --- the contact center -----------------------------------------------------------------

    def _sync(self, state: SyncState) -> None:
        if state.connected:
            if self.told_down:
                self.notify(
                    tr("Contact center reachable again"),
                    tr("Your calls and status changes reach the contact center again."),
                )
            self.down_since, self.told_down = None, False
            self.outage.stop()
        elif self.down_since is None:
            self.down_since = time.monotonic()
            self.outage.start()

    def _look_at_outage(self) -> None:
        if self.down_since is None or self.told_down:
            return
        minutes = (time.monotonic() - self.down_since) / 60
        if minutes * 60 >= self.unreachable_after_s:
            self.told_down = True
            self.outage.stop()
            self.notify(
                tr("Contact center unreachable"),
                tr(
                    "The contact center has not answered for {minutes:.0f} min. Your calls and "
                    "status changes are kept on this computer and sent when it is back."
                ).format(minutes=max(1.0, minutes)),
            )

    # --- wrap-up ----------------------------------------------------------------------------

    def _wrap_up_started(self, event: WrapUpStarted) -> None:
        self.wrap_up.stop()
        if not event.deadline or not self.wrap_up_warning_s:
            return  # the optional mode has no end to warn of
        deadline = datetime.fromisoformat(event.deadline)
        left = (deadline - datetime.now(timezone.utc)).total_seconds()
        self.wrap_up_with = self.remotes.get(event.call, "")
        self.wrap_up.start(max(0, int((left - self.wrap_up_warning_s) * 1000)))

    def _wrap_up_ending(self) -> None:
        if self.session.agent_state.status.value != "wrap_up":
            return
        text = tr("Wrap-up ends in {seconds} s: finish your remarks now.").format(
            seconds=self.wrap_up_warning_s
        )
        if self.wrap_up_with:
            text = tr(
                "Wrap-up after the call with {caller} ends in {seconds} s: finish your remarks now."
            ).format(caller=self.wrap_up_with, seconds=self.wrap_up_warning_s)
        self.notify(tr("Wrap-up ends soon"), text)

    def close(self) -> None:
        self.outage.stop()
        self.wrap_up.stop()
        self.bridge.close()
