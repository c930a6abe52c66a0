"""The incoming-call pop-up: at once, on top, with the caller and two big buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from softphone.events import IncomingCall


class IncomingPopup(QDialog):
    answered = Signal(str)
    declined = Signal(str)

    def __init__(self, event: IncomingCall, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.call = event.call
        self.setWindowTitle("Incoming call")
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self.setModal(False)
        caller = QLabel(event.number or event.from_uri)
        caller.setObjectName("caller")
        caller.setStyleSheet("font-size: 20pt; font-weight: 600;")
        name = QLabel(event.display_name or event.from_uri)
        name.setStyleSheet("color: #555;")
        self.answer_button = QPushButton("Answer (Enter)")
        self.answer_button.setStyleSheet("background: #2e7d32; color: white; padding: 8px;")
        self.decline_button = QPushButton("Decline (Esc)")
        self.decline_button.setStyleSheet("background: #c62828; color: white; padding: 8px;")
        self.answer_button.clicked.connect(self._answer)
        self.decline_button.clicked.connect(self._decline)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self, self._answer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.answer_button)
        buttons.addWidget(self.decline_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Incoming call"))
        layout.addWidget(caller)
        layout.addWidget(name)
        layout.addLayout(buttons)

    def _answer(self) -> None:
        self.answered.emit(self.call)
        self.accept()

    def _decline(self) -> None:
        self.declined.emit(self.call)
        self.accept()

    def reject(self) -> None:  # Esc
        if self.isVisible():
            self.declined.emit(self.call)
        super().reject()
