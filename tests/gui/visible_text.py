"""What a person reads on a window, and which of it is English: every visible label, button,
tooltip, placeholder, combo entry, tab, group title, table header and cell, menu entry and the
window title (accessible names are for screen readers, not read here). English is a Latin word
that is not a number, a phone number, a name, a URL, a zone, a path, a command line or one of the
few brands and units a Chinese contact center writes in Latin letters (ALLOWED), nor a message
from the system or the center quoted verbatim in 「」 (the translation puts the quotes)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

# Brands, protocols, units and keys, written in Latin letters in Chinese software too; the
# sample people and lines of tests/gui/screenshots.py.
ALLOWED = frozenset(
    {
        # protocols, measures, codecs, units
        "SIP", "MOS", "RTT", "RTP", "STUN", "UTC", "GMT", "TLS", "SRTP", "UDP", "TCP", "URL",
        "IT", "PCMA", "PCMU", "Opus", "ms", "kbps", "dB", "dBFS", "Hz", "CPU", "CA", "VPN",
        # a language named in itself (the language list)
        "English",
        # keys
        "Ctrl", "Shift", "Alt", "Meta", "Enter", "Esc", "Tab", "Del", "Space",
        # the sample people and lines
        "Li", "Wei", "Dana", "Whitfield", "ann", "pbx", "example",
    }
)  # fmt: skip
# Not words to translate: URLs, SIP addresses, e-mail, IANA zones, paths, our command lines.
_NOT_WORDS = re.compile(
    r"「[^」]*」"  # a system's or the center's own words, quoted as they came
    r"|\w+://\S+"
    r"|sips?:\S+"
    r"|(?<![A-Za-z0-9-])(?:[A-Za-z0-9-]+\.)+[a-z]{2,}(?![A-Za-z0-9-])"  # host: pbx.example.com
    r"|[\w.+-]+@[\w.-]+"
    r"|\b(?:[A-Z][A-Za-z_]+/)+[A-Za-z_+-]+\b"
    r"|(?:[A-Za-z]:)?[\\/][\w.\\/ -]*[\w.]"
    r"|softphone(?: [\w-]+)+"
    r"|--[\w-]+"
)
# Table columns that show another system's words as they came, for IT: the center's refusal of
# a parked event and the event's own fields (parked_view.py).
VERBATIM_COLUMNS = {"parked_table": {1, 2}}
_WORD = re.compile(r"[A-Za-z]{2,}")
_TAG = re.compile(r"<[^>]+>")


def english_words(text: str) -> list[str]:
    """The Latin words of `text` a Chinese reader would find untranslated."""
    plain = _NOT_WORDS.sub(" ", _TAG.sub(" ", text).replace("&nbsp;", " "))
    return [word for word in _WORD.findall(plain) if word not in ALLOWED]


def english_on(top: QWidget) -> list[str]:
    """ "where: text" for each visible text of `top` with English in it."""
    return [f"{where}: {text!r}" for where, text in visible_texts(top) if english_words(text)]


def visible_texts(top: QWidget) -> Iterator[tuple[str, str]]:
    if top.isWindow():
        yield f"{_name(top)} title", top.windowTitle()
    if isinstance(top, QMenu):
        yield from _menu_texts(top, _name(top))
        return
    for widget in [top, *top.findChildren(QWidget)]:
        if widget is not top and not widget.isVisibleTo(top):
            continue
        yield from _texts_of(widget)


def _texts_of(widget: QWidget) -> Iterator[tuple[str, str]]:
    name = _name(widget)
    if widget.toolTip():
        yield f"{name} tooltip", widget.toolTip()
    if isinstance(widget, QLabel):
        yield name, widget.text()
    elif isinstance(widget, QAbstractButton):
        yield name, widget.text().replace("&", "")
    elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        yield f"{name} placeholder", widget.placeholderText()
        if not isinstance(widget, QLineEdit) and widget.isReadOnly():  # a log the app writes
            for line in widget.toPlainText().splitlines():
                yield f"{name} line", line
    elif isinstance(widget, QComboBox):
        yield f"{name} placeholder", widget.placeholderText()
        for index in range(widget.count()):
            yield f"{name} entry", widget.itemText(index)
    elif isinstance(widget, QGroupBox):
        yield f"{name} title", widget.title()
    elif isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            yield f"{name} tab", widget.tabText(index).replace("&", "")
            yield f"{name} tab tooltip", widget.tabToolTip(index)
    elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
        yield from _view_texts(widget, name)
    if isinstance(widget, QMainWindow) and widget.menuWidget() is not None:
        for action in widget.menuBar().actions():
            yield from _action_texts(action, f"{name} menu")


def _view_texts(view: QAbstractItemView, name: str) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    header = Qt.Orientation.Horizontal
    hidden = getattr(view, "isColumnHidden", lambda column: False)  # a list has no columns
    for column in range(_columns(model)):
        if not hidden(column):
            yield f"{name} header", str(model.headerData(column, header) or "")
    verbatim = VERBATIM_COLUMNS.get(view.objectName(), set())
    for row in range(model.rowCount()):
        for column in set(range(_columns(model))) - verbatim:
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield f"{name} cell {row},{column}", value


def _columns(model: QAbstractItemModel) -> int:
    # A list model's columnCount is private to Python; it has one column.
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount()


def _menu_texts(menu: QMenu, name: str) -> Iterator[tuple[str, str]]:
    for action in menu.actions():
        yield from _action_texts(action, name)


def _action_texts(action: QAction, name: str) -> Iterator[tuple[str, str]]:
    if not action.isVisible() or (action.isSeparator() and not action.text()):
        return
    yield f"{name} entry", action.text().split("\t")[0].replace("&", "")
    if action.toolTip() != action.text().replace("&", ""):
        yield f"{name} entry tooltip", action.toolTip()
    if action.menu() is not None:
        yield from _menu_texts(action.menu(), f"{name} › {action.text()}")


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName()!r})"
