"""The demo: on a fresh machine the app runs the whole flow with no servers — the customer line
rings the agent, the call connects, agent and customer hear each other, the demo center's wallboard
answers and shows the agent — and quitting stops every process the demo started."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from softphone.agent.demo import Demo
from softphone.agent.demo.floor import LinePlan
from softphone.config import SETTINGS_FILE
from softphone.gui.app import build_window, run_app
from softphone.gui.demo_banner import DemoBanner, show_demo
from tests.gui.test_accessible_names import nameless
from tests.integration.conftest import pulse, pulse_server  # noqa: F401 - fixtures
from tests.integration.peers.pulse import band_dbfs, rms_dbfs
from tests.process_tree import alive, command_line, descendants

CENTER_START_MS = 180_000  # adding two accounts and migrating a database: slow on a busy box


@pytest.fixture
def fresh_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user data folder with no profile in it, and a keyring that works without a desktop."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    return tmp_path / "data"


@pytest.fixture
def demo(fresh_machine: Path) -> Iterator[Demo]:
    heard = str(fresh_machine.parent / "customer-heard.wav")
    demo = Demo(line=LinePlan(first_call_s=2.0, interval_s=600.0, record=heard))
    yield demo
    demo.stop()


def _demo_processes() -> set[int]:
    """The processes below this test that the demo started (by their command line)."""
    return {p for p in descendants(os.getpid()) if " demo " in command_line(p) + " "}


def test_the_demo_line_rings_the_agent_who_hears_the_customer_and_the_wallboard_shows_him(
    qtbot,
    demo: Demo,
    pulse_server,  # noqa: F811
) -> None:
    demo.prepare()
    session, window = build_window(demo.profile_folder)
    qtbot.addWidget(window)
    banner = show_demo(window, demo)
    window.show()
    try:
        qtbot.waitUntil(lambda: bool(window.popups), timeout=60_000)  # the customer calls
        popup = next(iter(window.popups.values()))
        popup.answer()
        qtbot.waitUntil(lambda: any(r.talking for r in window.calls.rows.values()), timeout=20_000)
        qtbot.waitUntil(
            lambda: any(r.get("state") == "CONFIRMED" for r in demo.line_reports), timeout=10_000
        )
        heard = pulse_server.record("lab_default.monitor", 3.0)  # the agent's speaker
        assert rms_dbfs(heard) > -35, "the agent hears nothing of the customer's speech"
        before = len(_customer_heard(demo))
        pulse_server.play_tone("lab_default", 1000, 3.0)  # the agent's microphone hears it
        qtbot.waitUntil(lambda: len(_customer_heard(demo)) > before + 3 * 8000, timeout=20_000)
        qtbot.wait(3000)
        spoken, rate = _customer_heard(demo), _rate(demo)
        tone_before = band_dbfs(spoken[:before], 900, 1100, rate)
        tone_after = band_dbfs(spoken[before:], 900, 1100, rate)
        assert tone_after > tone_before + 12, "the customer does not hear the agent's microphone"
        qtbot.waitUntil(lambda: banner.state.phase == "ready", timeout=CENTER_START_MS)
        url = banner.state.wallboard_url
        assert url in banner.text.text()  # the window shows where the wallboard is
        assert httpx.get(url, timeout=10).status_code == 200
        qtbot.waitUntil(lambda: _on_the_floor(url, banner.state), timeout=60_000)
    finally:
        started = _demo_processes()
        window.close()
        session.stop()
        demo.stop()
    assert len(started) >= 2, "the customer line and the center run as child processes"
    assert not [p for p in started if alive(p)], "a demo process outlived the demo"


def _customer_heard(demo: Demo) -> np.ndarray:
    """What the customer line has heard so far (its recording, still being written)."""
    data = Path(demo.line_plan.record).read_bytes()[44:]
    return np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2")


def _rate(demo: Demo) -> int:
    return int.from_bytes(Path(demo.line_plan.record).read_bytes()[24:28], "little")


def _on_the_floor(url: str, state: object) -> bool:
    """Does the center list the demo's agent (synced from the app) for its supervisor?"""
    login = httpx.post(
        f"{url}api/v1/login",
        json={"user": state.supervisor, "password": state.supervisor_password},  # type: ignore[attr-defined]
        timeout=10,
    )
    if login.status_code != 200:
        return False
    token = login.json()["token"]
    agents = httpx.get(
        f"{url}api/v1/agents", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    return agents.status_code == 200 and "demo-agent" in agents.text


def test_a_fresh_machine_starts_the_demo_and_quitting_stops_all_it_started(
    qapp, fresh_machine: Path
) -> None:
    seen: dict[str, object] = {}

    def look() -> None:
        banners = [w.findChild(DemoBanner) for w in QApplication.topLevelWidgets()]
        found = [b for b in banners if b is not None]
        children = _demo_processes()
        if found and len(children) >= 1:
            seen["banner"] = found[0].text.text()
            seen["children"] = children
            QApplication.closeAllWindows()  # the agent closes the window: the app quits
        else:
            QTimer.singleShot(200, look)

    QTimer.singleShot(200, look)
    assert run_app(None) == 0
    assert "This is a demo" in str(seen["banner"])
    started = seen["children"]
    assert isinstance(started, set)
    assert not [p for p in started if alive(p)], "a demo process outlived the app"
    # The user's own profile is still untouched: setting up an account is still to come.
    assert not (fresh_machine / "softphone" / "default" / SETTINGS_FILE).exists()


WITHOUT_CENTER = ("fastapi", "uvicorn", "sqlalchemy", "alembic", "argon2")


class _NotInstalled:
    """An import finder for which the center's packages are not installed."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".")[0] in WITHOUT_CENTER:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def test_without_the_center_the_demo_runs_the_phone_alone_and_says_why(
    qtbot, fresh_machine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [m for m in sys.modules if m.split(".")[0] in WITHOUT_CENTER]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_NotInstalled(), *sys.meta_path])
    demo = Demo(line=LinePlan(first_call_s=2.0, interval_s=600.0))
    try:
        demo.prepare()
        session, window = build_window(demo.profile_folder)
        qtbot.addWidget(window)
        banner = show_demo(window, demo)
        window.show()
        assert banner.state.phase == "phone_only"
        assert "needs the central service" in banner.text.text()
        assert "pip install" in banner.text.text()
        assert nameless(window) == []  # the banner's controls too have accessible names
        with qtbot.waitSignal(banner.setup_requested, timeout=2000):  # the settings open on it
            banner.setup.click()
        qtbot.waitUntil(lambda: bool(window.popups), timeout=60_000)  # the line still rings
        assert len(demo.child_pids()) == 1  # the line; no center
        window.close()
        session.stop()
    finally:
        demo.stop()
