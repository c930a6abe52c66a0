"""The list of the agent's current calls: who (the number as people write it, and the name
when the caller sent one), which way, what state, for how long."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from softphone.events import CallEnded, CallState, Event, IncomingCall

# Call states as the agent says them (the engine's words are pjsip's).
STATE_WORDS = {
    "incoming": QT_TRANSLATE_NOOP("CallList", "ringing"),
    "ringing": QT_TRANSLATE_NOOP("CallList", "ringing"),
    "early": QT_TRANSLATE_NOOP("CallList", "ringing"),
    "calling": QT_TRANSLATE_NOOP("CallList", "calling…"),
    "connecting": QT_TRANSLATE_NOOP("CallList", "connecting…"),
    "confirmed": QT_TRANSLATE_NOOP("CallList", "connected"),
    "held": QT_TRANSLATE_NOOP("CallList", "on hold"),
    "disconnected": QT_TRANSLATE_NOOP("CallList", "ended"),
}
TALKING = frozenset({"confirmed", "held"})


def tr(text: str) -> str:
    return QCoreApplication.translate("CallList", text)


@dataclass
class CallRow:
    call: str
    remote: str  # as the engine has it: "sip:+493012345678@pbx.example"
    direction: str
    state: str
    name: str = ""  # the caller's display name, when the INVITE carried one
    muted: bool = False
    started: float = field(default_factory=time.monotonic)
    confirmed: float | None = None

    @property
    def talking(self) -> bool:
        return self.state in TALKING

    def text(self, shown_number: str = "") -> str:
        arrow = "←" if self.direction == "inbound" else "→"
        who = shown_number or self.remote
        if self.name:
            who = f"{who} — {self.name}"
        state = tr(str(STATE_WORDS.get(self.state, self.state)))
        if self.muted:
            state += tr(", muted")
        clock = ""
        if self.confirmed is not None:
            seconds = int(time.monotonic() - self.confirmed)
            clock = f"  {seconds // 60:02d}:{seconds % 60:02d}"
        return f"{arrow} {who}   {state}{clock}"


class CallList(QListWidget):
    def __init__(
        self, shown_number: Callable[[str], str] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Current calls"))
        self.shown_number = shown_number or (lambda remote: remote)
        self.rows: dict[str, CallRow] = {}
        self._shown: dict[str, str] = {}  # remote → as people write it (formatted once)
        self._tick = QTimer(self)  # the calls' clocks: runs only while there are calls
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.refresh)
        self.setMinimumHeight(60)  # two calls in view; the controls below never give way

    def on_event(self, event: Event) -> None:
        if isinstance(event, IncomingCall):
            remote = event.number or event.from_uri
            # setdefault: heard twice when a late window renders the snapshot
            self.rows.setdefault(
                event.call, CallRow(event.call, remote, "inbound", "ringing", event.display_name)
            )
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
        if self.rows and not self._tick.isActive():
            self._tick.start()
        elif not self.rows:
            self._tick.stop()
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_call()
        self.blockSignals(True)  # a refresh is no change of the agent's selection
        self.clear()
        for row in self.rows.values():
            item = QListWidgetItem(row.text(self._number_of(row.remote)))
            item.setData(Qt.ItemDataRole.UserRole, row.call)
            self.addItem(item)
            if row.call == selected:
                item.setSelected(True)
        self.blockSignals(False)

    def number_of(self, remote: str) -> str:
        """The other party as people write it ("+49 30 12345678"), formatted once per call."""
        return self._number_of(remote)

    def _number_of(self, remote: str) -> str:
        if remote not in self._shown:
            self._shown[remote] = self.shown_number(remote)
        return self._shown[remote]

    def selected_call(self) -> str | None:
        items = self.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def current(self) -> CallRow | None:
        """The call the controls act on: the selected one, else the only (or first) call."""
        selected = self.selected_call()
        if selected in self.rows:
            return self.rows[selected]
        return next(iter(self.rows.values()), None)
