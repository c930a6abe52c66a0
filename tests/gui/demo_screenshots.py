"""Screenshots of the demo's window (tests/gui/screenshots.py calls this): the banner once the
demo center is up, and where the center is not installed. No demo process is started: the
window is the demo profile's, the banner is told the center's state."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from softphone.agent.demo import Demo, DemoState
from softphone.config import SETTINGS_FILE
from softphone.gui.app import build_window
from softphone.gui.demo_banner import put_banner

Shoot = Callable[[QApplication, QWidget, Path], None]


def shoot_demo(
    app: QApplication, shoot: Shoot, out: Path, home: Path, language: str = "en"
) -> None:
    ready = DemoState("ready", "http://127.0.0.1:37211/", supervisor_password="Xq7-t2Lp_w9a")
    with_center = Demo(home / "demo", with_center=True)
    _shoot_one(app, shoot, out / "demo-1-ready.png", with_center, ready, language)
    alone = Demo(home / "demo-alone", with_center=False)
    _shoot_one(
        app, shoot, out / "demo-2-without-center.png", alone, DemoState("phone_only"), language
    )


def _shoot_one(
    app: QApplication, shoot: Shoot, path: Path, demo: Demo, state: DemoState, language: str
) -> None:
    demo.write_profile(5062, 5064)  # nobody listens there: the window is only looked at
    settings = demo.profile_folder / SETTINGS_FILE  # the screenshots' language, not the OS's
    with settings.open("a", encoding="utf-8") as file:
        file.write(f'\n[gui]\nlanguage = "{language}"\n')
    session, window = build_window(demo.profile_folder)
    window.show()
    put_banner(window).show_state(state)
    shoot(app, window, path)
    window.close()
    session.stop()
