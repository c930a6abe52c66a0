"""Help › Keyboard shortcuts: the sheet listing every shortcut of the window (ui/shortcut_sheet.ui),
from the one table in shortcuts.py, so the sheet and the keys never disagree."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTableWidgetItem, QWidget

from softphone.gui.forms.ui_shortcut_sheet import Ui_ShortcutSheet
from softphone.gui.shortcuts import active


class ShortcutSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ShortcutSheet()
        self.ui.setupUi(self)
        self.ui.buttons.rejected.connect(self.reject)
        for button in self.ui.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        table = self.ui.table
        shortcuts = [shortcut for shortcut in active() if shortcut.keys]
        table.setRowCount(len(shortcuts))
        for row, shortcut in enumerate(shortcuts):
            table.setItem(row, 0, QTableWidgetItem(shortcut.shown_keys()))
            table.setItem(row, 1, QTableWidgetItem(shortcut.described()))
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        header = table.horizontalHeader()
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setMinimumHeight(header.sizeHint().height() + rows + 2 * table.frameWidth())
        table.setMinimumWidth(380)

    def listed(self) -> dict[str, str]:
        """What the sheet says: keys → what they do."""
        table = self.ui.table
        cells = [(table.item(r, 0), table.item(r, 1)) for r in range(table.rowCount())]
        return {keys.text(): what.text() for keys, what in cells if keys and what}
