"""The status selector and wrap-up as the agent sees them: a real session, its state machine and
its journal; calls are the core's own events, published as the SIP thread would."""

from __future__ import annotations

from PySide6.QtCore import Qt

from softphone.events import CallEnded, CallState
from softphone.protocol import AgentConfig, AgentStatus, WrapUpConfig
from tests.gui.helpers import (
    CALLEE,
    a_call_that_ends,
    center_config,
    pick,
    publish_from_another_thread,
)


def test_the_agent_sees_the_status_and_how_long_and_the_default_reasons(qtbot, window) -> None:
    _, main = window
    current = main.status_panel.current
    assert current.text().startswith("Offline  ·  0:0")
    first = current.text()
    qtbot.waitUntil(lambda: current.text() != first, timeout=2500)  # the clock ticks
    assert main.status_panel.choices() == [
        "Available",
        "Break — lunch",
        "Break — short break",
        "Break — training",
        "Break — meeting",
        "Not ready — after call work",
        "Not ready — training",
        "Not ready — meeting",
        "Not ready — technical problem",
        "Offline",
    ]


def test_picking_a_break_moves_the_agent_and_restarts_the_clock(qtbot, window) -> None:
    session, main = window
    pick(main, "Break — lunch")
    assert main.status_panel.current.text().startswith("Break — lunch  ·  0:00")
    assert session.agent_state.status is AgentStatus.BREAK
    assert session.agent_state.reason == "lunch"
    assert main.status_panel.choice.currentText() == "Break — lunch"
    assert not main.status_panel.refusal.isVisible()


def test_the_centers_reason_codes_replace_the_defaults(profile_folder, open_window) -> None:
    center_config(profile_folder, reason_codes={"break": ["prayer", "lunch"]})
    _, main = open_window()
    offered = main.status_panel.choices()
    assert "Break — prayer" in offered
    assert "Break — short break" not in offered
    assert "Not ready — training" in offered  # not_ready keeps its defaults


def test_a_config_pulled_while_running_changes_the_choices(qtbot, window) -> None:
    session, main = window
    session.desk.status.apply_config(  # what the sync worker does with a new config
        AgentConfig(version="v2", reason_codes={"not_ready": ["coaching"]})
    )
    qtbot.waitUntil(lambda: "Not ready — coaching" in main.status_panel.choices(), timeout=2500)
    assert "Not ready — training" not in main.status_panel.choices()


def test_a_refused_move_is_explained_and_the_status_stays(qtbot, window) -> None:
    session, main = window
    pick(main, "Available")
    for state in ("calling", "confirmed"):
        publish_from_another_thread(
            session, CallState(call="c1", state=state, direction="outbound", remote=CALLEE)
        )
    qtbot.waitUntil(lambda: main.status_panel.current.text().startswith("On a call"))
    assert main.status_panel.choice.currentIndex() == -1
    assert main.status_panel.choice.placeholderText() == "On a call"
    pick(main, "Break — lunch")
    refusal = main.status_panel.refusal
    assert refusal.isVisible()
    assert refusal.text() == "Cannot go Break — lunch: the agent is on a call: hang up first"
    assert session.agent_state.status is AgentStatus.ON_CALL
    assert main.status_panel.choice.currentIndex() == -1  # the list does not pretend it moved
    assert "hang up first" in main.log.toPlainText()
    publish_from_another_thread(
        session, CallEnded(call="c1", code=200, direction="outbound", remote=CALLEE)
    )
    qtbot.waitUntil(lambda: main.status_panel.current.text().startswith("Wrap-up"))
    assert not refusal.isVisible()  # about the call that is over: it goes with it


def test_cellphone_pickup_is_a_toggle_the_core_keeps(qtbot, window) -> None:
    session, main = window
    main.status_panel.cellphone.click()
    assert session.agent_state.cellphone_pickup is True
    main.status_panel.cellphone.click()
    assert session.agent_state.cellphone_pickup is False
    session.set_cellphone_pickup(True)  # the headless command's path: the box follows
    qtbot.waitUntil(main.status_panel.cellphone.isChecked)


def test_optional_wrap_up_takes_remarks_and_a_quick_remark(qtbot, profile_folder, open_window):
    center_config(
        profile_folder,
        wrap_up=WrapUpConfig(mode="optional", seconds=0),
        quick_remarks=["sale", "call back later", "not interested"],
    )
    session, main = open_window()
    pick(main, "Available")
    a_call_that_ends(session)
    panel = main.wrap_up
    qtbot.waitUntil(panel.isVisible)
    assert main.status_panel.current.text().startswith("Wrap-up")
    assert panel.countdown.text() == (
        "After the call with +493012345678 — no time limit: press Done when you are finished"
    )
    assert [panel.disposition.itemText(i) for i in range(panel.disposition.count())] == [
        "",
        "sale",
        "call back later",
        "not interested",
    ]
    assert panel.done_button.isEnabled()
    qtbot.keyClicks(panel.remarks, "wants the yearly plan")
    panel.disposition.setCurrentText("sale")
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.isVisible())
    assert session.agent_state.status is AgentStatus.AVAILABLE
    assert session.desk.executor.settle()  # the journal executor has made the writes
    rows = session.desk.journal.query("SELECT remarks, disposition FROM call_records")
    assert [tuple(r) for r in rows] == [("wants the yearly plan", "sale")]


def test_mandatory_wrap_up_counts_down_with_done_disabled_then_ends(
    qtbot, profile_folder, open_window
) -> None:
    center_config(profile_folder, wrap_up=WrapUpConfig(mode="timed_mandatory", seconds=3))
    session, main = open_window()
    pick(main, "Available")
    a_call_that_ends(session)
    panel = main.wrap_up
    qtbot.waitUntil(panel.isVisible)
    assert panel.countdown.text().startswith("After the call with +493012345678: <b>0:0")
    assert panel.countdown.text().endswith("left — mandatory: then you are Available again")
    assert not panel.done_button.isEnabled()
    pick(main, "Break — lunch")  # no way out early through the status list either
    assert "wrap-up is mandatory for" in main.status_panel.refusal.text()
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=6000)  # the deadline ends it
    assert main.status_panel.current.text().startswith("Available")
    assert session.agent_state.status is AgentStatus.AVAILABLE


def test_timed_wrap_up_may_be_ended_early_with_done(qtbot, profile_folder, open_window) -> None:
    center_config(profile_folder, wrap_up=WrapUpConfig(mode="timed", seconds=60))
    session, main = open_window()
    pick(main, "Available")
    a_call_that_ends(session)
    panel = main.wrap_up
    qtbot.waitUntil(panel.isVisible)
    assert "<b>0:59</b> left" in panel.countdown.text() or "<b>1:00</b>" in panel.countdown.text()
    assert panel.countdown.text().endswith("press Done to finish earlier")
    assert panel.done_button.isEnabled()
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.isVisible())
    assert session.agent_state.status is AgentStatus.AVAILABLE
