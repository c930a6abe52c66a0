"""The pop-up says which line the call came in on: the number the customer called and the skill
group, from the PBX's X-Skill-Group header or, when it sends none, the profile's map of lines to
groups; the call's record keeps the group. A SIPp customer calls through the lab's Kamailio."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from softphone.agent.session import AgentSession
from softphone.config import load_profile
from softphone.gui.incoming_popup import IncomingPopup
from softphone.gui.main_window import MainWindow
from softphone.journal.store import journal_path, open_journal
from tests.gui.helpers import lab_profile
from tests.gui.lab_fixtures import kamailio  # noqa: F401 - fixtures
from tests.integration.lab.sipp import start_uac

LINE = {"caller": "+12125550123", "name": "Dana Whitfield", "called": "+18005550100"}


@pytest.fixture
def agent(qtbot, kamailio, profile_folder: Path) -> Iterator[tuple[AgentSession, MainWindow]]:  # noqa: F811
    """agent1 with a map of lines to skill groups in the profile, and the window on it."""
    lab_profile(profile_folder, kamailio.server("udp"), "agent1", "secret1")
    with open(profile_folder / "softphone.toml", "a", encoding="utf-8") as settings:
        settings.write('line_groups = "+1 800 555 0100 = Sales, 4008001234 = Support"\n')
    session = AgentSession(load_profile(profile_folder), "secret1")
    session.start()
    main = MainWindow(session)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.registration.text().startswith("Registered"), timeout=15000)
    yield session, main
    main.close()
    session.stop()


def shown_line(qtbot, main: MainWindow, kamailio, tmp_path: Path, group: str) -> tuple[str, bool]:  # noqa: F811
    """What the pop-up of one call on LINE with `group` in X-Skill-Group ('' = an empty header)
    says of the line once filled in (text, shown); the agent then declines."""
    sipp = start_uac(tmp_path, "uac_line_call_declined.xml", kamailio.server("udp"), "agent1",
                     keys={**LINE, "group": group})  # fmt: skip
    try:
        qtbot.waitUntil(lambda: len(main.popups) == 1, timeout=15000)
        popup: IncomingPopup = next(iter(main.popups.values()))
        qtbot.waitUntil(lambda: popup.history is not None, timeout=10000)
        shown = popup.ui.called.text(), popup.ui.called.isVisible()
        qtbot.mouseClick(popup.decline_button, Qt.MouseButton.LeftButton)
        assert sipp.wait(timeout=20) == 0
    finally:
        sipp.stop()
    qtbot.waitUntil(lambda: not main.popups, timeout=10000)
    return shown


@pytest.mark.integration
def test_the_popup_names_the_line_called_and_its_skill_group(
    qtbot,
    agent,
    kamailio,  # noqa: F811
    tmp_path: Path,
    profile_folder: Path,
) -> None:
    session, main = agent
    shown = shown_line(qtbot, main, kamailio, tmp_path, group="Billing")
    assert shown == ("Called +1 800-555-0100 · skill group Billing", True)
    qtbot.waitUntil(lambda: len(session.recent_calls()) == 1, timeout=10000)
    journal = open_journal(journal_path(profile_folder))  # the record, as the center gets it
    row = journal.query("SELECT skill_group, party_name FROM call_records")[0]
    journal.close()
    assert (row["skill_group"], row["party_name"]) == ("Billing", "Dana Whitfield")

    # No header from the PBX: the profile's map names the line's group.
    shown = shown_line(qtbot, main, kamailio, tmp_path, group="")
    assert shown == ("Called +1 800-555-0100 · skill group Sales", True)
