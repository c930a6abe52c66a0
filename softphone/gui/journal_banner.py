"""The banner that says the journal cannot be saved (disk full, I/O error), across the top of the
window until the journal takes writes again.

Calls go on meanwhile and what was saved stays saved; what is new waits in memory and is written
once there is room, so the agent is asked to free disk space (or call IT) — not to stop working.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from softphone.events import Event, JournalRecovered, JournalTrouble


class JournalBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journal_banner")
        self.setAccessibleName(self.tr("Journal not saved"))
        self.setWordWrap(True)
        self.hide()

    def on_event(self, event: Event) -> None:
        if isinstance(event, JournalTrouble):
            self.setText(
                self.tr(
                    "⚠ Calls and status changes cannot be saved: the disk is full or failing. "
                    "Calls go on; new records wait in memory and are saved once there is room. "
                    "Free disk space or call IT."
                )
            )
            self.setToolTip(self.tr("{path}: {error}").format(path=event.path, error=event.message))
            self.show()
        elif isinstance(event, JournalRecovered):
            self.hide()
