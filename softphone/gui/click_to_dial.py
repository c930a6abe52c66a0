"""Click-to-dial: a `tel:`, `sip:` or `callto:` link the agent clicked (handed over by a second
start, see single_instance) brings the window forward and puts the number on the dial line.
With `[gui] click_to_dial = "dial"` it is dialled at once; either way only through the
session's dial, where the compliance gate decides (a blocked number gets `blocked`, no INVITE).
"""

from __future__ import annotations

import logging
import re
from typing import Protocol
from urllib.parse import unquote

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from softphone.compliance.caller_info import dial_text

log = logging.getLogger(__name__)

LINK = re.compile(r"^(tel|sip|sips|callto):", re.IGNORECASE)
_CALLTO = re.compile(r"^callto:(?://)?", re.IGNORECASE)


class DialWindow(Protocol):
    """What this needs of the main window: its number field and its gated dial."""

    number: QLineEdit

    def dial(self, number: str = "") -> None: ...


def link_number(link: str) -> str:
    """The dial line's text for a link: the number of `tel:` and `callto:` (parameters and the
    `//` some pages put after `callto:` dropped), a `sip:` URI as it is (the engine dials it).
    Browsers hand links over percent-encoded (`tel:%2B4930…`)."""
    text = unquote(link.strip())
    if text.lower().startswith("callto:"):
        text = "tel:" + _CALLTO.sub("", text)
    return dial_text(text)


def bring_forward(window: QWidget) -> None:
    """Show the window on top: from the tray (hidden), minimised, or behind other apps."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


class ClickToDial(QObject):
    def __init__(self, window: DialWindow, mode: str = "confirm") -> None:
        super().__init__()
        self.window, self.mode = window, mode

    def take(self, links: list[str]) -> None:
        """A second start's links: the window comes forward; the last link is the one the
        agent clicked last (a desktop may queue several while the app starts)."""
        if isinstance(self.window, QWidget):
            bring_forward(self.window)
        numbers = [link_number(link) for link in links if LINK.match(link.strip())]
        numbers = [number for number in numbers if number]
        if numbers:
            self.prefill_or_dial(numbers[-1])

    def prefill_or_dial(self, number: str) -> None:
        field = self.window.number
        field.setText(number)
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.mode == "dial":
            log.info("click-to-dial: dialling the link's number through the gate")
            self.window.dial(number)  # session.dial: the gate decides, `blocked` if it says no
