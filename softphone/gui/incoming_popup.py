"""The inbound pop-up: at once, on top, without taking the keyboard from what the agent types;
the caller's number as people write it, provider, region and local time, the line and skill
group the call came in on, a do-not-call warning, our last calls with the number, and Answer /
Decline — with "Answer and hold current" while the agent is on another call.

The layout is ui/incoming_popup.ui. What the pop-up says beyond the raw number is read off the
GUI thread (`Lookups`): it shows at once with the number as it came, then fills in.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QTableWidgetItem, QWidget

from softphone.agent.session import AgentSession
from softphone.compliance.caller_info import CallerInfo, language_of
from softphone.events import IncomingCall
from softphone.gui.caller_texts import (
    history_title,
    line_text,
    local_time_text,
    origin_text,
    row_texts,
)
from softphone.gui.forms.ui_incoming_popup import Ui_IncomingPopup
from softphone.gui.lookups import Lookups
from softphone.gui.shortcuts import keys_of
from softphone.journal.caller_history import CallsWith

NAME_COLUMN = 1  # ui/incoming_popup.ui's history columns: When, Name, Agent, …
MAX_TABLE_WIDTH = 640  # long remarks are cut (the whole text is in the cell's tooltip)


class IncomingPopup(QDialog):
    answered = Signal(str)
    answered_holding = Signal(str)  # answer, the agent's current call put on hold
    declined = Signal(str)

    def __init__(
        self,
        event: IncomingCall,
        session: AgentSession,
        lookups: Lookups,
        parent: QWidget | None = None,
        take_focus: bool = False,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.ui = Ui_IncomingPopup()
        self.ui.setupUi(self)
        self.call = event.call
        self.skill_group = event.skill_group
        self.caller: CallerInfo | None = None
        self.history: CallsWith | None = None
        self.setModal(False)
        if not take_focus:  # appear without taking the keyboard from the agent's typing
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.answer_button = self.ui.answer_button
        self.decline_button = self.ui.decline_button
        self.answer_hold_button = self.ui.answer_hold_button
        self.answer_hold_button.hide()  # shown while the agent is on a call (`offer_hold`)
        self._show_offer(event)
        self._connect_keys()
        self._look_up(event, session, lookups)

    def _show_offer(self, event: IncomingCall) -> None:
        """What the INVITE says, shown at once; the lookups fill in the rest."""
        ui = self.ui
        ui.caller.setText(event.number or event.from_uri)
        ui.caller_details.setText(event.display_name)
        ui.caller_details.setVisible(bool(event.display_name))
        _show_text(ui.called, line_text(event.called_number, event.skill_group))
        for later in (ui.origin, ui.local_time, ui.do_not_call_warning, ui.history):
            later.hide()
        table = ui.history
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.horizontalHeader().setStretchLastSection(True)
        self.adjustSize()

    def _connect_keys(self) -> None:
        """Enter and Esc here; the keys that work from any window (the pop-up not taking the
        keyboard when it appears) are the main window's (shortcuts.py), shown here too."""
        self.answer_button.clicked.connect(self.answer)
        self.answer_hold_button.clicked.connect(self.answer_holding)
        self.decline_button.clicked.connect(self.decline)
        self.answer_button.setToolTip(
            self.tr("Answer — Enter, or {keys} from any window").format(keys=keys_of("answer"))
        )
        self.decline_button.setToolTip(
            self.tr("Decline — Esc, or {keys} from any window").format(keys=keys_of("decline"))
        )
        QShortcut(QKeySequence(Qt.Key.Key_Return), self, self.answer)

    def _look_up(self, event: IncomingCall, session: AgentSession, lookups: Lookups) -> None:
        number = event.number or event.from_uri
        language = language_of(QLocale().name())

        def read() -> tuple[CallerInfo, CallsWith, str]:  # on the lookup worker, not the GUI
            caller = session.caller_info(number, language)
            called = event.called_number and session.shown_number(event.called_number)
            return caller, session.calls_with(caller), called

        lookups.run(read, self._show_caller, self._lookup_failed)

    # --- results (GUI thread) --------------------------------------------------------------

    def _show_caller(self, found: tuple[CallerInfo, CallsWith, str]) -> None:
        caller, history, called = found
        self.caller, self.history = caller, history
        ui = self.ui
        _show_text(ui.called, line_text(called, self.skill_group))  # as people write it
        if caller.e164 is not None:
            ui.caller.setText(caller.national)
            details = [caller.international]
            if ui.caller_details.text():
                details.insert(0, ui.caller_details.text())
            ui.caller_details.setText("  ·  ".join(details))
            ui.caller_details.show()
        _show_text(ui.origin, origin_text(caller))
        _show_text(ui.local_time, local_time_text(caller))
        warning = ""
        if caller.do_not_call:
            warning = self.tr("⚠ On the do-not-call list: {why}").format(why=caller.do_not_call)
        _show_text(ui.do_not_call_warning, warning)
        self._show_history(history)
        self.adjustSize()

    def _show_history(self, history: CallsWith) -> None:
        ui = self.ui
        ui.history_title.setText(history_title(history))
        table = ui.history
        table.setRowCount(len(history.last))
        for row, call in enumerate(history.last):
            for column, text in enumerate(row_texts(call)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                table.setItem(row, column, cell)
        table.setVisible(bool(history.last))
        # The caller's name as each call gave it (journal V5): no column when none did.
        table.setColumnHidden(NAME_COLUMN, not any(call.name for call in history.last))
        if history.last:  # the table as big as its five rows: nothing to scroll
            table.resizeColumnsToContents()
            table.resizeRowsToContents()
            frame = 2 * table.frameWidth()
            header = table.horizontalHeader()
            columns = range(table.columnCount())
            width = sum(header.sectionSize(c) for c in columns if not table.isColumnHidden(c))
            table.setMinimumWidth(min(width + frame, MAX_TABLE_WIDTH))
            height = header.sizeHint().height() + frame
            height += sum(table.rowHeight(r) for r in range(table.rowCount()))
            table.setFixedHeight(height)

    def _lookup_failed(self, error: Exception) -> None:
        self.ui.history_title.setText(
            self.tr("Our history with this number cannot be read: {error}").format(error=error)
        )

    # --- the agent's choice ----------------------------------------------------------------

    def answer(self) -> None:
        if self.isVisible():
            self.answered.emit(self.call)
        self.accept()

    def answer_holding(self) -> None:
        if self.isVisible():
            self.answered_holding.emit(self.call)
        self.accept()

    def offer_hold(self, on_call: bool) -> None:
        """While the agent talks on another call, answering this one holds that one: the
        pop-up offers it, and plain Answer stays for an agent who means to juggle by hand."""
        if on_call == self.answer_hold_button.isHidden():  # (isVisible: False until shown)
            self.answer_hold_button.setVisible(on_call)
            self.adjustSize()

    def decline(self) -> None:
        if self.isVisible():
            self.declined.emit(self.call)
        self.accept()

    def reject(self) -> None:  # Esc
        if self.isVisible():
            self.declined.emit(self.call)
        super().reject()


def _show_text(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
