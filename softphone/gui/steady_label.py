"""A label whose text changes every second without re-laying-out the window around it.

Qt lays the whole window out again whenever a label in a layout gets new text (its size hint
may have changed), unless the label's size is fixed. Under a 1 Hz clock (the agent's time in
status) that layout pass and the repaint behind it were most of an idle window's CPU. So the
label lives in a holder with no layout: the holder takes the place in the window's layout and
pins the label to its own size; the clock's ticks then repaint the label alone. The window is
laid out again only when the text's length changes (a new status, the clock passing an hour).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class SteadyLabel(QWidget):
    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._length = -1

    def set_text(self, text: str) -> None:
        """New text; the layout hears of it only when it may need more or less room."""
        self.label.setText(text)
        if len(text) != self._length:
            self._length = len(text)
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.label.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Fixed at the holder's size: Qt skips the layout request of a fixed-size widget.
        self.label.setFixedSize(event.size())
        super().resizeEvent(event)
