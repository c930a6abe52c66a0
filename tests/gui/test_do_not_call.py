""" "Do not call again" from the window: the dialog, the session's do-not-call path (the one the
headless command uses), the confirmation, and the real compliance gate blocking the next dial."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton

from softphone.events import CallEnded, CallState
from softphone.gui.do_not_call import DoNotCallDialog
from tests.gui.helpers import publish_from_another_thread

CALLEE = "sip:+493012345678@pbx.example"


def when_dialog_shows(qtbot, act: Callable[[DoNotCallDialog], None]) -> list[list[str]]:
    """Run `act` on the do-not-call dialog once it is open (it is modal); returns what the
    number list offered, for the test to check."""
    seen: list[list[str]] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, DoNotCallDialog):
            QTimer.singleShot(20, poll)
            return
        seen.append([dialog.number.itemText(i) for i in range(dialog.number.count())])
        act(dialog)

    QTimer.singleShot(0, poll)
    return seen


def give_reason_and_confirm(reason: str) -> Callable[[DoNotCallDialog], None]:
    def act(dialog: DoNotCallDialog) -> None:
        dialog.findChild(QComboBox, "dnc_reason").setCurrentText(reason)
        dialog.findChild(QPushButton, "dnc_confirm").click()

    return act


def test_the_last_caller_goes_on_the_list_and_cannot_be_dialled(qtbot, window) -> None:
    session, main = window
    for state in ("calling", "confirmed"):
        publish_from_another_thread(
            session, CallState(call="c1", state=state, direction="outbound", remote=CALLEE)
        )
    publish_from_another_thread(
        session, CallEnded(call="c1", code=200, direction="outbound", remote=CALLEE)
    )
    qtbot.waitUntil(lambda: main.last_number == CALLEE)
    offered = when_dialog_shows(qtbot, give_reason_and_confirm("said: never call me again"))
    main.findChild(QPushButton, "do_not_call").click()
    assert offered == [["+493012345678"]]
    qtbot.waitUntil(lambda: "do-not-call list" in main.log.toPlainText())
    assert (
        "✓ +493012345678 is on the do-not-call list: it will not be called again"
        " (said: never call me again)" in main.log.toPlainText()
    )
    main.number.setText("+49 30 12345678")
    qtbot.keyClick(main.number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Not dialled +49 30 12345678" in main.log.toPlainText())


def test_the_current_call_comes_first_then_the_dial_line(qtbot, window) -> None:
    session, main = window
    main.last_number = "sip:+33142685300@pbx.example"
    main.number.setText("+44 20 7946 0000")
    publish_from_another_thread(
        session, CallState(call="c2", state="confirmed", direction="inbound", remote=CALLEE)
    )
    qtbot.waitUntil(lambda: main.calls.count() == 1)
    assert main.do_not_call_candidates() == [
        "+493012345678",
        "+33142685300",
        "+44 20 7946 0000",
    ]


def test_no_reason_no_confirm_and_cancel_changes_nothing(qtbot, window) -> None:
    _, main = window
    main.number.setText("+493012345678")

    def look_then_cancel(dialog: DoNotCallDialog) -> None:
        assert not dialog.confirm.isEnabled()  # a reason is required
        dialog.reason.setCurrentText("customer asked not to be called again")
        assert dialog.confirm.isEnabled()
        dialog.number.setCurrentText("")
        assert not dialog.confirm.isEnabled()  # and a number
        dialog.reject()

    when_dialog_shows(qtbot, look_then_cancel)
    main.do_not_call()
    qtbot.keyClick(main.number, Qt.Key.Key_Return)  # still allowed by the gate's list
    qtbot.waitUntil(lambda: main.log.toPlainText() != "")
    assert "do-not-call list" not in main.log.toPlainText()
    assert "on the blacklist" not in main.log.toPlainText()


def test_not_a_phone_number_is_said_clearly(qtbot, window) -> None:
    _, main = window
    main.mark_do_not_call("alice", "customer asked not to be called again")
    assert "alice is NOT on the do-not-call list:" in main.log.toPlainText()
