"""A second call while on a call: its pop-up offers "Answer and hold current", which puts the
call in hand on hold (the far end hears it: its audio turns remote-hold) and connects the new
one. Two pjsua2 far phones call agent1 through the lab's Kamailio."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.lab_fixtures import (  # noqa: F401 - fixtures
    far_end_factory,
    kamailio,
    lab_session,
    open_late,
    registered,
)


def ringing_popup(qtbot, main, not_call: str = ""):
    qtbot.waitUntil(lambda: any(c != not_call for c in main.popups), timeout=15000)
    return next(p for c, p in main.popups.items() if c != not_call)


@pytest.mark.integration
def test_answer_and_hold_current_holds_the_first_call_and_connects_the_second(
    qtbot,
    kamailio,  # noqa: F811
    registered,  # noqa: F811
    open_late,  # noqa: F811
    far_end_factory,  # noqa: F811
) -> None:
    main = open_late()
    agent1 = f"sip:agent1@{kamailio.server('udp')}"
    first = far_end_factory("agent2", "secret2", auto_answer="none")
    first.send("call", to=agent1)
    popup = ringing_popup(qtbot, main)
    assert not popup.answer_hold_button.isVisible()  # nothing to hold yet
    qtbot.mouseClick(popup.answer_button, Qt.MouseButton.LeftButton)
    first.expect("call_state", state="CONFIRMED", timeout=15)
    first_call = popup.call
    qtbot.waitUntil(lambda: main.calls.rows[first_call].state == "confirmed", timeout=10000)

    second = far_end_factory("agent3", "secret3", auto_answer="none")
    second.send("call", to=agent1)
    popup = ringing_popup(qtbot, main, not_call=first_call)
    hold_button = popup.answer_hold_button
    qtbot.waitUntil(hold_button.isVisible, timeout=5000)
    assert hold_button.text() == "Answer and &hold current"
    qtbot.mouseClick(hold_button, Qt.MouseButton.LeftButton)

    second.expect("call_state", state="CONFIRMED", timeout=15)
    first.expect("held", timeout=15)  # the far end's own view: its audio is on remote hold
    first.wait_media_status("remote_hold")
    rows = main.calls.rows
    qtbot.waitUntil(lambda: rows[first_call].state == "held", timeout=10000)
    qtbot.waitUntil(lambda: rows[popup.call].state == "confirmed", timeout=10000)
    assert "⚠" not in main.log.toPlainText()  # no command failed on the way

    second.send("hangup")
    first.send("hangup")
    qtbot.waitUntil(lambda: main.calls.count() == 0, timeout=15000)
