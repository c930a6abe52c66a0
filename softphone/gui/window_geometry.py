"""The window comes back where the agent left it: size, position and the splitters' state are
kept per profile (two profiles, two desks) in `window.ini` of the profile folder, through
QSettings, and saved whenever the window is hidden — closed, minimised to the tray, or quit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings
from PySide6.QtWidgets import QMainWindow

GEOMETRY_FILE = "window.ini"


class WindowGeometry(QObject):
    def __init__(self, window: QMainWindow, folder: Path) -> None:
        super().__init__(window)
        self.window = window
        self.settings = QSettings(str(folder / GEOMETRY_FILE), QSettings.Format.IniFormat)
        self.restore()
        window.installEventFilter(self)

    def restore(self) -> bool:
        """Put the window where it was; False when this profile has no saved place yet."""
        geometry = self.settings.value("main/geometry")
        state = self.settings.value("main/state")
        if isinstance(state, QByteArray):
            self.window.restoreState(state)
        # Qt moves a window saved on a screen that is gone back onto one that is there.
        return isinstance(geometry, QByteArray) and self.window.restoreGeometry(geometry)

    def save(self) -> None:
        self.settings.setValue("main/geometry", self.window.saveGeometry())
        self.settings.setValue("main/state", self.window.saveState())
        self.settings.sync()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # getattr: Qt may ask while Python is still building (or already dropping) this object.
        if watched is getattr(self, "window", None) and event.type() == QEvent.Type.Hide:
            self.save()
        return False


def remember_geometry(window: QMainWindow, folder: Path) -> WindowGeometry:
    keeper = WindowGeometry(window, folder)
    # Held by the window's Python side too: a wrapper kept only by Qt's parent would lose its
    # attributes to the collector while its filter still runs.
    setattr(window, "_geometry_keeper", keeper)  # noqa: B010 - any QMainWindow, not ours only
    return keeper
