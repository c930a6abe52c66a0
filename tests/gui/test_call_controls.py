"""The call controls follow the call: nothing to hang up, hold or mute without one; Hold and
Mute are one toggle each showing the call's state; calls are listed as people write numbers.
The real call goes through the lab's Kamailio to a second pjsua2 phone (the far end)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from softphone.events import CallState
from tests.gui.helpers import CALLEE, a_call_that_ends, publish_from_another_thread
from tests.gui.lab_fixtures import (  # noqa: F401 - fixtures
    far_end_factory,
    kamailio,
    lab_session,
    open_late,
    registered,
)


def controls(main) -> dict[str, bool]:
    ui = main.card.ui
    return {b.objectName(): b.isEnabled() for b in (ui.hang_up, ui.hold, ui.mute, ui.transfer)}


def test_no_call_controls_in_wrap_up_without_a_call(qtbot, window) -> None:
    session, main = window
    assert not any(controls(main).values())  # idle
    publish_from_another_thread(
        session, CallState(call="c1", state="calling", direction="outbound", remote=CALLEE)
    )
    qtbot.waitUntil(lambda: main.calls.count() == 1)
    assert controls(main) == {"hang_up": True, "hold": False, "mute": False, "transfer": False}
    assert main.calls.item(0).text() == "→ +49 30 12345678   calling…"  # not the SIP URI
    a_call_that_ends(session, "c1")
    qtbot.waitUntil(lambda: main.calls.count() == 0)
    qtbot.waitUntil(lambda: main.wrap_up.isVisible())  # the agent wraps up: no call in hand
    assert not any(controls(main).values())


@pytest.mark.integration
def test_hold_and_mute_are_toggles_that_show_the_calls_state(
    qtbot,
    registered,  # noqa: F811
    open_late,  # noqa: F811
    far_end_factory,  # noqa: F811
) -> None:
    far = far_end_factory("agent2", "secret2", auto_answer="200")
    main = open_late()
    hold, mute = main.card.ui.hold, main.card.ui.mute
    main.number.setText("agent2")
    qtbot.waitUntil(lambda: main.ui.call_button.isEnabled() and main.ui.verdict.isVisible())
    qtbot.mouseClick(main.ui.call_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: main.calls.count() == 1 and "connected" in main.calls.item(0).text(), timeout=15000
    )
    assert all(controls(main).values())
    assert (hold.isChecked(), hold.text(), mute.isChecked()) == (False, "Hold", False)

    qtbot.mouseClick(hold, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hold.isChecked() and hold.text() == "On hold — Resume", timeout=10000)
    far.wait_media_status("remote_hold")
    assert "on hold" in main.calls.item(0).text()
    qtbot.mouseClick(hold, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not hold.isChecked() and hold.text() == "Hold", timeout=10000)
    far.wait_media_status("active")

    qtbot.mouseClick(mute, Qt.MouseButton.LeftButton)
    assert mute.isChecked() and mute.accessibleName() == "Muted — Unmute"
    assert "muted" in main.calls.item(0).text()
    qtbot.mouseClick(mute, Qt.MouseButton.LeftButton)
    assert not mute.isChecked()

    qtbot.mouseClick(main.card.ui.hang_up, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.calls.count() == 0, timeout=10000)
    assert not any(controls(main).values())
    assert "⚠" not in main.log.toPlainText()  # no command failed on the way
