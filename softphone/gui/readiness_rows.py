"""The readiness screen's results: one row per check — what was checked, its verdict (pass, warn,
fail, not checked, checking…) and, below what it found, what to do about it in plain words.

Rows are made in a fixed order a person reads (devices, then the network) as the checks start,
so the screen does not jump about; a check the core adds later gets a row of its own at the end.
The verdict label carries a `tone` property the theme colours (theme.qss), never a colour here.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from softphone.agent.readiness import ReadinessReport
from softphone.gui.readiness_texts import fix_text, found_text
from softphone.gui.theme import set_tone

CONTEXT = "ReadinessRows"
TITLES = {
    "microphone": QT_TRANSLATE_NOOP("ReadinessRows", "Microphone"),
    "speaker": QT_TRANSLATE_NOOP("ReadinessRows", "Speaker"),
    "ring": QT_TRANSLATE_NOOP("ReadinessRows", "Ring device"),
    "camera": QT_TRANSLATE_NOOP("ReadinessRows", "Camera"),
    "sip_udp": QT_TRANSLATE_NOOP("ReadinessRows", "SIP server (UDP)"),
    "sip_tcp": QT_TRANSLATE_NOOP("ReadinessRows", "SIP server (TCP)"),
    "sip_tls": QT_TRANSLATE_NOOP("ReadinessRows", "SIP server (TLS)"),
    "call_quality": QT_TRANSLATE_NOOP("ReadinessRows", "Call quality (test packets, MOS)"),
    "nat": QT_TRANSLATE_NOOP("ReadinessRows", "STUN (your public address)"),
    "central": QT_TRANSLATE_NOOP("ReadinessRows", "Contact center service"),
    "registration": QT_TRANSLATE_NOOP("ReadinessRows", "Registration"),
    "sip_strangers": QT_TRANSLATE_NOOP("ReadinessRows", "Unknown SIP senders"),
}
VERDICTS = {
    "pass": QT_TRANSLATE_NOOP("ReadinessRows", "Pass"),
    "warn": QT_TRANSLATE_NOOP("ReadinessRows", "Warning"),
    "fail": QT_TRANSLATE_NOOP("ReadinessRows", "Fail"),
    "skip": QT_TRANSLATE_NOOP("ReadinessRows", "Not checked"),
    "running": QT_TRANSLATE_NOOP("ReadinessRows", "Checking…"),
    "waiting": QT_TRANSLATE_NOOP("ReadinessRows", "Waiting"),
}
# The rows shown before any result: the devices, then the network as one row until its
# checks report (they run meanwhile, on their own thread).
FIRST_ROWS = ("microphone", "speaker", "camera", "network")
NETWORK = QT_TRANSLATE_NOOP("ReadinessRows", "Network")
LAST_ROW = 64  # below any check's row


def tr(text: object) -> str:
    return QCoreApplication.translate("ReadinessRows", str(text))


def title_of(name: str) -> str:
    if name == "network":
        return tr(NETWORK)
    return tr(TITLES[name]) if name in TITLES else name.replace("_", " ").capitalize()


@dataclass
class Row:
    title: QLabel
    verdict: QLabel
    text: QLabel


class CheckRows:
    """The results grid (the form's `checksLayout`): rows made on demand, shown by name."""

    def __init__(self, grid: QGridLayout, parent: QWidget) -> None:
        self.grid = grid
        grid.setColumnStretch(2, 1)  # what was found takes the width
        grid.setRowStretch(LAST_ROW, 1)  # rows stay together at the top, spare room below
        self.parent = parent
        self.rows: dict[str, Row] = {}

    def reset(self, names: tuple[str, ...] = FIRST_ROWS) -> None:
        """Start over: the first rows, waiting; the rows of the last result go."""
        for row in self.rows.values():
            for label in (row.title, row.verdict, row.text):
                self.grid.removeWidget(label)
                label.hide()  # at once: deleteLater waits for the event loop
                label.deleteLater()
        self.rows.clear()
        for name in names:
            self.set(name, "waiting", "")

    def set(self, name: str, status: str, text: str) -> None:
        row = self.rows.get(name) or self._add(name)
        shown = tr(VERDICTS.get(status, status))
        row.verdict.setText(shown)
        row.verdict.setAccessibleName(
            tr("{check}: {verdict}").format(check=title_of(name), verdict=shown)
        )
        set_tone(row.verdict, "tone", status)
        row.text.setText(text)
        row.text.setAccessibleName(
            tr("{check}: what was found").format(check=title_of(name)) if text else title_of(name)
        )

    def show(self, report: ReadinessReport) -> None:
        """Every check of a report, in its order, with the fix under what it found."""
        names = tuple(c.name for c in report.checks)
        self.reset(names)
        for check in report.checks:
            text = found_text(check)
            if check.fix:
                text += "\n" + tr("What to do: {fix}").format(fix=fix_text(check))
            self.set(check.name, check.status, text)

    def verdict(self, name: str) -> str:
        row = self.rows.get(name)
        return "" if row is None else str(row.verdict.property("tone"))

    def _add(self, name: str) -> Row:
        line = len(self.rows)
        title = QLabel(title_of(name), self.parent)
        title.setObjectName("check_title")
        title.setAccessibleName(title_of(name))
        verdict = QLabel(self.parent)
        verdict.setObjectName("check_verdict")
        text = QLabel(self.parent)
        text.setObjectName("check_text")
        text.setWordWrap(True)
        self.grid.addWidget(title, line, 0)
        self.grid.addWidget(verdict, line, 1, Qt.AlignmentFlag.AlignVCenter)  # a badge, not a bar
        self.grid.addWidget(text, line, 2)
        row = Row(title, verdict, text)
        self.rows[name] = row
        return row
