"""IT's provisioning file: which value wins (locked > center > user > IT default > built-in),
a locked key edited in the user's file, and what the file may not say."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from softphone.config import ConfigError, load_profile, settings_from_raw
from softphone.provisioning import Provisioning, effective_raw, parse_provisioning

IT, MINE, CENTER = "it.example.com", "mine.example.com", "center.example.com"


def _provisioning(server: str | None, locked: bool) -> Provisioning:
    values = {"sip": {"server": server}} if server else {}
    return Provisioning(values=values, locked=frozenset({"sip.server"} if locked else ()))


@pytest.mark.parametrize(
    ("provisioned", "locked", "user", "center", "expected"),
    [
        (None, False, None, None, ""),  # nothing anywhere: the built-in default
        (IT, False, None, None, IT),  # IT's default where the user set nothing
        (IT, False, MINE, None, MINE),  # the user's file over IT's default
        (IT, False, MINE, CENTER, CENTER),  # the center over the user
        (None, False, MINE, CENTER, CENTER),
        (IT, True, None, None, IT),  # locked: over nothing
        (IT, True, MINE, None, IT),  # locked: over the user
        (IT, True, MINE, CENTER, IT),  # locked: over the center too
        (None, True, MINE, CENTER, ""),  # locked with no value: the built-in default
    ],
)
def test_which_value_wins(
    provisioned: str | None, locked: bool, user: str | None, center: str | None, expected: str
) -> None:
    user_raw = {"sip": {"server": user}} if user else {}
    center_raw = {"sip": {"server": center}} if center else None
    raw, _ = effective_raw(user_raw, _provisioning(provisioned, locked), center_raw)
    assert settings_from_raw(raw).sip.server == expected


def test_unlocked_keys_of_a_section_keep_the_users_other_keys() -> None:
    provisioning = parse_provisioning(
        'locked = ["sip.transport"]\n[sip]\nserver = "it.example.com"\ntransport = "tls"\n'
    )
    raw, _ = effective_raw({"sip": {"user": "agent7", "transport": "udp"}}, provisioning)
    sip = settings_from_raw(raw).sip
    assert (sip.server, sip.user, sip.transport) == ("it.example.com", "agent7", "tls")


def test_a_locked_key_in_the_users_file_is_ignored_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    machine = tmp_path / "provisioning.toml"
    machine.write_text('locked = ["sip.server"]\n[sip]\nserver = "pbx.corp:5061"\n', "utf-8")
    monkeypatch.setenv("SOFTPHONE_PROVISIONING", str(machine))
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "softphone.toml").write_text('[sip]\nserver = "evil:5060"\nuser = "a7"\n')
    with caplog.at_level(logging.WARNING, logger="softphone"):
        loaded = load_profile(profile)
    assert loaded.settings.sip.server == "pbx.corp:5061"
    assert loaded.settings.sip.user == "a7"
    assert loaded.locked == frozenset({"sip.server"})
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("sip.server = 'evil:5060'" in w and "ignored" in w for w in warned), warned


def test_no_provisioning_file_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOFTPHONE_PROVISIONING", str(tmp_path / "absent.toml"))
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "softphone.toml").write_text('[sip]\nserver = "mine:5060"\n')
    loaded = load_profile(profile)
    assert loaded.settings.sip.server == "mine:5060"
    assert loaded.locked == frozenset()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('provisioning_url = "http://it.example.com/p.toml"', "https://"),
        ('provisioning_url = "ftp://it.example.com/p.toml"', "https://"),
        ('locked = ["sip.servr"]', "sip.servr"),
        ('locked = "sip.server"', "list"),
        ("sip = 1", "[sip] must be a table"),
        ("[sip", "not valid TOML"),
    ],
)
def test_what_the_provisioning_file_may_not_say(text: str, says: str) -> None:
    with pytest.raises(ConfigError, match=None) as refused:
        parse_provisioning(text)
    assert says in str(refused.value)


def test_an_https_provisioning_url_is_taken() -> None:
    assert parse_provisioning('provisioning_url = "https://it.example.com/p.toml"').url == (
        "https://it.example.com/p.toml"
    )
