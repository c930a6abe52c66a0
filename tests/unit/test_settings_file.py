"""The settings the first-run screen and the Settings dialog write: read back by a start as they
were saved, other parts' sections kept, IT's locked keys never written, a bad value refused with
the file untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from softphone.config import SETTINGS_FILE, ConfigError, load_profile
from softphone.settings_file import dumps, read_user_raw, save_settings


def test_saved_settings_load_as_saved(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOFTPHONE_PROVISIONING", str(tmp_path / "none.toml"))
    (tmp_path / SETTINGS_FILE).write_text(
        '# mine\n[sip]\nserver = "old.example"\n[compliance]\nregion = "DE"\n'
    )
    save_settings(
        tmp_path,
        {
            "sip": {"server": "pbx.example.com:5061", "user": "ann", "transport": "tls"},
            "gui": {"language": "zh_CN", "start_at_login": True},
            "central": {"url": "https://center.example", "user": 'ann "the agent"'},
        },
    )
    settings = load_profile(tmp_path).settings
    assert settings.sip.server == "pbx.example.com:5061" and settings.sip.transport == "tls"
    assert settings.gui.language == "zh_CN" and settings.gui.start_at_login is True
    assert settings.central.user == 'ann "the agent"'
    assert read_user_raw(tmp_path)["compliance"] == {"region": "DE"}  # another part's, kept
    assert "keyring" in (tmp_path / SETTINGS_FILE).read_text()  # the header: passwords elsewhere


def test_locked_keys_are_not_written(tmp_path: Path) -> None:
    save_settings(tmp_path, {"sip": {"server": "mine.example", "user": "ann"}}, {"sip.server"})
    assert read_user_raw(tmp_path)["sip"] == {"user": "ann"}


def test_a_value_a_start_would_refuse_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text('[sip]\nserver = "pbx.example"\n')
    with pytest.raises(ConfigError, match="transport"):
        save_settings(tmp_path, {"sip": {"transport": "sctp"}})
    assert (tmp_path / SETTINGS_FILE).read_text() == '[sip]\nserver = "pbx.example"\n'


def test_dumps_writes_nested_tables_and_lists() -> None:
    import tomllib

    raw = {"locked": ["sip.server"], "a": {"b": {"c": 1.5, "d": False}, "e": "x\ny"}}
    assert tomllib.loads(dumps(raw)) == raw
