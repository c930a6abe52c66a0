"""The translation pipeline and the language switch: the Chinese .ts holds every string of the
GUI (and nothing stale), each one translated with the same {fields}; the profile's language (or
the OS's) is the window's, Qt's own buttons included."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox

from softphone.config import SETTINGS_FILE, ConfigError, parse_settings
from softphone.gui.language import chosen_language, install_language

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def translations() -> ModuleType:
    """packaging/dev/translations.py, the script the build and the developer run."""
    spec = importlib.util.spec_from_file_location(
        "translations", ROOT / "packaging" / "dev" / "translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["translations"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_the_chinese_translation_has_every_string_of_the_gui_translated() -> None:
    """New strings (another window, a changed sentence) fail here, listed for the translator."""
    script = translations()
    found = script.problems("zh_CN")
    report = found.report("zh_CN")
    print(report)
    assert not found, report


def test_a_string_added_to_the_code_is_reported_untranslated(tmp_path: Path) -> None:
    script = translations()
    keys = script.extract()
    added = script.Key("MainWindow", "A sentence nobody translated yet")
    found = script.problems("zh_CN", [*keys, added])
    assert found.new == [added]
    assert "A sentence nobody translated yet" in found.report("zh_CN")


def test_a_translation_that_drops_a_field_is_reported(tmp_path: Path, monkeypatch) -> None:
    script = translations()
    ts = tmp_path / "softphone_zh_CN.ts"
    key = script.Key("MainWindow", "Call {number}")
    script.write_ts(ts, "zh_CN", {key: script.Message("拨打", True)})
    monkeypatch.setattr(script, "ts_path", lambda language: ts)
    assert script.problems("zh_CN", [key]).mismatched == [key]


def test_strings_of_module_helpers_are_filed_under_the_context_the_app_asks_for() -> None:
    """`tr()` helpers translate in their module's context (texts.py: DialLine); lupdate alone
    files their strings under none, and the app would never find them."""
    keys = translations().extract()
    assert translations().Key("DialLine", "✓ May be called") in keys
    assert not [k for k in keys if not k.context]


@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [
        ("zh_CN", "en_US", "zh_CN"),
        ("en", "zh_CN", "en"),
        ("auto", "zh_CN", "zh_CN"),
        ("auto", "zh_TW", "zh_CN"),
        ("auto", "de_DE", "en"),
        ("auto", "en_GB", "en"),
    ],
)
def test_the_language_is_the_setting_or_the_os_s(setting: str, system: str, expected: str) -> None:
    assert chosen_language(setting, QLocale(system)) == expected


def test_the_language_setting_is_checked() -> None:
    assert parse_settings('[gui]\nlanguage = "zh_CN"\n').gui.language == "zh_CN"
    assert parse_settings("").gui.language == "auto"
    with pytest.raises(ConfigError, match="language"):
        parse_settings('[gui]\nlanguage = "fr"\n')


@pytest.fixture
def chinese(profile_folder: Path):
    settings = profile_folder / SETTINGS_FILE
    settings.write_text(settings.read_text(encoding="utf-8") + '\n[gui]\nlanguage = "zh_CN"\n')
    yield profile_folder
    install_language("en")


def test_a_chinese_profile_opens_a_chinese_window(chinese, open_window) -> None:
    _, main = open_window()
    assert main.card.ui.hang_up.text() == "挂断"  # the call card holds the call controls
    assert QLocale().name() == "zh_CN"  # what the pop-up reads its provider names in
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.buttons()[0].text() == "取消"  # Qt's own, from qtbase_zh_CN.qm
