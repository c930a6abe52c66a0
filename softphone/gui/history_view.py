"""The History tab: the agent's latest calls from the journal (which way, the number as people
write it, how it ended, for how long, MOS, disposition), filtered by text and direction as the
agent types; "Call back" / "Redial" dials the selected number through the session, so the
compliance gate checks it as it checks the dial line, and a refusal is shown here, beside the
call the agent picked.

The layout is ui/history_view.ui. The journal is read off the GUI thread (`Lookups`): when the
tab is opened and after each call ends.
"""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from softphone.agent.session import AgentSession
from softphone.events import CallEnded, DialBlocked, Event, StatusChanged
from softphone.gui.caller_texts import direction_text, result_text
from softphone.gui.dates import written
from softphone.gui.forms.ui_history_view import Ui_HistoryView
from softphone.gui.lookups import Lookups
from softphone.gui.texts import blocked_text, number_of
from softphone.gui.theme import set_tone
from softphone.journal.caller_history import RecentCall

DIRECTIONS = ("", "inbound", "outbound")  # the direction box's items, in order
MAX_COLUMN_WIDTH = 150  # px; the whole text is in the cell's tooltip
MOS_COLUMN = 3  # ui/history_view.ui: When, Number, Result, MOS, Disposition
Shown = tuple[RecentCall, str]  # a call and its number as people write it


class HistoryView(QWidget):
    dial = Signal(str)  # a number to call, through the session's gate

    def __init__(self, session: AgentSession, lookups: Lookups) -> None:
        super().__init__()
        self.ui = Ui_HistoryView()
        self.ui.setupUi(self)
        self.session = session
        self.lookups = lookups
        self.shown: list[Shown] = []  # every loaded call, newest first (filtered on screen)
        self.asked = ""  # the number last dialled from here, to show its refusal here
        self._formatted: dict[str, str] = {}  # number → as people write it (worker thread)
        self.reads = 0  # journal reads shown so far
        table = self.ui.calls
        table.horizontalHeader().setStretchLastSection(True)
        table.setSortingEnabled(False)
        self.ui.note.hide()
        self.ui.filter.textChanged.connect(self.apply_filter)
        self.ui.direction.currentIndexChanged.connect(self.apply_filter)
        table.itemSelectionChanged.connect(self._follow_selection)
        table.itemDoubleClicked.connect(lambda _item: self.call_again())
        self.ui.call_again.clicked.connect(self.call_again)
        self._follow_selection()

    def refresh(self) -> None:
        """Read the latest calls off the GUI thread; the table fills when they come. Numbers
        are formatted once each (on the worker, the only one touching the cache): the read
        shares the worker with the pop-up's, which must not wait behind 200 formattings."""
        session, formatted = self.session, self._formatted

        def read() -> list[Shown]:
            calls = session.recent_calls()
            for call in calls:
                if call.number not in formatted:
                    formatted[call.number] = session.shown_number(call.number)
            return [(call, formatted[call.number]) for call in calls]

        self.lookups.run(read, self._show)

    def _show(self, calls: list[Shown]) -> None:
        selected = self.selected()
        self.shown = calls
        self.reads += 1
        table = self.ui.calls
        table.setRowCount(len(calls))
        for row, (call, number) in enumerate(calls):
            for column, text in enumerate(_cells(call, number)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == MOS_COLUMN:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        for row, (call, _) in enumerate(calls):  # two lines where a name stands over the number
            if call.name:
                table.resizeRowToContents(row)
        for column in range(table.columnCount() - 1):  # a freak long number is cut, not
            table.setColumnWidth(column, min(table.columnWidth(column), MAX_COLUMN_WIDTH))
        self.apply_filter()
        if selected is not None:
            self._select(selected.call_id)

    def apply_filter(self) -> None:
        """Hide the calls that do not match the filter text (anywhere in the row) or the
        direction; the count beside the button says how many are shown."""
        words = self.ui.filter.text().casefold().split()
        direction = DIRECTIONS[max(0, self.ui.direction.currentIndex())]
        table = self.ui.calls
        visible = 0
        for row, (call, number) in enumerate(self.shown):
            words_of_row = [*_cells(call, number), direction_text(call), call.number]
            haystack = " ".join(words_of_row).casefold()
            match = (not direction or call.direction == direction) and all(
                word in haystack or word in _digits(haystack) for word in words
            )
            table.setRowHidden(row, not match)
            visible += match
        self.ui.shown.setText(
            self.tr("{shown} of {total} calls").format(shown=visible, total=len(self.shown))
        )
        self._follow_selection()

    def selected(self) -> RecentCall | None:
        rows = {index.row() for index in self.ui.calls.selectionModel().selectedRows()}
        for row in rows:
            if 0 <= row < len(self.shown) and not self.ui.calls.isRowHidden(row):
                return self.shown[row][0]
        return None

    def _select(self, call_id: str) -> None:
        for row, (call, _) in enumerate(self.shown):
            if call.call_id == call_id:
                self.ui.calls.selectRow(row)

    def _follow_selection(self) -> None:
        """ "Call back" an inbound caller, "Redial" an outbound callee; nothing selected,
        nothing to call."""
        call = self.selected()
        button = self.ui.call_again
        button.setEnabled(call is not None)
        text = self.tr("Redial") if call and call.direction == "outbound" else self.tr("Call back")
        button.setText(text)
        button.setAccessibleName(text)

    def call_again(self) -> None:
        call = self.selected()
        if call is None:
            return
        self.asked = number_of(call.number)
        self.ui.note.hide()
        self.dial.emit(self.asked)

    def on_event(self, event: Event) -> None:
        if isinstance(event, DialBlocked) and self.asked in (event.number, number_of(event.number)):
            self.ui.note.setText(blocked_text(event))
            set_tone(self.ui.note, "tone", "bad")
            self.ui.note.show()
        elif isinstance(event, (CallEnded, StatusChanged)) and self.isVisible():
            # A call ended (journaled before its event reaches the window), or wrap-up ended
            # (its disposition written): read again. Tab not shown: its opening reads.
            self.refresh()


def _cells(call: RecentCall, number: str) -> list[str]:
    """The row's cells, in the form's column order: the way the call went as an arrow before
    the number, as in the current calls (a column of its own did not fit a narrow window)."""
    mos = f"{call.mos:.1f}" if call.mos is not None else "—"
    arrow = "←" if call.direction == "inbound" else "→"
    # The caller's name when the call gave one, over the number (as phones list calls): a
    # column of its own pushed the disposition out of a narrow window.
    who = f"{arrow} {call.name}\n{number}" if call.name else f"{arrow} {number}"
    return [_when(call.start_time), who, result_text(call), mos, call.disposition]


def _when(start: datetime, now: datetime | None = None) -> str:
    """ "14:05" today, "05 Dec 14:05" this year, "05 Dec 2025" before, in the agent's time."""
    local = start.astimezone()
    today = (now or datetime.now(timezone.utc)).astimezone()
    if local.date() == today.date():
        return local.strftime("%H:%M")
    if local.year == today.year:
        return written(local, QCoreApplication.translate("HistoryView", "dd MMM HH:mm"))
    return written(local, QCoreApplication.translate("HistoryView", "dd MMM yyyy"))


def _digits(text: str) -> str:
    """The text's digits only: "30 1234" finds "+49 30 12345678" typed without spaces."""
    return "".join(c for c in text if c.isdigit())
