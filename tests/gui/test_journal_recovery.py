"""A damaged journal at start, with a real journal file damaged on disk: the agent is told where
the file is kept, and a fresh journal starts only when the agent says so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from softphone.config import load_profile
from softphone.gui.app import open_window as open_app_window
from softphone.gui.journal_recovery import JournalRecoveryDialog
from softphone.journal.records import JournalWriter
from softphone.journal.store import journal_path, open_journal


def damaged_journal(folder: Path) -> Path:
    """A journal that was used (a login in it), then damaged: its header scribbled over."""
    path = journal_path(load_profile(folder).data_dir)
    journal = open_journal(path)
    JournalWriter(journal, "ann").operation("login", {}, datetime.now(timezone.utc))
    journal.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    journal.close()
    data = bytearray(path.read_bytes())
    data[0:100] = b"\xde\xad" * 50  # the SQLite header: magic, page size, counters
    path.write_bytes(bytes(data))
    return path


def when_dialog_shows(act: Callable[[JournalRecoveryDialog], None]) -> list[str]:
    seen: list[str] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, JournalRecoveryDialog):
            QTimer.singleShot(20, poll)
            return
        seen.append(dialog.text() + "\n" + dialog.informativeText())
        act(dialog)

    QTimer.singleShot(0, poll)
    return seen


def test_quit_leaves_the_damaged_file_exactly_as_it_was(qtbot, profile_folder) -> None:
    path = damaged_journal(profile_folder)
    before = path.read_bytes()
    seen = when_dialog_shows(lambda dialog: dialog.quit.click())
    assert open_app_window(profile_folder) is None
    (shown,) = seen
    assert "journal" in shown and "damaged" in shown
    assert f"The file is kept at\n{path}\nfor recovery" in shown
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if "corrupt" in p.name] == []


def test_start_fresh_keeps_the_old_file_aside_and_says_where(qtbot, profile_folder) -> None:
    path = damaged_journal(profile_folder)
    before = path.read_bytes()
    when_dialog_shows(lambda dialog: dialog.fresh.click())
    opened = open_app_window(profile_folder)
    assert opened is not None
    session, main = opened
    qtbot.addWidget(main)
    try:
        (kept,) = [p for p in path.parent.iterdir() if p.name.startswith("journal.sqlite.corrupt-")]
        assert kept.read_bytes() == before
        assert f"The damaged journal is kept at {kept} for recovery" in main.log.toPlainText()
        assert session.desk.executor.settle()
        assert session.outbox_waiting() >= 1  # the fresh journal works: the sign-on is in it
    finally:
        main.close()
        session.stop()


def test_enter_does_not_throw_the_file_aside(qtbot, profile_folder) -> None:
    path = damaged_journal(profile_folder)
    seen = when_dialog_shows(lambda dialog: dialog.defaultButton().click())
    assert open_app_window(profile_folder) is None
    assert seen and path.exists()
