"""In Simplified Chinese no English is left on any window the app can show: every state of the
screenshot module (tests/gui/screenshots.py), each window open at that moment, and every window
or dialog class of softphone.gui — those no state shows are made here from their constructor,
so a window added later is walked too, or named as one this test cannot make."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import socket
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

import softphone.gui
from softphone.agent.demo import Demo, DemoState
from softphone.agent.demo.center import free_port
from softphone.config import SETTINGS_FILE
from softphone.gui.app import build_window
from softphone.gui.demo_banner import put_banner
from softphone.gui.language import install_language
from tests.gui import screenshots
from tests.gui.visible_text import english_on, english_words


def window_classes() -> set[type[QWidget]]:
    """Each dialog and main window class our GUI defines (generated forms aside)."""
    found: set[type[QWidget]] = set()
    for module in pkgutil.walk_packages(softphone.gui.__path__, "softphone.gui."):
        if ".forms" in module.name:
            continue
        for _, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if cls.__module__ == module.name and issubclass(cls, QDialog | QMainWindow):
                found.add(cls)
    return found


class Walk:
    """English found on each window that a state shows, and which window classes were seen."""

    def __init__(self) -> None:
        self.english: list[str] = []
        self.seen: set[type] = set()
        self._found: set[str] = set()

    def look(self, widget: QWidget, state: str) -> None:
        windows = [widget] + [
            w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not widget
        ]
        for window in windows:
            self.seen.add(type(window))
            for line in english_on(window):
                if line not in self._found:  # a window open through several states: once
                    self._found.add(line)
                    self.english.append(f"{state} · {line}")


def made_from_its_constructor(cls: type[QWidget], session: Any, window: Any) -> QWidget | None:
    """An instance of `cls` from what its parameters' names ask for, None when one is unknown."""
    known = {"session": session, "window": window, "main": window, "parent": window}
    arguments = {}
    for name, parameter in inspect.signature(cls.__init__).parameters.items():
        if name == "self" or parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if name in known:
            arguments[name] = known[name]
        elif parameter.default is parameter.empty:
            return None
    return cls(**arguments)


def test_no_english_is_left_on_any_window_in_chinese(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the script sets its own
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    walk = Walk()
    monkeypatch.setattr(screenshots, "LOOKERS", [walk.look])
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    session, window = screenshots.open_shot_window(tmp_path / "home", "zh_CN")
    try:
        screenshots.shoot_states(app, session, window, tmp_path / "shots", tmp_path, "zh_CN")
        cannot_make = []
        for cls in sorted(window_classes() - walk.seen, key=lambda c: c.__name__):
            made = made_from_its_constructor(cls, session, window)
            if made is None:
                cannot_make.append(cls.__name__)
                continue
            made.show()
            walk.look(made, f"{cls.__name__} as made")
            made.close()
    finally:
        screenshots.close_shot_window(session, window)
        install_language("en")
    assert walk.english == [], "English left on Chinese windows:\n" + "\n".join(walk.english)
    assert cannot_make == [], (
        "windows this test cannot make: add a state that shows them to tests/gui/screenshots.py"
    )
    assert {"MainWindow", "IncomingPopup", "ShortcutSheet", "QMenu"} <= {
        c.__name__ for c in walk.seen
    }


def test_the_demo_window_is_chinese_banner_and_registration_line_too(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    """The demo's window (a banner the walk above does not reach), while its center starts."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    demo = Demo(tmp_path / "demo", with_center=False)
    demo.write_profile(free_port(socket.SOCK_DGRAM), free_port(socket.SOCK_DGRAM))
    with (demo.profile_folder / SETTINGS_FILE).open("a", encoding="utf-8") as settings:
        settings.write('\n[gui]\nlanguage = "zh_CN"\n')
    session, window = build_window(demo.profile_folder)
    try:
        window.show()
        put_banner(window).show_state(DemoState("starting"))
        english = english_on(window)
        registration = window.registration.text()
    finally:
        window.close()
        session.stop()
        install_language("en")
    assert english == [], "English left on the demo's window:\n" + "\n".join(english)
    assert registration.startswith("演示")


def test_english_is_told_from_numbers_names_addresses_and_brands() -> None:
    assert english_words("Hang up") == ["Hang", "up"]
    assert english_words("挂断 (Ctrl+Shift+E)") == []
    assert english_words("当地时间 15:04（Asia/Shanghai，UTC+08:00）") == []
    assert english_words("MOS 3.8 · RTT 95 ms · PCMA") == []
    assert english_words("sip:ann@pbx.example · https://center.example/wall") == []
    assert english_words("softphone journal outbox --retry --profile /tmp/a b/c") == []
    assert english_words("+86 138 0013 8000 · 中国移动") == []
    assert english_words("未接（487 Request Terminated）") == ["Request", "Terminated"]
    assert english_words("pbx.example.com 或 pbx.example.com:5061") == []
    assert english_words("TLS CA 证书(&C)：") == []
    assert english_words("Done.Now the rest") == ["Done", "Now", "the", "rest"]
