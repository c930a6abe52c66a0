"""The wrap-up panel: shown while the agent is in wrap-up after a call, with its deadline counting
down, the remarks and a disposition from the center's quick remarks, and "Done".

In the `timed_mandatory` mode "Done" stays disabled until the deadline (the state machine would
refuse it anyway: the panel says so before the agent tries). In `timed` mode the core ends the
wrap-up by itself at the deadline; the panel just follows the `status` event.
"""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from softphone.agent.session import AgentSession
from softphone.events import (
    CallEnded,
    CallState,
    Event,
    IncomingCall,
    StatusChanged,
    WrapUpStarted,
)
from softphone.gui.reason_texts import refusal_text
from softphone.gui.status_panel import clock_text, status_name
from softphone.gui.texts import number_of

MODE_HINTS = {
    "optional": QT_TRANSLATE_NOOP("WrapUpPanel", "no time limit: press Done when you are finished"),
    "timed": QT_TRANSLATE_NOOP(
        "WrapUpPanel", "then you are Available again; press Done to finish earlier"
    ),
    "timed_mandatory": QT_TRANSLATE_NOOP("WrapUpPanel", "mandatory: then you are Available again"),
}


def tr(text: object) -> str:
    """Translated in this panel's context (`text` may be a QT_TRANSLATE_NOOP marker)."""
    return QCoreApplication.translate("WrapUpPanel", str(text))


class WrapUpPanel(QGroupBox):
    failed = Signal(str)

    def __init__(self, session: AgentSession, parent: QWidget | None = None) -> None:
        super().__init__(tr("Wrap-up"), parent)
        self.setObjectName("wrap_up")
        self.session = session
        self.call = ""
        self.mode = ""
        self.deadline: datetime | None = None
        self.remotes: dict[str, str] = {}  # call → who it was with, to name it to the agent
        self.countdown = QLabel()
        self.countdown.setObjectName("wrap_up_countdown")
        self.countdown.setWordWrap(True)
        self.remarks = QLineEdit()
        self.remarks.setObjectName("wrap_up_remarks")
        self.remarks.setPlaceholderText(tr("What happened on the call"))
        self.remarks.setAccessibleName(tr("Remarks"))
        self.disposition = QComboBox()
        self.disposition.setObjectName("wrap_up_disposition")
        self.disposition.setEditable(True)
        self.disposition.setAccessibleName(tr("Disposition"))
        self.done_button = QPushButton(tr("Done"))
        self.done_button.setAccessibleName(tr("Wrap-up done"))
        self.done_button.setObjectName("wrap_up_done")
        self.done_button.clicked.connect(self.done)
        self._layout()
        self._tick = QTimer(self)  # runs only while the panel shows (idle CPU is measured)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self.refresh)
        self.hide()

    def _layout(self) -> None:
        form = QFormLayout(self)
        form.addRow(self.countdown)
        form.addRow(tr("Remarks"), self.remarks)
        row = QHBoxLayout()
        row.addWidget(self.disposition, 1)
        row.addWidget(self.done_button)
        form.addRow(tr("Disposition"), row)

    def on_event(self, event: Event) -> None:
        # The call is named from its first events: `wrap_up` can reach the window before the
        # `call_ended` that caused it (the status keeper publishes it while handling that one).
        if isinstance(event, CallState | CallEnded) and event.remote:
            self.remotes.setdefault(event.call, number_of(event.remote))
        elif isinstance(event, IncomingCall):
            self.remotes.setdefault(event.call, event.number or number_of(event.from_uri))
        elif isinstance(event, WrapUpStarted):
            self.start(event.call, event.mode, event.deadline)
        elif isinstance(event, StatusChanged) and event.status != "wrap_up":
            self.deadline = None
            self.hide()

    def start(self, call: str, mode: str, deadline: str | None) -> None:
        self.call, self.mode = self.remotes.pop(call, "") or call, mode
        self.deadline = datetime.fromisoformat(deadline) if deadline else None
        self.remarks.clear()
        self.disposition.clear()
        self.disposition.addItem("")  # no disposition picked yet
        self.disposition.addItems(self.session.quick_remarks())
        self.show()
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self._tick.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._tick.stop()
        super().hideEvent(event)

    def seconds_left(self) -> float | None:
        if self.deadline is None:
            return None
        return max(0.0, (self.deadline - datetime.now(timezone.utc)).total_seconds())

    def refresh(self) -> None:
        if self.isHidden():
            return
        left = self.seconds_left()
        mandatory = self.mode == "timed_mandatory" and bool(left)
        self.done_button.setEnabled(not mandatory)
        self.done_button.setToolTip(
            tr("Wrap-up is mandatory until the countdown ends") if mandatory else ""
        )
        hint = tr(MODE_HINTS.get(self.mode, self.mode))
        if left is None:
            self.countdown.setText(
                tr("After the call with {call} — {hint}").format(call=self.call, hint=hint)
            )
        else:
            self.countdown.setText(
                tr("After the call with {call}: <b>{left}</b> left — {hint}").format(
                    call=self.call, left=clock_text(left), hint=hint
                )
            )

    def done(self) -> None:
        remarks = self.remarks.text().strip() or None
        disposition = self.disposition.currentText().strip() or None
        try:
            self.session.wrap_up_done(remarks, disposition)
        except ValueError as exc:  # StatusRefused: e.g. mandatory time not over
            why = refusal_text(exc, status_name)
            self.failed.emit(tr("Wrap-up not done: {why}").format(why=why))
