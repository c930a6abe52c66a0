"""The window's keyboard shortcuts: one table (what, which keys, where they work) that installs
them, writes them into the controls' tooltips and fills Help › Keyboard shortcuts.

The call keys (answer, decline, hang up, mute, hold) work from any window of the app — the
agent may be typing in the pop-up or elsewhere in the window — and belong to the main window
alone: two pop-ups each owning Ctrl+Shift+A would make the key ambiguous, so it would do
nothing. The others work in the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Shortcut:
    name: str  # the action's name in the window ("hang_up")
    keys: str  # portable text: "Ctrl+Shift+E"
    what: object  # untranslated (a QT_TRANSLATE_NOOP marker); `described()` translates
    anywhere: bool  # from any window of the app, not only the main window

    def described(self) -> str:
        return QCoreApplication.translate("Shortcuts", str(self.what))

    def shown_keys(self) -> str:
        """The keys as this platform writes them ("Ctrl+Shift+E", "⇧⌘E" on a Mac)."""
        return QKeySequence(self.keys).toString(QKeySequence.SequenceFormat.NativeText)


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(
        "answer", "Ctrl+Shift+A", QT_TRANSLATE_NOOP("Shortcuts", "Answer the ringing call"), True
    ),
    Shortcut(
        "decline", "Ctrl+Shift+D", QT_TRANSLATE_NOOP("Shortcuts", "Decline the ringing call"), True
    ),
    Shortcut(
        "hang_up", "Ctrl+Shift+E", QT_TRANSLATE_NOOP("Shortcuts", "Hang up (end the call)"), True
    ),
    Shortcut("mute", "Ctrl+Shift+M", QT_TRANSLATE_NOOP("Shortcuts", "Mute or unmute"), True),
    Shortcut("hold", "Ctrl+Shift+H", QT_TRANSLATE_NOOP("Shortcuts", "Hold or resume"), True),
    Shortcut(
        "transfer", "Ctrl+Shift+T", QT_TRANSLATE_NOOP("Shortcuts", "Transfer the call"), False
    ),
    Shortcut(
        "focus_number", "Ctrl+L", QT_TRANSLATE_NOOP("Shortcuts", "Go to the number field"), False
    ),
    Shortcut(
        "status_menu", "Ctrl+Shift+S", QT_TRANSLATE_NOOP("Shortcuts", "Open the status menu"), False
    ),
    Shortcut(
        "shortcut_sheet",
        "F1",
        QT_TRANSLATE_NOOP("Shortcuts", "Show these keyboard shortcuts"),
        False,
    ),
)
BY_NAME = {shortcut.name: shortcut for shortcut in SHORTCUTS}


def keys_of(name: str) -> str:
    return BY_NAME[name].shown_keys()


def with_keys(text: str, name: str) -> str:
    """A tooltip that teaches the key: "Hang up (Ctrl+Shift+E)"."""
    return f"{text} ({keys_of(name)})"


def install(window: QWidget, actions: dict[str, Callable[[], object]]) -> dict[str, QShortcut]:
    """A QShortcut on `window` for each shortcut, calling `actions[name]`."""
    installed = {}
    for shortcut in SHORTCUTS:
        made = QShortcut(QKeySequence(shortcut.keys), window)
        made.setContext(
            Qt.ShortcutContext.ApplicationShortcut
            if shortcut.anywhere
            else Qt.ShortcutContext.WindowShortcut
        )
        made.activated.connect(actions[shortcut.name])
        installed[shortcut.name] = made
    return installed
