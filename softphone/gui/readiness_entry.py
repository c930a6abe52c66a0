"""The ways to the readiness screen: Tools › Readiness check in the menu, at sign-in when the
center requires a passing check before `available` (`[readiness] required_for_available`), and
when going Available was refused for want of one — so an agent in the window is never stuck.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from softphone.agent.session import AgentSession
from softphone.agent.status import StatusRefused
from softphone.events import Event, Registered
from softphone.gui.bridge import QtBridge

if TYPE_CHECKING:
    from softphone.gui.readiness_dialog import ReadinessDialog


def tr(text: str) -> str:
    return QCoreApplication.translate("ReadinessEntry", text)


class ReadinessEntry(QObject):
    def __init__(self, window: QMainWindow, session: AgentSession) -> None:
        super().__init__(window)
        self.window, self.session = window, session
        self.required = session.profile.settings.readiness.required_for_available
        self.dialog: ReadinessDialog | None = None
        self.asked_at_sign_in = False
        self.action = QAction(tr("&Readiness check…"), window)
        self.action.setToolTip(tr("Check your headset, camera and network"))
        self.action.triggered.connect(lambda _=False: self.open())
        menu = window.menuBar().addMenu(tr("&Tools"))
        menu.setObjectName("tools_menu")
        menu.addAction(self.action)
        self.menu = menu
        self.bridge = QtBridge(session.bus, self)
        self.bridge.arrived.connect(self.on_event)
        registration = session.snapshot().registration  # signed in before we listened
        if registration is not None:
            self.on_event(registration)

    def open(self) -> ReadinessDialog:
        """The screen, brought forward if open (it starts its check when first shown)."""
        if self.dialog is None:
            # Loaded on first open: the screen, its rows and the camera preview are not the
            # idle window's (tests/gui/test_idle_imports.py).
            from softphone.gui.readiness_dialog import ReadinessDialog

            self.dialog = ReadinessDialog(self.session, self.window)
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.destroyed.connect(self._closed)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _closed(self) -> None:
        self.dialog = None

    def on_event(self, event: Event) -> None:
        """At sign-in (the first registration) the center's required check opens by itself."""
        if isinstance(event, Registered) and self.required and not self.asked_at_sign_in:
            self.asked_at_sign_in = True
            self.open()

    def refused(self) -> None:
        """Going Available was refused: when the readiness gate is why, open the screen."""
        try:
            self.session.readiness_gate.allow_available()
        except StatusRefused:
            self.open()

    def close(self) -> None:
        self.bridge.close()
