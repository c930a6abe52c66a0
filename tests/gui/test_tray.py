"""The tray icon: its menu changes the agent's status (the core's `status` event and the
journal's row), its colour follows the status, closing the window while signed in keeps the
app in the tray, and a missed call or a lost registration is a notification.

An offscreen desktop has no system tray, so notifications are checked where they leave us (the
`notify` seam, QSystemTrayIcon.showMessage in the app) and the tray's presence is given
(`tray_available=True`) where closing to it is tested."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt

from softphone.agent.session import AgentSession
from softphone.events import CallEnded, Registered, RegistrationFailed, StatusChanged
from softphone.gui.main_window import MainWindow
from softphone.gui.tray import StatusTray, status_colour, status_icon
from tests.gui.helpers import heard, publish_from_another_thread
from tests.gui.lab_fixtures import (  # noqa: F401 - fixtures
    kamailio,
    lab_session,
    open_late,
    registered,
    run_sipp_uac,
)

Notes = list[tuple[str, str]]


@pytest.fixture
def make_tray(qtbot) -> Iterator[Callable[..., tuple[StatusTray, Notes]]]:
    made: list[StatusTray] = []

    def make(session: AgentSession, main: MainWindow, **options) -> tuple[StatusTray, Notes]:
        notes: Notes = []
        tray = StatusTray(
            session, main, notify=lambda title, text: notes.append((title, text)), **options
        )
        made.append(tray)
        return tray, notes

    yield make
    for tray in made:
        tray.close()


def entry(tray: StatusTray, text: str):
    tray.menu.aboutToShow.emit()  # as when the agent opens it
    found = [a for a in tray.menu.actions() if a.text() == text]
    assert found, f"{text!r} not in {[a.text() for a in tray.menu.actions()]}"
    return found[0]


def test_the_tray_menu_changes_the_agents_status(qtbot, window, make_tray) -> None:
    session, main = window
    tray, _ = make_tray(session, main, tray_available=False)
    events = heard(session)
    offline_icon = tray.icon.icon().pixmap(64, 64).toImage()

    entry(tray, "Break — lunch").trigger()

    qtbot.waitUntil(lambda: any(isinstance(e, StatusChanged) for e in events), timeout=10_000)
    changed = next(e for e in events if isinstance(e, StatusChanged))
    assert (changed.status, changed.reason) == ("break", "lunch")
    qtbot.waitUntil(lambda: "Break" in tray.icon.toolTip(), timeout=10_000)
    assert tray.icon.icon().pixmap(64, 64).toImage() != offline_icon  # the dot's colour
    assert entry(tray, "Break — lunch").isChecked()
    journal = session.desk.journal

    def journalled() -> list[tuple[str, str]]:
        rows = journal.query("SELECT status, reason FROM status_intervals WHERE end IS NULL")
        return [tuple(row) for row in rows]

    qtbot.waitUntil(lambda: journalled() == [("break", "lunch")], timeout=10_000)
    assert main.status_panel.current.text().startswith("Break — lunch")  # one truth, two views


def test_the_menu_offers_the_statuses_then_window_and_quit(window, make_tray) -> None:
    session, main = window
    tray, _ = make_tray(session, main, tray_available=False)
    tray.menu.aboutToShow.emit()
    assert tray.menu.actions()[0].text() == "Status"  # a section heading
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts[0] == "Available" and "Offline" in texts
    assert texts[-3:] == ["Readiness check…", "Show window", "Quit"]
    assert tray.menu.accessibleName()


def test_the_tray_menu_opens_the_readiness_screen(window, make_tray) -> None:
    session, main = window
    tray, _ = make_tray(session, main, tray_available=False)
    entry(tray, "Readiness check…").trigger()
    assert main.readiness.dialog is not None and main.readiness.dialog.isVisible()
    main.readiness.dialog.close()


def test_status_colours_come_from_the_theme_light_and_dark() -> None:
    light = Qt.ColorScheme.Light
    assert status_colour("available", light) != status_colour("break", light)
    assert status_colour("available", light) != status_colour("available", Qt.ColorScheme.Dark)
    assert not status_icon("available").isNull()


def test_a_missed_call_raises_a_notification(
    qtbot,
    lab_session,  # noqa: F811
    registered,  # noqa: F811
    open_late,  # noqa: F811
    run_sipp_uac,  # noqa: F811
    make_tray,
) -> None:
    """A real caller (SIPp through Kamailio) gives up while the agent's phone rings."""
    session, events = lab_session
    _, notes = make_tray(session, open_late(), tray_available=False)
    caller = run_sipp_uac("uac_call_cancel.xml", to_user="agent1")
    qtbot.waitUntil(lambda: any(isinstance(e, CallEnded) for e in events), timeout=20_000)
    qtbot.waitUntil(lambda: any(title == "Missed call" for title, _ in notes), timeout=10_000)
    assert caller.wait(timeout=20) == 0
    assert [t for t, _ in notes] == ["Missed call"]


def test_a_lost_registration_and_its_return_are_notified(qtbot, window, make_tray) -> None:
    """The registrar cannot be made to drop us quickly here: the engine's events are given."""
    session, main = window
    _, notes = make_tray(session, main, tray_available=False)
    publish_from_another_thread(session, Registered(account="agent1"))
    lost = RegistrationFailed(account="agent1", code=408, reason="Request Timeout")
    publish_from_another_thread(session, lost)
    qtbot.waitUntil(lambda: len(notes) == 1, timeout=10_000)
    assert notes[0][0] == "Registration lost" and "Request Timeout" in notes[0][1]
    publish_from_another_thread(session, Registered(account="agent1"))
    qtbot.waitUntil(lambda: len(notes) == 2, timeout=10_000)
    assert notes[1][0] == "Registered again"


def test_closing_the_window_while_signed_in_keeps_the_app_in_the_tray(
    qtbot,
    registered,  # noqa: F811
    open_late,  # noqa: F811
    make_tray,
) -> None:
    main = open_late()
    tray, _ = make_tray(registered, main, tray_available=True)
    qtbot.waitUntil(lambda: tray.signed_in, timeout=10_000)
    assert main.close() is False  # the close is turned into a hide
    assert main.isHidden()
    # still registered, still reachable: calls pop up from the tray
    assert isinstance(registered.snapshot().registration, Registered)
    entry(tray, "Show window").trigger()
    assert main.isVisible()


@pytest.mark.parametrize("tray_available", [True, False])
def test_closing_the_window_closes_it_when_not_signed_in_or_without_a_tray(
    qtbot, window, make_tray, tray_available: bool
) -> None:
    session, main = window
    tray, _ = make_tray(session, main, tray_available=tray_available)
    if not tray_available:  # signed in, but the desktop has nowhere to keep the app
        publish_from_another_thread(session, Registered(account="agent1"))
        qtbot.waitUntil(lambda: tray.signed_in, timeout=10_000)
    assert main.close() is True  # closed: the app quits as its last window goes
