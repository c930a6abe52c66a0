"""The record button of a call: start recording on demand, pause for card details, resume.

A checkable button: checked while the call is recorded, unchecked while paused or not yet
recorded. It follows the session's `recording` events (the state is the writer's, not the
button's guess): it shows only on a call the policy lets the agent record ("ready", on demand,
or recording "always"), and hides between calls and where the policy is "never". The call card
holds it and passes its events on; a refused request (the disk, the keyring) reaches the
window's messages through the card's `failed`.
"""

from __future__ import annotations

from concurrent.futures import Future

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton, QWidget

from softphone.agent.session import AgentSession
from softphone.events import CallEnded, CallState, Event, RecordingSaved, RecordingState


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordToggle", text)


class RecordToggle(QPushButton):
    def __init__(self, session: AgentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("record_toggle")
        self.setAccessibleName(tr("Record this call"))
        self.setCheckable(True)
        self.call: str | None = None
        self.last_request: Future[str] | None = None
        self.clicked.connect(self.toggled_by_agent)
        self._show("idle")

    def toggled_by_agent(self, on: bool) -> Future[str]:
        """The agent pressed it: record (or resume) when checked, pause when not."""
        self.setChecked(not on)  # until the writer says it happened
        self.last_request = self.session.record(on, self.call)
        return self.last_request

    def on_event(self, event: Event) -> None:
        if isinstance(event, CallState) and event.state == "confirmed" and self.call is None:
            self.call = event.call  # shown once the recorder says this call may be recorded
        elif isinstance(event, RecordingState) and event.call == self.call:
            self._show(event.state)
        elif isinstance(event, (CallEnded, RecordingSaved)) and event.call == self.call:
            self.call = None
            self._show("idle")

    def _show(self, state: str) -> None:
        texts = {
            "idle": tr("Record"),
            "ready": tr("Record"),
            "recording": tr("Recording — press to pause"),
            "paused": tr("Paused — press to resume"),
        }
        self.setText(texts.get(state, tr("Record")))
        self.setEnabled(state != "idle")
        self.setVisible(state != "idle")
        self.setChecked(state == "recording")
        self.setProperty("recording", state)  # the theme may style each state
        self.style().unpolish(self)
        self.style().polish(self)
