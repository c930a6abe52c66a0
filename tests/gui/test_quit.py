"""Quitting: the window and every Qt object go on the GUI thread, before the interpreter's
exit, so that the app exits cleanly instead of aborting."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from softphone.gui.app import build_window, delete_windows, run_app


def test_quitting_deletes_every_window_before_the_interpreter_exits(
    qapp, profile_folder: Path
) -> None:
    """Windows left alive to the interpreter's exit were deleted by PySide's clean-up in an
    order that corrupted the heap: about one exit in ten aborted."""
    assert QApplication.topLevelWidgets() == []
    QTimer.singleShot(1500, QApplication.closeAllWindows)  # the agent closes the window
    assert run_app(profile_folder) == 0
    assert QApplication.topLevelWidgets() == []


def test_the_camera_probe_goes_with_the_window(qtbot, profile_folder: Path) -> None:
    """Owned by the session, the probe was freed by the cycle collector with the stopped
    session, on whichever thread ran it (mostly the SIP thread): a QObject deleted off its own
    thread. It belongs to the window, deleted on the GUI thread."""
    session, main = build_window(profile_folder)
    probe = session.readiness.camera
    assert isinstance(probe, QObject)
    main.close()
    session.stop()
    delete_windows()
    assert not shiboken6.isValid(probe)
