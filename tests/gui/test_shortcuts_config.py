"""[gui.shortcuts] in softphone.toml: the agent's keys replace the defaults in the window, the
tooltips and Help › Keyboard shortcuts; a key Qt cannot read, an unknown action or one key for
two actions stops the app with a message naming the line (before the session starts)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from softphone.config import SETTINGS_FILE, ConfigError
from softphone.events import CallState
from softphone.gui.app import build_window
from softphone.gui.shortcuts import configure, keys_of
from tests.gui.helpers import CALLEE, publish_from_another_thread


@pytest.fixture(autouse=True)
def defaults_after() -> Iterator[None]:
    yield
    configure({})  # the table is the app's: leave the defaults for the next test


def write_keys(folder: Path, lines: str) -> None:
    settings = folder / SETTINGS_FILE
    text = settings.read_text(encoding="utf-8")
    settings.write_text(f"{text}\n[gui.shortcuts]\n{lines}\n", encoding="utf-8")


def test_the_agents_keys_are_used_taught_and_listed(qtbot, profile_folder, open_window) -> None:
    write_keys(profile_folder, 'hold = "Ctrl+Alt+H"\ntransfer = "ctrl+shift+x"\nmute = ""')
    session, main = open_window()
    card = main.card.ui
    assert "(Ctrl+Alt+H)" in card.hold.toolTip()
    assert "(Ctrl+Shift+X)" in card.transfer.toolTip()  # as Qt writes it
    assert card.mute.toolTip() == "Mute or unmute"  # its key was taken away
    sheet = main.show_shortcuts()
    listed = sheet.listed()
    assert listed["Ctrl+Alt+H"] == "Hold or resume"
    assert listed["Ctrl+Shift+X"] == "Transfer the call"
    assert "Ctrl+Shift+H" not in listed and "Ctrl+Shift+M" not in listed
    assert listed["Ctrl+Shift+E"] == "Hang up (end the call)"  # the defaults stay
    sheet.close()
    assert keys_of("transfer") == "Ctrl+Shift+X"
    assert main.shortcuts["hold"].key() == QKeySequence("Ctrl+Alt+H")
    assert "mute" not in main.shortcuts

    publish_from_another_thread(
        session, CallState(call="c1", state="confirmed", direction="outbound", remote=CALLEE)
    )
    qtbot.waitUntil(lambda: card.hold.isEnabled())
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    combo = QKeySequence("Ctrl+Alt+H")[0]
    qtbot.keyClick(main, combo.key(), combo.keyboardModifiers())
    # The engine has no call c1: the command was given, and its refusal is shown.
    qtbot.waitUntil(lambda: "Hold: " in main.log.toPlainText(), timeout=5000)


@pytest.mark.parametrize(
    ("lines", "says"),
    [
        ('hold = "Ctrl+Shiftt+H"', "hold = 'Ctrl+Shiftt+H' is not a key sequence"),
        ('hold = "Ctrl+Shift"', "needs a key besides the modifiers"),
        ('holdd = "Ctrl+H"', "unknown action 'holdd'"),
        ('transfer = "Ctrl+Shift+E"', "Ctrl+Shift+E is the key of both hang_up and transfer"),
        ('mute = "ctrl+l"', "Ctrl+L is the key of both mute and focus_number"),
        ("hold = 3", "[gui.shortcuts] hold must be a key sequence"),
    ],
)
def test_a_bad_key_stops_the_app_with_the_line_named(
    qtbot, profile_folder: Path, lines: str, says: str
) -> None:
    write_keys(profile_folder, lines)
    with pytest.raises(ConfigError) as refused:
        build_window(profile_folder)
    assert says in str(refused.value)
    assert keys_of("hold") == "Ctrl+Shift+H"  # nothing half-applied
