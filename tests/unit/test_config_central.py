"""The `[central]` and `[journal]` sections of softphone.toml."""

from __future__ import annotations

import pytest

from softphone.config import ConfigError, parse_settings


def test_no_center_by_default() -> None:
    settings = parse_settings('[sip]\nuser = "agent7"\n')
    assert settings.central.url == "" and settings.journal.call_retention_days == 183


def test_a_center_with_its_user() -> None:
    settings = parse_settings('[central]\nurl = "https://c.example:8470"\nuser = "agent7"\n')
    assert (settings.central.url, settings.central.user) == ("https://c.example:8470", "agent7")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[central]\nurl = "c.example"\nuser = "a"\n', "must start with http"),
        ('[central]\nurl = "https://c.example"\n', "user is needed"),
        ('[central]\nuri = "https://c.example"\n', "unknown key 'uri'"),
        ("[journal]\ncall_retention_days = 0\n", "at least 1"),
        ('[journal]\ncall_retention_days = "six months"\n', "must be a int"),
    ],
)
def test_bad_central_settings_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_settings(text)
