"""A damaged journal at start: the agent is told the file is kept for recovery and chooses between
starting a fresh journal and quitting. Nothing is moved or created without that say-so (issue 5:
"starts a fresh one only with the agent's say-so").
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from softphone.journal.store import JournalCorrupt, set_aside

FRESH = QT_TRANSLATE_NOOP("JournalRecoveryDialog", "Start a fresh journal")
QUIT = QT_TRANSLATE_NOOP("JournalRecoveryDialog", "Quit")


def tr(text: object) -> str:
    return QCoreApplication.translate("JournalRecoveryDialog", str(text))


class JournalRecoveryDialog(QMessageBox):
    def __init__(self, error: JournalCorrupt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journal_recovery")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(tr("Agent Softphone — damaged journal"))
        self.setText(
            tr("Your local journal (calls, statuses, events waiting for the center) is damaged.")
        )
        self.setInformativeText(
            tr(
                "The file is kept at\n{path}\nfor recovery; nothing in it has been changed.\n\n"
                "“Start a fresh journal” moves it aside under a dated name (it stays on this "
                "computer for IT) and starts an empty one. Events that were waiting in it are "
                "not sent until IT recovers them."
            ).format(path=error.path)
        )
        self.setDetailedText(str(error))
        self.fresh = self.addButton(tr(FRESH), QMessageBox.ButtonRole.AcceptRole)
        self.fresh.setObjectName("journal_fresh")
        self.quit = self.addButton(tr(QUIT), QMessageBox.ButtonRole.RejectRole)
        self.quit.setObjectName("journal_quit")
        self.setDefaultButton(self.quit)  # Enter must not throw the old file aside
        self.setEscapeButton(self.quit)

    def start_fresh_chosen(self) -> bool:
        return self.clickedButton() is self.fresh


def ask_start_fresh(error: JournalCorrupt, parent: QWidget | None = None) -> Path | None:
    """Ask the agent; on "Start a fresh journal" set the damaged file aside and return where it
    is kept now. None when the agent chose to quit."""
    dialog = JournalRecoveryDialog(error, parent)
    dialog.exec()
    if not dialog.start_fresh_chosen():
        return None
    return set_aside(error.path)
