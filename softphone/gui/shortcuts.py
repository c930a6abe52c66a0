"""The window's keyboard shortcuts: one table (what, which keys, where they work) that installs
them, writes them into the controls' tooltips and fills Help › Keyboard shortcuts.

The call keys (answer, decline, hang up, mute, hold) work from any window of the app — the
agent may be typing in the pop-up or elsewhere in the window — and belong to the main window
alone: two pop-ups each owning Ctrl+Shift+A would make the key ambiguous, so it would do
nothing. The others work in the main window.

The agent (or IT) may change the keys in `[gui.shortcuts]` (action = "key sequence"; "" takes
an action's key away): `configure` checks them — an unknown action, a key Qt cannot read or one
key for two actions is a ConfigError naming the line — and the table in force from then on is
the one the window installs, the tooltips teach and the sheet lists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from softphone.config import ConfigError

PORTABLE = QKeySequence.SequenceFormat.PortableText
# A sequence of modifiers alone ("Ctrl+Shift") reads as a key Qt knows, yet no press fires it.
_MODIFIER_KEYS = frozenset({Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Alt, Qt.Key.Key_Meta})


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
_active: dict[str, Shortcut] = {shortcut.name: shortcut for shortcut in SHORTCUTS}


def configure(wanted: Mapping[str, object]) -> tuple[Shortcut, ...]:
    """Put the agent's keys (`[gui.shortcuts]`) over the defaults and make them the ones in
    force; ConfigError, with nothing changed, when one cannot be used."""
    table = {shortcut.name: shortcut for shortcut in SHORTCUTS}
    for name, keys in wanted.items():
        if name not in table:
            known = ", ".join(table)
            raise ConfigError(f"[gui.shortcuts] unknown action {name!r} (known: {known})")
        table[name] = replace(table[name], keys=_portable(name, keys))
    taken: dict[str, str] = {}
    for shortcut in table.values():
        if shortcut.keys and shortcut.keys in taken:
            raise ConfigError(
                f"[gui.shortcuts] {shortcut.keys} is the key of both {taken[shortcut.keys]} and"
                f" {shortcut.name}; give one of them another key"
            )
        taken[shortcut.keys] = shortcut.name
    _active.clear()
    _active.update(table)
    return active()


def _portable(name: str, keys: object) -> str:
    """The keys as Qt writes them ("ctrl+shift+t" → "Ctrl+Shift+T"), so that two spellings of
    one key are seen as the same; "" for none."""
    text = keys.strip() if isinstance(keys, str) else None
    if text == "":
        return ""
    sequence = QKeySequence.fromString(text or "", PORTABLE)
    pressed = [sequence[i].key() for i in range(sequence.count())]  # type: ignore[index]
    if text is None or not pressed or any(k == Qt.Key.Key_unknown for k in pressed):
        raise ConfigError(
            f'[gui.shortcuts] {name} = {keys!r} is not a key sequence (write e.g. "Ctrl+Shift+H")'
        )
    if any(k in _MODIFIER_KEYS for k in pressed):
        raise ConfigError(f"[gui.shortcuts] {name} = {keys!r} needs a key besides the modifiers")
    return sequence.toString(PORTABLE)


def active() -> tuple[Shortcut, ...]:
    """The shortcuts in force, in the sheet's order."""
    return tuple(_active.values())


def keys_of(name: str) -> str:
    return _active[name].shown_keys()


def with_keys(text: str, name: str) -> str:
    """A tooltip that teaches the key: "Hang up (Ctrl+Shift+E)"; the text alone without one."""
    keys = keys_of(name)
    return f"{text} ({keys})" if keys else text


def install(window: QWidget, actions: dict[str, Callable[[], object]]) -> dict[str, QShortcut]:
    """A QShortcut on `window` for each shortcut, calling `actions[name]`."""
    installed = {}
    for shortcut in active():
        if not shortcut.keys:
            continue  # the agent took this action's key away
        made = QShortcut(QKeySequence(shortcut.keys), window)
        made.setContext(
            Qt.ShortcutContext.ApplicationShortcut
            if shortcut.anywhere
            else Qt.ShortcutContext.WindowShortcut
        )
        made.activated.connect(actions[shortcut.name])
        installed[shortcut.name] = made
    return installed
