"""Notifications beyond the tray's own, against the real core: a real central service (SQLite on
loopback) stopped for longer than `[gui] center_unreachable_notify_min` and started again, and a
timed wrap-up from the center's config about to end while the agent may still be typing, and
the lab's Kamailio stopped and started under a registered phone (the tray's notifications).

Offscreen there is no tray: notifications are taken where they leave us (the `notify` seam; in
the app, QSystemTrayIcon.showMessage)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import Qt

from softphone.config import SETTINGS_FILE
from softphone.events import RegistrationFailed
from softphone.gui.desktop_notices import DesktopNotices
from softphone.gui.tray import StatusTray
from softphone.protocol import WrapUpConfig
from tests.central.server import Center, ServerThread
from tests.gui.helpers import a_call_that_ends, center_config, pick
from tests.gui.lab_fixtures import (  # noqa: F401 - fixtures
    kamailio,
    lab_session,
    open_late,
    registered,
)
from tests.gui.test_sync_health import center, sync_to  # noqa: F401 - fixture

Notes = list[tuple[str, str]]


def gui_settings(folder: Path, text: str) -> None:
    settings = folder / SETTINGS_FILE
    settings.write_text(settings.read_text(encoding="utf-8") + f"\n[gui]\n{text}\n", "utf-8")


@pytest.fixture
def notices(qtbot) -> Iterator[Callable[..., Notes]]:
    made: list[DesktopNotices] = []

    def make(session, main) -> Notes:
        notes: Notes = []
        made.append(DesktopNotices(session, lambda t, m: notes.append((t, m)), main))
        return notes

    make.made = made  # type: ignore[attr-defined]
    yield make
    for notice in made:
        notice.close()


def test_the_center_away_too_long_and_back_is_notified(
    qtbot,
    profile_folder: Path,
    open_window,
    center: Center,  # noqa: F811
    notices,
) -> None:
    sync_to(profile_folder, center)
    gui_settings(profile_folder, "center_unreachable_notify_min = 0.03")  # ≈ 2 s
    session, main = open_window()
    notes = notices(session, main)
    qtbot.waitUntil(lambda: main.sync.text().startswith("✓ Synced"), timeout=15000)

    center.server.stop()
    pick(main, "Break — lunch")  # something to send: the sync finds the center gone
    qtbot.waitUntil(lambda: "unreachable" in main.sync.text(), timeout=15000)
    assert notes == []  # not at once: a blip is no news
    qtbot.waitUntil(lambda: len(notes) == 1, timeout=15000)
    title, text = notes[0]
    assert title == "Contact center unreachable"
    assert "kept on this computer" in text

    center.server = ServerThread(center.app, urlsplit(center.url).port or 0)
    center.server.start()
    qtbot.waitUntil(lambda: len(notes) == 2, timeout=60000)
    assert notes[1][0] == "Contact center reachable again"


def test_a_timed_wrap_up_about_to_end_is_notified(
    qtbot, profile_folder: Path, open_window, notices
) -> None:
    center_config(profile_folder, wrap_up=WrapUpConfig(mode="timed", seconds=4))
    gui_settings(profile_folder, "wrap_up_warning_s = 2")
    session, main = open_window()
    notes = notices(session, main)
    pick(main, "Available")
    a_call_that_ends(session)
    qtbot.waitUntil(main.wrap_up.isVisible)
    qtbot.waitUntil(lambda: bool(notes), timeout=6000)
    assert notes == [
        (
            "Wrap-up ends soon",
            "Wrap-up after the call with +49 30 12345678 ends in 2 s: finish your remarks now.",
        )
    ]
    assert session.agent_state.status.value == "wrap_up"  # warned before, not after, the end


def test_a_wrap_up_done_early_is_not_notified(
    qtbot, profile_folder: Path, open_window, notices
) -> None:
    center_config(profile_folder, wrap_up=WrapUpConfig(mode="timed", seconds=8))
    gui_settings(profile_folder, "wrap_up_warning_s = 2")
    session, main = open_window()
    notes = notices(session, main)
    pick(main, "Available")
    a_call_that_ends(session)
    qtbot.waitUntil(main.wrap_up.isVisible)
    qtbot.mouseClick(main.wrap_up.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.agent_state.status.value == "available")
    qtbot.waitUntil(lambda: not notices.made[-1].wrap_up.isActive(), timeout=5000)  # called off
    assert notes == []


@pytest.mark.integration
def test_the_registrar_going_away_and_coming_back_is_notified(
    qtbot,
    kamailio,  # noqa: F811
    lab_session,  # noqa: F811
    registered,  # noqa: F811
    open_late,  # noqa: F811
) -> None:
    """Kamailio stopped: the next registration (forced by a network change, as a laptop's
    Wi-Fi switch does) gets no answer; Kamailio started again: the phone registers again."""
    session, events = lab_session
    main = open_late()
    notes: Notes = []
    tray = StatusTray(session, main, notify=lambda t, m: notes.append((t, m)), tray_available=False)
    try:
        kamailio.stop()
        session.phone.handle_network_change()
        qtbot.waitUntil(lambda: bool(notes), timeout=60_000)
        assert notes[0][0] == "Registration lost"
        assert "Request Timeout" in notes[0][1]  # the registrar's silence, in the agent's words
        assert any(isinstance(e, RegistrationFailed) and e.code == 408 for e in events)
        kamailio.start()
        session.phone.handle_network_change()
        qtbot.waitUntil(lambda: len(notes) >= 2, timeout=60_000)
        assert notes[-1] == ("Registered again", "Calls reach you again.")
    finally:
        tray.close()
