"""Fixtures of the window against the real core and the integration lab's Kamailio and SIPp:
agent1's session started before any window opens, and windows opened late on it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from softphone.agent.session import AgentSession
from softphone.config import load_profile
from softphone.events import Event, Registered
from softphone.gui.main_window import MainWindow
from tests.gui.helpers import heard, lab_profile
from tests.integration.conftest import (  # noqa: F401 - fixtures
    far_end_factory,
    kamailio,
    run_sipp_uac,
)

LabSession = tuple[AgentSession, list[Event]]


@pytest.fixture
def lab_session(kamailio, profile_folder: Path) -> Iterator[LabSession]:  # noqa: F811
    """agent1's session started against the lab's Kamailio before any window opens, and the
    events it publishes (heard from before its start)."""
    lab_profile(profile_folder, kamailio.server("udp"), "agent1", "secret1")
    session = AgentSession(load_profile(profile_folder), "secret1")
    events = heard(session)
    session.start()
    yield session, events
    session.stop()


@pytest.fixture
def registered(qtbot, lab_session: LabSession) -> AgentSession:
    """agent1's session once Kamailio has accepted its registration."""
    session, events = lab_session
    qtbot.waitUntil(lambda: any(isinstance(e, Registered) for e in events), timeout=15000)
    return session


@pytest.fixture
def open_late(qtbot, lab_session: LabSession) -> Iterator[Callable[[], MainWindow]]:
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
