"""The dial line: one number field that takes what agents paste (spaces, dashes, brackets,
national or +E.164, `tel:` links, "Tel.:" labels) and shows the compliance gate's verdict as
the agent types: allowed, or blocked with the reason, the callee's local time and when the
number may be called. Call is disabled while the verdict is "blocked"; the dial itself is
checked again by the session (the gate is the only door, the verdict here is a preview).

The verdict is computed off the GUI thread (`Lookups`), a moment after the agent stops typing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from softphone.agent.session import AgentSession
from softphone.compliance.caller_info import dial_text
from softphone.compliance.verdict import Verdict
from softphone.gui.lookups import Lookups
from softphone.gui.texts import verdict_text
from softphone.gui.theme import set_tone

DEBOUNCE_MS = 250  # typing speed: a verdict per pause, not per key


class DialLine(QObject):
    dial = Signal(str)  # the agent asked to call this (cleaned) text
    refused = Signal(str)  # Enter on a number the gate blocks: why, again

    def __init__(
        self,
        field: QLineEdit,
        call_button: QPushButton,
        verdict: QLabel,
        session: AgentSession,
        lookups: Lookups,
    ) -> None:
        super().__init__(field)
        self.field, self.call_button, self.verdict = field, call_button, verdict
        self.session, self.lookups = session, lookups
        self.last: Verdict | None = None  # the verdict on the text now in the field
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._check)
        field.textChanged.connect(self._typed)
        field.returnPressed.connect(self._asked)
        call_button.clicked.connect(self._asked)
        self._typed(field.text())

    def text(self) -> str:
        return dial_text(self.field.text())

    def _typed(self, _: str) -> None:
        self.last = None
        if not self.text():
            self.verdict.hide()
            self.call_button.setEnabled(False)
            self._debounce.stop()
            return
        self.call_button.setEnabled(True)  # until the gate says otherwise (dial re-checks)
        self._debounce.start()

    def _check(self) -> None:
        text = self.text()
        if text:
            self.lookups.run(lambda: self.session.check_dial(text), self._verdict_came)

    def _verdict_came(self, verdict: Verdict) -> None:
        if verdict.target != self.text():  # the agent typed on meanwhile: a newer one comes
            return
        self.last = verdict
        text, allowed = verdict_text(verdict)
        self.verdict.setText(text)
        self.verdict.setToolTip(text)
        set_tone(self.verdict, "tone", "ok" if allowed else "bad")
        self.verdict.show()
        self.call_button.setEnabled(allowed)
        self.call_button.setToolTip("" if allowed else text)

    def _asked(self) -> None:
        if not self.text():
            return
        if self.last is not None and not self.last.allowed:
            self.refused.emit(self.verdict.text())
            return
        self.dial.emit(self.text())
