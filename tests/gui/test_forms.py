"""The forms pipeline and the theme: generated forms match ui/, colours live in the theme only,
and the theme follows the OS's light or dark scheme."""

from __future__ import annotations

import re
import runpy
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from softphone.gui.theme import apply_theme, theme_sheet

ROOT = Path(__file__).resolve().parents[2]
FORMS_SCRIPT = ROOT / "packaging" / "dev" / "forms.py"


def test_every_generated_form_matches_its_designer_source() -> None:
    checked = subprocess.run(
        [sys.executable, str(FORMS_SCRIPT), "--check"], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    sources = sorted(p.stem for p in (ROOT / "ui").glob("*.ui"))
    assert sources, "no Designer forms under ui/"
    generated = sorted(p.stem[3:] for p in (ROOT / "softphone/gui/forms").glob("ui_*.py"))
    assert generated == sources


def test_an_edited_designer_source_is_reported_stale(tmp_path: Path) -> None:
    forms = runpy.run_path(str(FORMS_SCRIPT), run_name="forms_under_test")
    source = (ROOT / "ui" / "incoming_popup.ui").read_text(encoding="utf-8")
    (tmp_path / "incoming_popup.ui").write_text(source.replace(">Incoming call<", ">Ringing<"))
    (tmp_path / "main_window.ui").write_text((ROOT / "ui" / "main_window.ui").read_text())
    assert forms["stale_forms"](tmp_path, ROOT / "softphone/gui/forms") == ["incoming_popup.ui"]


def test_no_widget_names_a_colour_or_styles_itself() -> None:
    """Colours belong to resources/theme: an inline one would ignore the dark scheme."""
    offenders = []
    for path in sorted((ROOT / "softphone/gui").rglob("*.py")):
        if "forms" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "setStyleSheet(" in text and path.name != "theme.py":
            offenders.append(f"{path.name}: setStyleSheet")
        for colour in re.findall(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", text):
            offenders.append(f"{path.name}: {colour}")
    assert offenders == []


def test_the_theme_has_a_light_and_a_dark_scheme() -> None:
    light, dark = theme_sheet(Qt.ColorScheme.Light), theme_sheet(Qt.ColorScheme.Dark)
    assert "$" not in light and "$" not in dark  # every colour name filled in
    assert light != dark
    assert theme_sheet(Qt.ColorScheme.Unknown) == light


def test_the_registration_badge_is_dark_in_the_dark_scheme(qtbot, window) -> None:
    _, main = window
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        apply_theme(app, Qt.ColorScheme.Dark)
        dark = _background_lightness(main.registration)
        apply_theme(app, Qt.ColorScheme.Light)
        light = _background_lightness(main.registration)
    finally:
        apply_theme(app, app.styleHints().colorScheme())
    assert dark < 80 < 200 < light


def _background_lightness(widget) -> int:
    image = widget.grab().toImage()
    return int(image.pixelColor(2, image.height() // 2).lightness())
