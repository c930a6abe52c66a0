"""The "Parked" view: journal events the center refused for good (a validation error), each with
the center's error. They are kept in the journal, not retried; this view shows them so that the
agent can tell IT, who resend them with `softphone journal outbox --retry` once the cause is fixed.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from softphone.agent.session import AgentSession

COLUMNS = (
    QT_TRANSLATE_NOOP("ParkedView", "What"),
    QT_TRANSLATE_NOOP("ParkedView", "The center said"),
    QT_TRANSLATE_NOOP("ParkedView", "Details"),
)
KIND_NAMES = {
    "call_record": QT_TRANSLATE_NOOP("ParkedView", "Call record"),
    "status": QT_TRANSLATE_NOOP("ParkedView", "Status change"),
    "operation": QT_TRANSLATE_NOOP("ParkedView", "Operation log"),
    "quality": QT_TRANSLATE_NOOP("ParkedView", "Call quality"),
    "readiness": QT_TRANSLATE_NOOP("ParkedView", "Readiness report"),
}


def tr(text: object) -> str:
    return QCoreApplication.translate("ParkedView", str(text))


class ParkedView(QDialog):
    def __init__(self, session: AgentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("Parked events"))
        self.summary = QLabel()
        self.summary.setObjectName("parked_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("parked_table")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setAccessibleName(tr("Parked events"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 320)

    def reload(self) -> None:
        parked = self.session.parked_events()
        folder = self.session.profile.folder
        if parked:
            events = tr("1 event") if len(parked) == 1 else tr("{n} events").format(n=len(parked))
            self.summary.setText(
                tr(
                    "The center refused {events} for good. They are kept in this computer's "
                    "journal and not sent again. Tell IT; once the cause is fixed they resend "
                    "them with:\nsoftphone journal outbox --retry --profile {folder}"
                ).format(events=events, folder=folder)
            )
        else:
            self.summary.setText(tr("Nothing is parked: the center took every event it was sent."))
        self.table.setRowCount(len(parked))
        for row, event in enumerate(parked):
            cells = (tr(KIND_NAMES.get(event.kind, event.kind)), event.error, _short(event.payload))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def rows(self) -> list[tuple[str, ...]]:
        """What the table shows, row by row (for the agent's eyes and for tests)."""
        return [
            tuple(_text(self.table.item(r, c)) for c in range(self.table.columnCount()))
            for r in range(self.table.rowCount())
        ]


def _text(item: QTableWidgetItem | None) -> str:
    return item.text() if item is not None else ""


def _short(payload: dict[str, object], limit: int = 140) -> str:
    """The event's fields as `name: value`, long values cut, empty ones left out."""
    parts = []
    for name, value in payload.items():
        if value in (None, "", [], {}):
            continue
        text = value if isinstance(value, str) else json.dumps(value, default=str)
        parts.append(f"{name}: {text if len(text) <= 24 else text[:23] + '…'}")
    joined = ", ".join(parts)
    return joined if len(joined) <= limit else joined[: limit - 1] + "…"
