"""GUI tests run offscreen with a real AgentSession (engine up, no SIP server configured)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone.agent.session import AgentSession
from softphone.gui.app import build_window
from softphone.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch) -> Iterator[tuple[AgentSession, MainWindow]]:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    session, main = build_window(tmp_path / "profile")
    qtbot.addWidget(main)
    main.show()
    yield session, main
    main.close()  # as the app quits: the window goes, then the session stops
    session.stop()
