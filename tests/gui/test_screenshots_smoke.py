"""The screenshot script (tests/gui/screenshots.py) still runs and draws every state it shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from tests.gui import screenshots


def test_the_screenshot_script_draws_each_state(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # restored after the script
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    assert screenshots.main([str(tmp_path / "shots")]) == 0
    shots = sorted(p.name for p in (tmp_path / "shots").iterdir())
    assert shots == [
        "1-offline.png",
        "10-history.png",
        "11-call-with-quality.png",
        "12-keyboard-shortcuts.png",
        "13-tray-menu.png",
        "14-messages.png",
        "15-second-call-pop-up.png",
        "16-readiness-checking.png",
        "17-readiness-did-you-hear-it.png",
        "18-readiness-result.png",
        "19-consult-and-held-call.png",
        "2-on-call-refused.png",
        "20-first-run-registered.png",
        "21-first-run-wrong-password.png",
        "22-first-run-tls-untrusted.png",
        "23-settings-audio.png",
        "24-settings-central.png",
        "25-settings-language.png",
        "26-settings-start.png",
        "27-settings-locked-by-it.png",
        "3-wrap-up-mandatory.png",
        "4-parked.png",
        "5-do-not-call.png",
        "6-damaged-journal.png",
        "7-pop-up-with-history.png",
        "8-typing-a-blocked-number.png",
        "9-journal-cannot-be-saved.png",
        "demo-1-ready.png",
        "demo-2-without-center.png",
    ]
    for name in shots:
        image = QImage(str(tmp_path / "shots" / name))
        assert image.width() > 150 and image.height() > 100, name
