"""Links the OS hands to the running app as an event, not on the command line.

On macOS a clicked `tel:`/`sip:`/`callto:` link (the schemes build.spec registers in the bundle's
`CFBundleURLTypes`) does not start a second process with the link as an argument: LaunchServices
starts the app if needed and sends it an "open URL" Apple event, which Qt delivers to the
application object as a `QFileOpenEvent`. This filter catches those from the moment the
QApplication exists (the event of the click that started the app arrives before the window
does), keeps them until the window's click-to-dial is ready, then hands them over as a second
start's links would be.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QFileOpenEvent

from softphone.gui.click_to_dial import LINK


class OsOpenedLinks(QObject):
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self._early: list[str] = []
        self._receiver: Callable[[list[str]], None] | None = None
        app.installEventFilter(self)

    def deliver_to(self, receiver: Callable[[list[str]], None]) -> None:
        """Hand every link from now on to `receiver`, those that came before the window first."""
        self._receiver = receiver
        early, self._early = self._early, []
        if early:
            receiver(early)

    def close(self) -> None:
        self._receiver = None
        self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        link = event.url().toString()
        if not LINK.match(link):
            return False  # a file dropped on the Dock icon: not ours to dial
        if self._receiver is None:
            self._early.append(link)
        else:
            self._receiver([link])
        return True
