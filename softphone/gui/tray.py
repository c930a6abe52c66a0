"""The tray (menu-bar) icon: the app's icon with a dot in the agent's status colour, a menu to
change status, show the window or quit, and notifications of what the agent must not miss
while the window is hidden: a missed call, the registration lost and back.

While signed in (registered), closing the window hides it into the tray when
`[gui] close_to_tray` is on and the desktop has a tray; otherwise closing quits as before.
The status colours are the theme's (resources/theme/colors.toml), named by key, never here.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget

from softphone.agent.session import AgentSession
from softphone.events import (
    CallEnded,
    CallState,
    Event,
    Registered,
    RegistrationFailed,
    StatusChanged,
    Unregistered,
)
from softphone.gui.bridge import QtBridge
from softphone.gui.click_to_dial import bring_forward
from softphone.gui.reason_texts import refusal_text
from softphone.gui.resources import app_icon, resources_dir
from softphone.gui.status_panel import STATUS_NAMES, status_name, status_text
from softphone.protocol import AgentStatus

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# The theme's colour key for each status: the same as the status label's in theme.qss.
STATUS_COLOUR_KEYS = {
    "offline": "idle_fg",
    "available": "ok_fg",
    "ringing": "warn_fg",
    "on_call": "on_call_fg",
    "wrap_up": "wrap_up_fg",
    "break": "break_fg",
    "not_ready": "bad_fg",
}
ICON_PX = 64
Notify = Callable[[str, str], None]  # (title, message)


def status_colour(status: str, scheme: Qt.ColorScheme) -> QColor:
    folder = resources_dir() / "theme"
    colours = tomllib.loads((folder / "colors.toml").read_text(encoding="utf-8"))
    name = "dark" if scheme == Qt.ColorScheme.Dark else "light"
    return QColor(colours[name][STATUS_COLOUR_KEYS.get(status, "idle_fg")])


def status_icon(status: str, scheme: Qt.ColorScheme = Qt.ColorScheme.Light) -> QIcon:
    """The app's icon with a status dot in the lower right corner, ringed so it reads on a
    light and a dark panel alike."""
    pixmap = app_icon().pixmap(ICON_PX, ICON_PX)
    if pixmap.isNull():
        pixmap = QPixmap(ICON_PX, ICON_PX)
        pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # Large enough to read at a 16-22 px tray size, ringed in white so that a dark status
    # colour stands apart from the icon's own blue.
    radius = ICON_PX * 0.3
    centre = QPointF(ICON_PX - radius - 2, ICON_PX - radius - 2)
    painter.setPen(QPen(Qt.GlobalColor.white, ICON_PX / 16))
    painter.setBrush(status_colour(status, scheme))
    painter.drawEllipse(centre, radius, radius)
    painter.end()
    return QIcon(pixmap)


def tr(text: str) -> str:
    return QApplication.translate("StatusTray", text)


class StatusTray(QObject):
    """The tray icon of one window's session. `notify` is where notifications go (the tray's
    showMessage by default; a seam for tests, as an offscreen desktop has no tray)."""

    quit_asked = Signal()

    def __init__(
        self,
        session: AgentSession,
        window: QWidget,
        close_to_tray: bool = True,
        notify: Notify | None = None,
        tray_available: bool | None = None,
    ) -> None:
        super().__init__(window)
        self.session, self.window = session, window
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.hides_on_close = close_to_tray and tray_available
        self.signed_in = False
        self.lost = False  # the registration went away while signed in: say when it is back
        self.quitting = False
        self._answered: set[str] = set()
        self.status = session.agent_state.status.value
        self.icon = QSystemTrayIcon(self)
        self.menu = QMenu(window)
        self.menu.setObjectName("tray_menu")
        self.menu.setAccessibleName(tr("Agent Softphone"))
        self.menu.aboutToShow.connect(self.fill_menu)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.notify: Notify = notify or self._show_message
        self.bridge = QtBridge(session.bus, self)
        self.bridge.arrived.connect(self.on_event)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:  # quitting unregisters: that is no "registration lost"
            app.aboutToQuit.connect(self._quitting)
        # Registration comes within milliseconds of the session's start, often before we
        # subscribed: begin from the session's present (subscribed first, so nothing is lost).
        registration = session.snapshot().registration
        if registration is not None:
            self.on_event(registration)
        self.fill_menu()
        self._show_status()
        if tray_available:
            self.icon.show()

    # --- the menu ---------------------------------------------------------------------------

    def fill_menu(self) -> None:
        """The statuses the agent may pick (reason codes in force), show window, quit."""
        self.menu.clear()
        header = self.menu.addSection(tr("Status"))
        header.setText(tr("Status"))
        group = QActionGroup(self.menu)
        reasons = self.session.status_policy.reason_codes
        picks: list[tuple[str, str | None]] = [("available", None)]
        for paused in (AgentStatus.BREAK, AgentStatus.NOT_READY):
            picks += [(paused.value, reason) for reason in reasons.get(paused, ())]
        picks.append(("offline", None))
        state = self.session.agent_state
        for status, reason in picks:
            action = self._add(
                status_text(status, reason), functools.partial(self.pick, status, reason)
            )
            action.setCheckable(True)
            action.setChecked((state.status.value, state.reason) == (status, reason))
            action.setData((status, reason))
            group.addAction(action)
        self.menu.addSeparator()
        readiness = getattr(self.window, "readiness", None)  # the main window's entry to it
        if readiness is not None:
            self._add(tr("Readiness check…"), readiness.open)
        self._add(tr("Show window"), lambda: bring_forward(self.window))
        self._add(tr("Quit"), self.quit)

    def _add(self, text: str, slot: Callable[[], None]) -> QAction:
        action = self.menu.addAction(text)
        action.setToolTip(text)  # what a screen reader announces for a menu entry
        action.triggered.connect(lambda _=False: slot())
        return action

    def status_actions(self) -> list[QAction]:
        return [a for a in self.menu.actions() if a.data() is not None and a.isCheckable()]

    def pick(self, status: str, reason: str | None) -> None:
        """A status from the tray: the core decides; a refusal is a notification."""
        try:
            self.session.set_status(status, reason)
        except ValueError as exc:  # StatusRefused: the state machine says why
            self.notify(
                tr("Status not changed"),
                tr("Cannot go {status}: {why}").format(
                    status=status_text(status, reason), why=refusal_text(exc, status_name)
                ),
            )
            self.fill_menu()

    def _quitting(self) -> None:
        self.quitting = True

    def quit(self) -> None:
        self.quitting = True
        self.icon.hide()
        self.quit_asked.emit()
        QApplication.quit()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:  # a click: the window
            bring_forward(self.window)

    # --- what the core says -----------------------------------------------------------------

    def on_event(self, event: Event) -> None:
        if isinstance(event, StatusChanged):
            self.status = event.status
            self._show_status()
            self.fill_menu()
        elif isinstance(event, Registered):
            if self.lost:
                self.notify(tr("Registered again"), tr("Calls reach you again."))
            self.signed_in, self.lost = True, False
        elif isinstance(event, RegistrationFailed | Unregistered):
            self._registration_gone(event)
        elif isinstance(event, CallState) and event.state == "confirmed":
            self._answered.add(event.call)
        elif isinstance(event, CallEnded):
            self._call_ended(event)

    def _registration_gone(self, event: RegistrationFailed | Unregistered) -> None:
        if self.signed_in and not self.quitting:
            self.lost = True
            why = event.reason if isinstance(event, RegistrationFailed) else ""
            self.notify(
                tr("Registration lost"),
                tr("Calls cannot reach you until the phone registers again. {why}")
                .format(why=why)
                .strip(),
            )
        self.signed_in = False

    def _call_ended(self, event: CallEnded) -> None:
        answered = event.call in self._answered
        self._answered.discard(event.call)
        if event.direction == "inbound" and not answered and event.hung_up_by != "agent":
            caller = self.session.shown_number(event.remote) if event.remote else tr("unknown")
            self.notify(tr("Missed call"), tr("Missed call from {caller}").format(caller=caller))

    def _show_status(self) -> None:
        scheme = QApplication.styleHints().colorScheme()
        self.icon.setIcon(status_icon(self.status, scheme))
        name = tr("Agent Softphone")
        shown = QApplication.translate(
            "StatusPanel", str(STATUS_NAMES.get(self.status, self.status))
        )
        self.icon.setToolTip(f"{name} — {shown}")

    def _show_message(self, title: str, message: str) -> None:
        self.icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 10_000)

    # --- close to tray ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Closing the window while signed in hides it (the app lives on in the tray)."""
        if (
            watched is self.window
            and event.type() == QEvent.Type.Close
            and self.hides_on_close
            and self.signed_in
            and not self.quitting
        ):
            event.ignore()
            self.window.hide()
            return True
        return False

    def close(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.disconnect(self._quitting)
        self.window.removeEventFilter(self)
        self.bridge.close()
        self.icon.hide()
