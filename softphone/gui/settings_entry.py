"""The ways into Settings that every start needs — the window's Softphone › Settings… entry and
whether the first-run screen is due — without loading the dialog: its pages, the account test,
the center sign-in and start-at-login (plistlib, expat) load when Settings first opens
(softphone.gui.settings_dialog), not in the idle window (tests/gui/test_idle_imports.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from softphone.config import ConfigError, load_profile

if TYPE_CHECKING:
    from softphone.gui.settings_dialog import SettingsDialog


def tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


def add_settings_menu(window: QMainWindow, folder: Path, note: Callable[[str], None]) -> QAction:
    """The window's Softphone › Settings… entry; what a save changed is noted in the window."""
    menu = window.menuBar().addMenu(tr("&Softphone"))
    action = menu.addAction(tr("&Settings…"))

    def show() -> None:
        dialog = open_settings(window, folder)
        dialog.saved.connect(
            lambda _: note(tr("Settings saved. A changed SIP account is used from the next start."))
        )

    action.triggered.connect(show)
    return action


def first_run_needed(folder: Path) -> bool:
    """No SIP server in the profile yet (a settings file IT or the agent cannot load is left
    for the window's start to report)."""
    try:
        return not load_profile(folder).settings.sip.server
    except ConfigError:
        return False


def run_first_run(folder: Path) -> bool:
    """The first-run screen, before any window; True once the agent saved an account."""
    from softphone.gui import settings_dialog

    return settings_dialog.run_first_run(folder)


def open_settings(parent: QWidget | None, folder: Path, first_run: bool = False) -> SettingsDialog:
    """Show Settings (or the first-run screen) for the profile in `folder`, window-modal over
    `parent`; connect to `saved` to act on what was written."""
    from softphone.gui import settings_dialog

    return settings_dialog.open_settings(parent, folder, first_run)
