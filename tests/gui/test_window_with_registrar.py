"""The window against the real core and a real registrar (the lab's Kamailio): what it shows
when it opens late, after the session has registered and while a call rings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from softphone.agent.session import AgentSession
from softphone.config import load_profile
from softphone.events import Event, IncomingCall, Registered
from softphone.gui.main_window import MainWindow
from tests.gui.helpers import heard, lab_profile
from tests.integration.conftest import kamailio, run_sipp_uac  # noqa: F401 - fixtures

pytestmark = pytest.mark.integration


@pytest.fixture
def lab_session(kamailio, profile_folder: Path) -> Iterator[tuple[AgentSession, list[Event]]]:  # noqa: F811
    """agent1's session started against the lab's Kamailio before any window opens, and the
    events it publishes (heard from before its start)."""
    lab_profile(profile_folder, kamailio.server("udp"), "agent1", "secret1")
    session = AgentSession(load_profile(profile_folder), "secret1")
    events = heard(session)
    session.start()
    yield session, events
    session.stop()


@pytest.fixture
def open_late(qtbot, lab_session) -> Iterator[Callable[[], MainWindow]]:
    """Opens agent1's window now (the session runs already); closed before the session stops,
    as the app does."""
    opened: list[MainWindow] = []

    def open_() -> MainWindow:
        main = MainWindow(lab_session[0])
        qtbot.addWidget(main)
        main.show()
        opened.append(main)
        return main

    yield open_
    for main in opened:
        main.close()


def test_a_window_opened_after_registration_shows_registered(qtbot, lab_session, open_late) -> None:
    _, events = lab_session
    qtbot.waitUntil(lambda: any(isinstance(e, Registered) for e in events), timeout=15000)
    main = open_late()
    qtbot.waitUntil(lambda: main.registration.text().startswith("Registered as agent1"))
    assert main.registration.property("tone") == "ok"


def test_a_window_opened_while_a_call_rings_pops_it_up(
    qtbot,
    lab_session,
    open_late,
    run_sipp_uac,  # noqa: F811
) -> None:
    _, events = lab_session
    qtbot.waitUntil(lambda: any(isinstance(e, Registered) for e in events), timeout=15000)
    uac = run_sipp_uac("uac_call_cancel.xml", to_user="agent1")
    qtbot.waitUntil(lambda: any(isinstance(e, IncomingCall) for e in events), timeout=15000)
    try:
        main = open_late()
        assert len(main.popups) == 1
        assert main.calls.count() == 1
    finally:  # the caller gives up by itself: no call is left ringing when the session stops
        assert uac.wait(timeout=20) == 0
