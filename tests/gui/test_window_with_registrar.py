"""The window against the real core and a real registrar (the lab's Kamailio): what it shows
when it opens late, after the session has registered and while a call rings."""

from __future__ import annotations

import pytest

from softphone.events import IncomingCall
from tests.gui.lab_fixtures import (  # noqa: F401 - fixtures
    kamailio,
    lab_session,
    open_late,
    registered,
    run_sipp_uac,
)

pytestmark = pytest.mark.integration


def test_a_window_opened_after_registration_shows_registered(qtbot, registered, open_late) -> None:  # noqa: F811
    main = open_late()
    qtbot.waitUntil(lambda: main.registration.text().startswith("Registered as agent1"))
    assert main.registration.property("tone") == "ok"


def test_a_window_opened_while_a_call_rings_pops_it_up(
    qtbot,
    lab_session,  # noqa: F811
    registered,  # noqa: F811
    open_late,  # noqa: F811
    run_sipp_uac,  # noqa: F811
) -> None:
    _, events = lab_session
    uac = run_sipp_uac("uac_call_cancel.xml", to_user="agent1")
    qtbot.waitUntil(lambda: any(isinstance(e, IncomingCall) for e in events), timeout=15000)
    try:
        main = open_late()
        assert len(main.popups) == 1
        assert main.calls.count() == 1
    finally:  # the caller gives up by itself: no call is left ringing when the session stops
        assert uac.wait(timeout=20) == 0
