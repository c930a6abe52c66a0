"""The incoming-call pop-up: at once, on top, with the caller and two big buttons.

The layout is ui/incoming_popup.ui (compiled into forms/)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QWidget

from softphone.events import IncomingCall
from softphone.gui.forms.ui_incoming_popup import Ui_IncomingPopup


class IncomingPopup(QDialog):
    answered = Signal(str)
    declined = Signal(str)

    def __init__(self, event: IncomingCall, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_IncomingPopup()
        self.ui.setupUi(self)
        self.call = event.call
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self.setModal(False)
        self.ui.caller.setText(event.number or event.from_uri)
        self.ui.caller_details.setText(event.display_name or event.from_uri)
        for unused in (
            self.ui.origin,
            self.ui.local_time,
            self.ui.called,
            self.ui.do_not_call_warning,
            self.ui.history_title,
            self.ui.history,
        ):
            unused.hide()
        self.answer_button = self.ui.answer_button
        self.decline_button = self.ui.decline_button
        self.answer_button.clicked.connect(self._answer)
        self.decline_button.clicked.connect(self._decline)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self, self._answer)
        self.adjustSize()

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
