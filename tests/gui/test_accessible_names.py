"""Every control of the main window and the inbound pop-up has an accessible name (what a screen
reader says), not just a face: an icon, a digit or a changing state is no name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from softphone.events import IncomingCall
from tests.gui.helpers import publish_from_another_thread

CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


def nameless(top: QWidget) -> list[str]:
    found = []
    for control in top.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or control.accessibleName().strip():
            continue
        if _part_of_another_control(control):
            continue
        found.append(f"{type(control).__name__} {control.objectName()!r}")
    return found


def _part_of_another_control(widget: QWidget) -> bool:
    """Qt's own parts (a line edit's clear button, a combo box's list) are named through
    their owner."""
    owner = widget.parentWidget()
    while owner is not None:
        if isinstance(owner, QComboBox | QLineEdit | QAbstractItemView | QAbstractSpinBox):
            return True
        owner = owner.parentWidget()
    return False


def test_every_control_of_the_main_window_has_an_accessible_name(window) -> None:
    _, main = window
    assert "\n".join(nameless(main)) == ""


def test_every_control_of_the_pop_up_has_an_accessible_name(qtbot, window) -> None:
    session, main = window
    publish_from_another_thread(session, IncomingCall(call="c1", number="+8613800138000"))
    qtbot.waitUntil(lambda: "c1" in main.popups)
    assert nameless(main.popups["c1"]) == []


def test_every_control_of_the_shortcut_sheet_has_an_accessible_name(window) -> None:
    _, main = window
    assert nameless(main.show_shortcuts()) == []


def test_every_control_of_the_readiness_screen_has_an_accessible_name(window) -> None:
    from softphone.devices.readiness.report import ReadinessReport, failed, passed

    _, main = window
    dialog = main.readiness.open()  # its check starts: every row is there while it runs
    report = ReadinessReport(
        (passed("microphone", "hears you"), failed("nat", "no answer", "Ask IT about STUN."))
    )
    dialog.rows.show(report)
    dialog._asking(True)
    assert nameless(dialog) == []
    dialog.close()
