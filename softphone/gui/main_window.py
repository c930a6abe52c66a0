"""The agent's main window: registration, status and wrap-up, the dial line, current calls, call
controls, keypad, "do not call again", and sync health in the status bar."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from softphone.agent.session import AgentSession
from softphone.events import (
    CallEnded,
    DialBlocked,
    ErrorEvent,
    Event,
    IncomingCall,
    NumberBlacklisted,
    Registered,
    RegistrationFailed,
    Unregistered,
)
from softphone.gui.bridge import QtBridge
from softphone.gui.call_list import CallList
from softphone.gui.do_not_call import DoNotCallDialog
from softphone.gui.incoming_popup import IncomingPopup
from softphone.gui.journal_banner import JournalBanner
from softphone.gui.status_panel import StatusPanel
from softphone.gui.sync_indicator import SyncIndicator
from softphone.gui.texts import blocked_text, number_of
from softphone.gui.wrap_up_panel import WrapUpPanel

__all__ = ["MainWindow", "blocked_text"]

_STATUS_STYLE = {
    "ok": "background: #e8f5e9; color: #1b5e20;",
    "bad": "background: #ffebee; color: #b71c1c;",
    "idle": "background: #eceff1; color: #37474f;",
}


class MainWindow(QMainWindow):
    def __init__(self, session: AgentSession, notice: str = "") -> None:
        super().__init__()
        self.session = session
        self.bridge = QtBridge(session.bus, self)
        self.popups: dict[str, IncomingPopup] = {}
        self.last_number = ""  # the last call's other party, for "do not call again"
        self.setWindowTitle("Agent Softphone")
        self.registration = QLabel("Not registered")
        self.registration.setObjectName("registration")
        self.registration.setWordWrap(True)  # a long profile path must not widen the window
        self.number = QLineEdit()
        self.number.setPlaceholderText("Number or SIP address")
        self.calls = CallList()
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(200)
        self.log.setMaximumHeight(110)
        self.status_panel = StatusPanel(session)
        self.wrap_up = WrapUpPanel(session)
        self.sync = SyncIndicator(session)
        self.journal_banner = JournalBanner()
        self.setCentralWidget(self._layout())
        self.statusBar().addPermanentWidget(self.sync, 1)
        self._set_status(notice or "Not registered", "idle")
        self.bridge.arrived.connect(self.on_event)
        self.bridge.arrived.connect(self.journal_banner.on_event)
        self.bridge.failure.connect(self.show_error)
        self.status_panel.refused.connect(self._note)
        self.wrap_up.failed.connect(self.show_error)
        self.number.returnPressed.connect(self.dial)
        self.resize(460, 760)

    def _layout(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.journal_banner)
        self.registration.setMargin(6)
        layout.addWidget(self.registration)
        layout.addWidget(self.status_panel)
        layout.addWidget(self.wrap_up)
        dial_row = QHBoxLayout()
        dial_row.addWidget(self.number, 1)
        call_button = QPushButton("Call")
        call_button.clicked.connect(self.dial)
        dial_row.addWidget(call_button)
        layout.addLayout(dial_row)
        layout.addWidget(QLabel("Calls"))
        layout.addWidget(self.calls, 1)
        layout.addLayout(self._controls())
        layout.addLayout(self._keypad())
        layout.addWidget(self.log)
        return body

    def _controls(self) -> QGridLayout:
        grid = QGridLayout()
        actions = [
            (
                "Hang up",
                lambda: self._run(self.session.hangup(self.calls.selected_call()), "Hang up"),
            ),
            ("Hold", lambda: self._run(self.session.hold(self.calls.selected_call()), "Hold")),
            (
                "Resume",
                lambda: self._run(self.session.resume(self.calls.selected_call()), "Resume"),
            ),
            (
                "Mute",
                lambda: self._run(self.session.mute(True, self.calls.selected_call()), "Mute"),
            ),
            (
                "Unmute",
                lambda: self._run(self.session.mute(False, self.calls.selected_call()), "Unmute"),
            ),
            ("Transfer…", self.transfer),
            ("Do not call again…", self.do_not_call),
        ]
        for n, (label, action) in enumerate(actions):
            button = QPushButton(label)
            button.clicked.connect(action)
            if label.startswith("Do not call"):
                button.setObjectName("do_not_call")
                button.setStyleSheet("color: #b71c1c; font-weight: 600;")  # it cannot be undone
                grid.addWidget(button, n // 3, 0, 1, 3)
            else:
                grid.addWidget(button, n // 3, n % 3)
        return grid

    def _keypad(self) -> QGridLayout:
        grid = QGridLayout()
        for n, digit in enumerate("123456789*0#"):
            button = QPushButton(digit)
            button.setObjectName(f"key_{digit}")
            button.clicked.connect(lambda _=False, d=digit: self.key(d))
            grid.addWidget(button, n // 3, n % 3)
        return grid

    # --- actions ---------------------------------------------------------------------------

    def _run(self, action: Any, what: str) -> None:
        """Start a session command; its failure (now or later) is shown, never raised."""
        try:
            future = action() if callable(action) else action
        except Exception as exc:
            self.show_error(f"{what}: {exc}")
            return
        if isinstance(future, Future):
            self.bridge.watch(future, what)

    def dial(self) -> None:
        number = self.number.text().strip()
        self._run(lambda: self.session.dial(number), f"Call {number}")

    def key(self, digit: str) -> None:
        if self.calls.rows:
            self._run(lambda: self.session.dtmf(digit, self.calls.selected_call()), "DTMF")
        else:
            self.number.insert(digit)

    def transfer(self) -> None:
        target, ok = QInputDialog.getText(self, "Transfer", "Transfer the call to:")
        if ok and target.strip():
            call = self.calls.selected_call()
            self._run(lambda: self.session.transfer(target.strip(), call), "Transfer")

    def do_not_call(self) -> None:
        dialog = DoNotCallDialog(self.do_not_call_candidates(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.mark_do_not_call(dialog.chosen_number(), dialog.chosen_reason())

    def do_not_call_candidates(self) -> list[str]:
        """The numbers the agent most likely means: the selected call, the other current
        calls, the last call, then what is on the dial line."""
        selected = self.calls.selected_call()
        rows = sorted(self.calls.rows.values(), key=lambda r: r.call != selected)
        found = [number_of(r.remote) for r in rows]
        return [*found, number_of(self.last_number), self.number.text().strip()]

    def mark_do_not_call(self, number: str, reason: str) -> None:
        """The session's do-not-call path; the `do_not_call` event brings the confirmation."""
        try:
            self.session.do_not_call(number, reason)
        except Exception as exc:  # not a phone number, or the list cannot be written
            self.show_error(f"{number} is NOT on the do-not-call list: {exc}")

    # --- events (GUI thread) ---------------------------------------------------------------

    def on_event(self, event: Event) -> None:
        self.calls.on_event(event)
        self.status_panel.on_event(event)
        self.wrap_up.on_event(event)
        self.sync.on_event(event)
        if isinstance(event, Registered):
            self._set_status(f"Registered as {event.account}", "ok")
        elif isinstance(event, RegistrationFailed):
            retry = f" — retrying in {event.retry_in_s:.0f} s" if event.retry_in_s else ""
            self._set_status(f"Registration failed: {event.code} {event.reason}{retry}", "bad")
        elif isinstance(event, Unregistered):
            self._set_status("Not registered", "idle")
        elif isinstance(event, IncomingCall):
            self._pop_up(event)
        elif isinstance(event, CallEnded):
            self._call_ended(event)
        elif isinstance(event, ErrorEvent):
            self.show_error(event.message)
        elif isinstance(event, DialBlocked):
            self.show_error(blocked_text(event))
        elif isinstance(event, NumberBlacklisted):
            self._note(
                f"✓ {event.number_e164} is on the do-not-call list: it will not be called "
                f"again ({event.reason})"
            )

    def _pop_up(self, event: IncomingCall) -> None:
        popup = IncomingPopup(event, self)
        popup.answered.connect(lambda call: self._run(self.session.answer(call), "Answer"))
        popup.declined.connect(
            lambda call: self._run(self.session.reject(call, "decline"), "Decline")
        )
        self.popups[event.call] = popup
        popup.show()
        popup.raise_()

    def _call_ended(self, event: CallEnded) -> None:
        popup = self.popups.pop(event.call, None)
        if popup is not None and popup.isVisible():
            popup.done(0)
        self.last_number = event.remote or self.last_number
        mos = f", MOS {event.quality.mos:.1f}" if event.quality else ""
        self.log.appendPlainText(
            f"Call {event.remote} ended: {event.code} {event.reason}, {event.duration_s:.0f} s{mos}"
        )

    def show_error(self, message: str) -> None:
        self._note(f"⚠ {message}")

    def _note(self, message: str) -> None:
        self.log.appendPlainText(message)
        self.statusBar().showMessage(message, 8000)

    def _set_status(self, text: str, tone: str) -> None:
        self.registration.setText(text)
        self.registration.setStyleSheet(_STATUS_STYLE[tone] + " padding: 6px; font-weight: 600;")

    def closeEvent(self, event: Any) -> None:
        self.sync.stop_counting()  # the session stops next and closes the journal
        self.bridge.close()
        super().closeEvent(event)
