"""The record button against a real session: on demand (the center's policy), it records the
call, pauses and resumes, and greys out when the call ends; "never" refuses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from softphone.events import CallEnded, CallState
from softphone.gui.bridge import QtBridge
from softphone.gui.record_toggle import RecordToggle
from tests.gui.helpers import center_config, publish_from_another_thread

LEFT = Qt.MouseButton.LeftButton


def _toggle(qtbot, session) -> tuple[RecordToggle, QtBridge]:
    toggle = RecordToggle(session)
    qtbot.addWidget(toggle)
    bridge = QtBridge(session.bus, toggle)
    bridge.arrived.connect(toggle.on_event)
    return toggle, bridge


def test_record_pause_and_resume_on_demand(qtbot, open_window, profile_folder: Path) -> None:
    center_config(profile_folder, recording={"mode": "on_demand"})
    session, _ = open_window()
    toggle, bridge = _toggle(qtbot, session)
    assert not toggle.isEnabled(), "no call, nothing to record"
    publish_from_another_thread(
        session, CallState(call="c1", state="confirmed", direction="outbound", remote="sip:1@x")
    )
    qtbot.waitUntil(toggle.isEnabled, timeout=5000)
    assert not toggle.isChecked(), "on demand: not recorded before the agent asks"

    qtbot.mouseClick(toggle, LEFT)
    qtbot.waitUntil(toggle.isChecked, timeout=10000)
    assert toggle.property("recording") == "recording"
    qtbot.mouseClick(toggle, LEFT)
    qtbot.waitUntil(lambda: toggle.property("recording") == "paused", timeout=10000)
    assert not toggle.isChecked()
    qtbot.mouseClick(toggle, LEFT)
    qtbot.waitUntil(lambda: toggle.property("recording") == "recording", timeout=10000)

    publish_from_another_thread(session, CallEnded(call="c1", reason="Normal", code=200))
    qtbot.waitUntil(lambda: not toggle.isEnabled(), timeout=10000)
    bridge.close()


def test_never_shows_no_button_and_refuses(qtbot, open_window, profile_folder: Path) -> None:
    center_config(profile_folder, recording={"mode": "never"})
    session, _ = open_window()
    toggle, bridge = _toggle(qtbot, session)
    publish_from_another_thread(
        session, CallState(call="c1", state="confirmed", direction="outbound", remote="sip:1@x")
    )
    qtbot.wait(1500)  # the recorder has looked at the policy by now
    assert not toggle.isEnabled() and not toggle.isVisibleTo(toggle.parentWidget() or toggle)
    request = session.record(True, "c1")  # asked anyway (the headless `record` command)
    qtbot.waitUntil(request.done, timeout=5000)
    assert "never" in str(request.exception())
    assert not toggle.isChecked()
    publish_from_another_thread(session, CallEnded(call="c1", reason="Normal", code=200))
    bridge.close()
