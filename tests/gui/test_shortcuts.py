"""Keyboard shortcuts: each is listed in Help › Keyboard shortcuts and in its control's tooltip,
and each key does what its control does (with the real session: a command for a call the engine
does not have comes back as an error, which shows the command was given)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from softphone.events import CallEnded, CallState, IncomingCall
from softphone.gui.shortcuts import SHORTCUTS, keys_of
from tests.gui.helpers import CALLEE, publish_from_another_thread


def press(qtbot, widget, name: str) -> None:
    """The shortcut's keys, typed into `widget`."""
    combo = QKeySequence(next(s.keys for s in SHORTCUTS if s.name == name))[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def activate(qtbot, main) -> None:
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)


def test_every_shortcut_is_in_the_help_sheet_and_in_its_controls_tooltip(qtbot, window) -> None:
    _, main = window
    main.shortcut_sheet_action.trigger()  # Help › Keyboard shortcuts
    qtbot.waitUntil(lambda: len(_sheets(main)) == 1)
    listed = _sheets(main)[0].listed()
    assert listed == {s.shown_keys(): s.described() for s in SHORTCUTS}
    assert len(listed) == 9 and "Ctrl+Shift+E" in listed and "F1" in listed
    assert "F1" in main.shortcut_sheet_action.text()  # the menu names the key
    ui = main.card.ui
    for control, name in (
        (ui.hang_up, "hang_up"),
        (ui.hold, "hold"),
        (ui.mute, "mute"),
        (ui.transfer, "transfer"),
        (main.number, "focus_number"),
        (main.status_panel.choice, "status_menu"),
    ):
        assert f"({keys_of(name)})" in control.toolTip(), name


def test_f1_opens_the_sheet(qtbot, window) -> None:
    _, main = window
    press(qtbot, main, "shortcut_sheet")
    qtbot.waitUntil(lambda: len(_sheets(main)) == 1)


def _sheets(main) -> list:
    return [w for w in main.children() if type(w).__name__ == "ShortcutSheet" and w.isVisible()]


def test_the_call_keys_answer_decline_and_control_the_call(qtbot, window) -> None:
    session, main = window
    log = main.log.toPlainText
    publish_from_another_thread(session, IncomingCall(call="c5", number="1001"))
    qtbot.waitUntil(lambda: "c5" in main.popups)
    press(qtbot, main, "answer")  # typed in the main window: the pop-up's call is answered
    qtbot.waitUntil(lambda: "no call c5" in log())
    publish_from_another_thread(session, IncomingCall(call="c6", number="1002"))
    qtbot.waitUntil(lambda: "c6" in main.popups and main.popups["c6"].isVisible())
    press(qtbot, main.popups["c6"], "decline")  # typed in the pop-up
    qtbot.waitUntil(lambda: "no call c6" in log())
    assert not main.popups["c6"].isVisible()
    for call in ("c5", "c6"):  # the callers give up
        publish_from_another_thread(session, CallEnded(call=call, code=487, remote=CALLEE))
    qtbot.waitUntil(lambda: not main.popups)
    activate(qtbot, main)  # the agent is back in the window (the pop-up had the keyboard)

    publish_from_another_thread(
        session, CallState(call="c1", state="confirmed", direction="outbound", remote=CALLEE)
    )
    qtbot.waitUntil(lambda: main.card.ui.mute.isEnabled())
    press(qtbot, main, "mute")
    assert main.card.ui.mute.isChecked() and main.card.ui.mute.text() == "Muted — Unmute"
    press(qtbot, main, "mute")
    assert not main.card.ui.mute.isChecked()
    press(qtbot, main, "hold")  # the engine has no call c1: the hold comes back refused
    qtbot.waitUntil(lambda: "Hold: " in log())
    asked = []

    def answer_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        asked.append(dialog.windowTitle() if dialog else "")
        if dialog:
            dialog.close()

    QTimer.singleShot(300, answer_the_dialog)
    press(qtbot, main, "transfer")
    qtbot.waitUntil(lambda: asked == ["Transfer"])
    activate(qtbot, main)  # the dialog had the keyboard
    press(qtbot, main, "hang_up")
    qtbot.waitUntil(lambda: "Hang up: " in log())


def test_keys_to_the_number_field_and_the_status_menu(qtbot, window) -> None:
    _, main = window
    activate(qtbot, main)
    main.ui.tabs.setCurrentWidget(main.ui.history_tab)
    main.history.ui.filter.setFocus()
    press(qtbot, main.history.ui.filter, "focus_number")
    assert main.ui.tabs.currentWidget() is main.ui.phone_tab
    qtbot.waitUntil(main.number.hasFocus)
    press(qtbot, main.number, "status_menu")
    choice = main.status_panel.choice
    qtbot.waitUntil(lambda: choice.view().isVisible())  # the menu is open
    choice.hidePopup()
