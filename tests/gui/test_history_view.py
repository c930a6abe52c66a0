"""The History tab with the real core: a SIPp caller through the lab's Kamailio is listed once
the call ends, the filter narrows the list, and calling the number back goes through the gate
(a blacklisted number is not dialled, and the reason is shown beside the list)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from softphone.events import CallEnded, CallState
from softphone.gui.click_to_dial import ClickToDial
from softphone.gui.history_view import HistoryView
from tests.gui.helpers import CALLEE, publish_from_another_thread
from tests.gui.lab_fixtures import (  # noqa: F401 - fixtures
    kamailio,
    lab_session,
    open_late,
    registered,
    run_sipp_uac,
)
from tests.gui.test_incoming_popup import calling, the_popup


def visible_rows(history: HistoryView) -> list[list[str]]:
    table = history.ui.calls
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
        if not table.isRowHidden(row)
    ]


@pytest.mark.integration
def test_a_declined_caller_is_listed_and_calling_back_a_blacklisted_number_is_blocked(
    qtbot,
    registered,  # noqa: F811
    open_late,  # noqa: F811
    run_sipp_uac,  # noqa: F811
) -> None:
    main = open_late()
    with calling(run_sipp_uac):
        popup = the_popup(qtbot, main)
        caller = popup.caller
        qtbot.mouseClick(popup.decline_button, Qt.MouseButton.LeftButton)
    assert caller is not None
    qtbot.waitUntil(lambda: registered.calls_with(caller).total == 1, timeout=10000)

    main.ui.tabs.setCurrentWidget(main.ui.history_tab)  # opening the tab reads the journal
    history = main.history
    qtbot.waitUntil(lambda: len(visible_rows(history)) == 1, timeout=10000)
    caller, result, mos, disposition = visible_rows(history)[0][1:]
    # The caller's From display name, kept in the journal, over the number.
    assert (caller, result) == ("← Lab Caller\n+86 138 0013 8000", "missed (603 Decline)")
    assert (mos, disposition) == ("—", "")  # no audio, no wrap-up remark
    assert history.ui.shown.text() == "1 of 1 calls"

    history.ui.direction.setCurrentIndex(2)  # outbound only: the inbound call is hidden
    assert visible_rows(history) == [] and history.ui.shown.text() == "0 of 1 calls"
    history.ui.direction.setCurrentIndex(0)
    qtbot.keyClicks(history.ui.filter, "13800138")  # digits typed without the spaces
    assert len(visible_rows(history)) == 1
    history.ui.filter.setText("talked")  # no connected call
    assert visible_rows(history) == []
    history.ui.filter.clear()

    registered.do_not_call("+86 138 0013 8000", "asked us never to call again")
    assert not history.ui.call_again.isEnabled()  # nothing selected yet
    history.ui.calls.selectRow(0)
    assert history.ui.call_again.text() == "Call back"
    qtbot.mouseClick(history.ui.call_again, Qt.MouseButton.LeftButton)
    note = history.ui.note
    qtbot.waitUntil(lambda: note.isVisible(), timeout=10000)
    assert "do-not-call list" in note.text() and "asked us never to call again" in note.text()
    assert note.text().startswith("Not dialled")
    assert note.property("tone") == "bad"
    assert not main.calls.rows  # nothing was dialled
    assert main.ui.tabs.currentWidget() is main.ui.history_tab


def test_the_open_history_lists_a_call_as_it_ends_and_redial_names_the_way(qtbot, window) -> None:
    session, main = window
    main.ui.tabs.setCurrentWidget(main.ui.history_tab)
    history = main.history
    qtbot.waitUntil(lambda: history.ui.shown.text() == "0 of 0 calls")
    for state in ("calling", "confirmed"):  # an outbound call to +49 30 12345678
        publish_from_another_thread(
            session, CallState(call="c1", state=state, direction="outbound", remote=CALLEE)
        )
    qtbot.waitUntil(lambda: main.calls.count() == 1)
    assert main.ui.tabs.currentWidget() is main.ui.phone_tab  # a new call brings its card
    reads = history.reads
    main.ui.tabs.setCurrentWidget(main.ui.history_tab)  # the agent looks something up
    qtbot.waitUntil(lambda: history.reads > reads)  # read while the call goes on
    assert visible_rows(history) == []  # a call is journaled as it ends
    publish_from_another_thread(
        session,
        CallEnded(call="c1", code=200, reason="Normal", direction="outbound", remote=CALLEE),
    )
    qtbot.waitUntil(lambda: len(visible_rows(history)) == 1, timeout=10000)  # no reopening
    assert visible_rows(history)[0][1:3] == ["→ +49 30 12345678", "talked 0:00"]  # no name
    history.ui.calls.selectRow(0)
    assert history.ui.call_again.text() == "Redial"


def test_a_clicked_tel_link_brings_the_phone_tab_forward(qtbot, window) -> None:
    _, main = window
    main.ui.tabs.setCurrentWidget(main.ui.history_tab)
    ClickToDial(main).take(["tel:+49-30-7654321"])  # as a second start hands it over
    assert main.ui.tabs.currentWidget() is main.ui.phone_tab
    assert main.number.text() == "+49-30-7654321" and main.number.isVisible()
