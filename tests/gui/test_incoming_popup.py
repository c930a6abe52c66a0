"""The inbound pop-up with the real core: a SIPp caller on a Chinese mobile through the lab's
Kamailio; who and where the caller is, their local time, and our history with the number."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale, Qt

from softphone.events import IncomingCall
from softphone.gui.incoming_popup import IncomingPopup
from tests.gui.helpers import publish_from_another_thread
from tests.gui.lab_fixtures import (  # noqa: F401 - fixtures
    kamailio,
    lab_session,
    open_late,
    registered,
    run_sipp_uac,
)

CALLER = "uac_cn_mobile_declined.xml"  # +86 138 0013 8000 calls agent1, expects 603 Decline


@contextmanager
def calling(start_uac) -> Iterator[None]:
    """The Chinese mobile calls agent1 for the block's duration; the agent must decline."""
    sipp = start_uac(CALLER, to_user="agent1")
    try:
        yield
    except BaseException:
        sipp.stop()  # the block's own failure is the one to read, not SIPp's wait
        raise
    assert sipp.wait(timeout=20) == 0


def the_popup(qtbot, main) -> IncomingPopup:
    qtbot.waitUntil(lambda: len(main.popups) == 1, timeout=15000)
    popup: IncomingPopup = next(iter(main.popups.values()))
    qtbot.waitUntil(lambda: popup.history is not None, timeout=10000)  # the lookup came back
    return popup


def shanghai_clock_now() -> set[str]:
    """The wall clock in Shanghai now and a minute on (the minute may turn meanwhile)."""
    now = datetime.now(ZoneInfo("Asia/Shanghai"))
    return {f"{now:%H:%M}", f"{now + timedelta(minutes=1):%H:%M}"}


@pytest.mark.integration
def test_a_chinese_mobile_caller_is_shown_with_provider_region_time_and_history(
    qtbot,
    registered,  # noqa: F811
    open_late,  # noqa: F811
    run_sipp_uac,  # noqa: F811
) -> None:
    main = open_late()
    with calling(run_sipp_uac):
        popup = the_popup(qtbot, main)
        ui = popup.ui
        assert popup.isVisible()
        assert popup.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        assert ui.caller.text() == "138 0013 8000"
        assert "+86 138 0013 8000" in ui.caller_details.text()
        assert ui.origin.text() == "China Mobile · Beijing, China"
        assert "(Asia/Shanghai, UTC+08:00)" in ui.local_time.text()
        assert ui.local_time.text().split()[2] in shanghai_clock_now()
        assert ui.history_title.text() == "No earlier calls with this number"
        assert not ui.history.isVisible()
        qtbot.mouseClick(popup.decline_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not main.popups, timeout=10000)  # the first call has ended
    caller = popup.caller
    assert caller is not None
    qtbot.waitUntil(lambda: registered.calls_with(caller).total == 1, timeout=10000)

    with calling(run_sipp_uac):
        again = the_popup(qtbot, main)
        assert again.ui.history_title.text() == "1 earlier call with this number"
        table = again.ui.history
        assert table.isVisible() and table.rowCount() == 1
        cells = [table.item(0, c).text() for c in range(table.columnCount())]
        assert cells[1] == "Lab Caller" and not table.isColumnHidden(1)  # the From's name
        assert cells[2] == "agent1@" + cells[2].split("@")[1]  # the agent who had it
        assert cells[3:5] == ["← in", "missed (603 Decline)"]
        qtbot.mouseClick(again.decline_button, Qt.MouseButton.LeftButton)


def test_provider_and_region_are_in_chinese_when_the_ui_is(qtbot, window) -> None:
    session, main = window
    QLocale.setDefault(QLocale("zh_CN"))
    try:
        publish_from_another_thread(
            session,
            IncomingCall(call="c1", from_uri="sip:+8613800138000@pbx", number="+8613800138000"),
        )
        popup = the_popup(qtbot, main)
    finally:
        QLocale.setDefault(QLocale("en_US"))
    assert popup.ui.origin.text() == "中国移动 · 北京市, 中国"
    popup.done(0)


def test_a_caller_on_the_do_not_call_list_is_flagged(qtbot, window) -> None:
    session, main = window
    session.do_not_call("+8613800138000", "said: never call me again")
    publish_from_another_thread(
        session, IncomingCall(call="c2", from_uri="sip:+8613800138000@pbx", number="+8613800138000")
    )
    popup = the_popup(qtbot, main)
    warning = popup.ui.do_not_call_warning
    assert warning.isVisible()
    assert warning.text().startswith("⚠ On the do-not-call list: ")
    assert "said: never call me again" in warning.text()
    popup.done(0)
