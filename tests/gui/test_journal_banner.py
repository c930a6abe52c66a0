"""The journal's disk refuses writes while the window is open: a banner says so, the agent can go
on working, and the banner goes once the journal takes writes again (what waited is saved).

The disk is "full" for this test process only: its file-size limit is lowered to the journal's
WAL as it stands (RLIMIT_FSIZE; SQLite then gets EFBIG, as a quota or a full disk refuses).
"""

from __future__ import annotations

import resource
import sys

import pytest

from tests.gui.helpers import pick

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE as Linux has it")


@pytest.mark.allow_error_log  # the journal executor logs the refused write as ERROR, by design
def test_a_journal_that_cannot_be_saved_shows_a_banner_until_it_can(qtbot, window) -> None:
    session, main = window
    banner = main.journal_banner
    assert banner.isHidden()
    journal = session.desk.journal
    wal = journal.path.with_name(journal.path.name + "-wal")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (wal.stat().st_size, hard))
    try:
        pick(main, "Break — lunch")  # the agent works on; the status change cannot be saved
        qtbot.waitUntil(banner.isVisible, timeout=10_000)
        assert "cannot be saved" in banner.text()
        assert str(journal.path) in banner.toolTip()
        assert session.agent_state.status.value == "break"
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    qtbot.waitUntil(banner.isHidden, timeout=10_000)
    rows = journal.query("SELECT status, reason FROM status_intervals WHERE end IS NULL")
    assert [tuple(row) for row in rows] == [("break", "lunch")]
