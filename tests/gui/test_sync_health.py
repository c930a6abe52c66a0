"""Sync health as the agent sees it, against a real central service on loopback (SQLite): synced,
a row the center refused listed as parked with the center's error, and the center going away
shown as "unreachable since"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from softphone.config import SETTINGS_FILE, load_profile
from softphone.journal.store import journal_path, open_journal
from softphone.secrets import store_secret
from tests.central.server import PASSWORD, Center, start_center
from tests.gui.helpers import pick
from tests.sync.center_lab import journal_a_refused_record

AGENT = "ann"


@pytest.fixture
def center(tmp_path: Path) -> Iterator[Center]:
    lab = start_center(f"sqlite:///{tmp_path / 'central.sqlite3'}", "sqlite")
    lab.add_user(AGENT)
    yield lab
    lab.close()


def sync_to(folder: Path, center: Center) -> None:
    settings = folder / SETTINGS_FILE
    settings.write_text(
        settings.read_text(encoding="utf-8") + f'\n[central]\nurl = "{center.url}"\n'
        f'user = "{AGENT}"\n',
        encoding="utf-8",
    )
    store_secret(folder, "central", PASSWORD)


def a_record_the_center_will_refuse(folder: Path) -> None:
    """A call record whose calling number is longer than the center accepts (a 4xx for good)."""
    journal = open_journal(journal_path(load_profile(folder).data_dir))
    journal_a_refused_record(journal)
    journal.close()


def test_without_a_center_sync_is_off(window) -> None:
    _, main = window
    assert main.sync.text() == "Sync off (no center configured)"


def test_synced_parked_and_unreachable(qtbot, profile_folder, open_window, center) -> None:
    sync_to(profile_folder, center)
    a_record_the_center_will_refuse(profile_folder)
    _, main = open_window()
    indicator = main.sync
    qtbot.waitUntil(lambda: indicator.text() == "✓ Synced · 1 parked", timeout=15000)
    assert "refused" in indicator.toolTip()
    qtbot.mouseClick(indicator, Qt.MouseButton.LeftButton)
    view = indicator.view
    assert view is not None and view.isVisible()
    ((kind, error, event),) = view.rows()
    assert kind == "Call record"
    assert "64 characters" in error
    assert event.startswith("call_id: too-long, direction: inbound")
    assert "calling_number: 11111111111111111111111…" in event
    assert "softphone journal outbox --retry" in view.summary.text()
    view.close()

    center.server.stop()  # the center goes away; the next status change cannot get through
    went_at = datetime.now().astimezone()
    pick(main, "Break — lunch")
    qtbot.waitUntil(lambda: "Center unreachable since" in indicator.text(), timeout=15000)
    assert indicator.text().endswith("waiting · 1 parked")
    # The clock time it says lies between the center going and now (a run at 20:59:59 is told
    # "since 20:59" and may look at 21:00: both hours are right).
    seen_at = datetime.now().astimezone()
    spell = int((seen_at - went_at).total_seconds() // 60) + 2
    possible = {f"since {went_at + timedelta(minutes=m):%H:%M}" for m in range(spell)}
    assert any(told in indicator.text() for told in possible), indicator.text()
    qtbot.waitUntil(lambda: "· 0 waiting" not in indicator.text(), timeout=5000)
