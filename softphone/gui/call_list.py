"""The list of the agent's current calls: who, which way, what state, for how long."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from softphone.events import CallEnded, CallState, Event, IncomingCall


@dataclass
class CallRow:
    call: str
    remote: str
    direction: str
    state: str
    started: float = field(default_factory=time.monotonic)
    confirmed: float | None = None

    def text(self) -> str:
        arrow = "←" if self.direction == "inbound" else "→"
        clock = ""
        if self.confirmed is not None:
            seconds = int(time.monotonic() - self.confirmed)
            clock = f"  {seconds // 60:02d}:{seconds % 60:02d}"
        return f"{arrow} {self.remote}   {self.state}{clock}"


class CallList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, CallRow] = {}
        self._tick = QTimer(self)
        self._tick.timeout.connect(self.refresh)
        self._tick.start(1000)
        self.setMinimumHeight(90)

    def on_event(self, event: Event) -> None:
        if isinstance(event, IncomingCall):
            remote = event.number or event.from_uri
            # setdefault: heard twice when a late window renders the snapshot
            self.rows.setdefault(event.call, CallRow(event.call, remote, "inbound", "ringing"))
        elif isinstance(event, CallState):
            row = self.rows.setdefault(
                event.call, CallRow(event.call, event.remote, event.direction, event.state)
            )
            row.state = event.state
            if event.state == "confirmed" and row.confirmed is None:
                row.confirmed = time.monotonic()
        elif isinstance(event, CallEnded):
            self.rows.pop(event.call, None)
        else:
            return
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_call()
        self.clear()
        for row in self.rows.values():
            item = QListWidgetItem(row.text())
            item.setData(Qt.ItemDataRole.UserRole, row.call)
            self.addItem(item)
            if row.call == selected:
                item.setSelected(True)

    def selected_call(self) -> str | None:
        items = self.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None
