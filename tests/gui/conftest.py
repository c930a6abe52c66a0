"""GUI tests run offscreen with a real AgentSession (engine up, no SIP server configured)."""

from __future__ import annotations

import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from softphone.agent.session import AgentSession
from softphone.gui.app import build_window, delete_windows, ensure_profile
from softphone.gui.main_window import MainWindow

Opened = tuple[AgentSession, MainWindow]


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """The .qm files the app loads, compiled from the .ts as the build and the dev setup do."""
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, str(root / "packaging/dev/translations.py"), "--compile"],
        check=True,
        capture_output=True,
    )


@pytest.fixture(autouse=True)
def no_window_outlives_its_test(qapp) -> Iterator[None]:
    """Windows a test left (closed or not) are deleted after it, as the app deletes its own on
    quit: else hundreds pile up and are deleted at the interpreter's exit, which aborts."""
    yield
    delete_windows()


@pytest.fixture
def profile_folder(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return ensure_profile(tmp_path / "profile")


@pytest.fixture
def open_window(qtbot, profile_folder: Path) -> Iterator[Callable[[], Opened]]:
    """Opens the profile's window (after a test prepared the profile); closed at the end."""
    opened: list[Opened] = []

    def open_() -> Opened:
        session, main = build_window(profile_folder)
        qtbot.addWidget(main)
        main.show()
        opened.append((session, main))
        return session, main

    yield open_
    for session, main in opened:
        main.close()  # as the app quits: the window goes, then the session stops
        session.stop()


@pytest.fixture
def window(open_window: Callable[[], Opened]) -> Opened:
    return open_window()
