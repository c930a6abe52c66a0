"""The "do not call again" action: the customer asked not to be called. The dialog offers the
number of the current call, the last call and the dial line, asks what the customer said (a
reason is required: the blacklist keeps who, when and why), and the window then calls the
session's do-not-call path — the same one the headless `{"cmd":"do_not_call"}` uses.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)

COMMON_REASONS = (
    QT_TRANSLATE_NOOP("DoNotCallDialog", "customer asked not to be called again"),
    QT_TRANSLATE_NOOP("DoNotCallDialog", "customer asked to be removed from the list"),
    QT_TRANSLATE_NOOP("DoNotCallDialog", "wrong number: the person does not know us"),
)


class DoNotCallDialog(QDialog):
    def __init__(self, numbers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Do not call again"))
        self.number = QComboBox()
        self.number.setObjectName("dnc_number")
        self.number.setEditable(True)
        self.number.setAccessibleName(self.tr("Number not to call again"))
        self.number.addItems(list(dict.fromkeys(n for n in numbers if n)))  # unique, in order
        self.reason = QComboBox()
        self.reason.setObjectName("dnc_reason")
        self.reason.setEditable(True)
        self.reason.setAccessibleName(self.tr("Why: what the customer said"))
        self.reason.addItems(("", *(self.tr(str(reason)) for reason in COMMON_REASONS)))
        self.reason.setMinimumWidth(320)
        line = self.reason.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("What the customer said"))
        explain = QLabel(
            self.tr(
                "The number goes on the do-not-call list at once, for every agent, "
                "with your name, the time and this reason."
            )
        )
        explain.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm: QPushButton = self.buttons.addButton(
            self.tr("Do not call again"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.confirm.setObjectName("dnc_confirm")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.number.currentTextChanged.connect(self._check)
        self.reason.currentTextChanged.connect(self._check)
        form = QFormLayout(self)
        form.addRow(explain)
        form.addRow(self.tr("Number"), self.number)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.buttons)
        self._check()

    def _check(self) -> None:
        self.confirm.setEnabled(bool(self.chosen_number() and self.chosen_reason()))

    def chosen_number(self) -> str:
        return self.number.currentText().strip()

    def chosen_reason(self) -> str:
        return self.reason.currentText().strip()
