"""The enterprise policy file: defaults without one, overrides and extra packs with one, and a
clear error naming the key for anything it cannot use."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from softphone.compliance.errors import PolicyError
from softphone.compliance.history import InMemoryHistory
from softphone.compliance.policy import Policy, load_policy, parse_policy
from softphone.compliance.profile import open_gate

WEDNESDAY_NOON_UTC = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    policy = load_policy(tmp_path)
    assert policy.default_region == "CN"
    assert policy.blacklist.expected_sources == ()
    assert set(policy.packs) >= {"CN", "US", "US-FL", "US-OK", "US-MD", "US-AL", "US-LA", "CA",
                                 "FR", "ES", "AU", "IN", "GB"}  # fmt: skip


def test_an_enterprise_overrides_a_pack_and_adds_one(tmp_path: Path) -> None:
    (tmp_path / "compliance.toml").write_text(
        """
default_region = "DE"
[enterprise]
windows.all = ["00:00-24:00"]
[packs.GB]
name = "UK (our counsel)"
windows.weekdays = ["09:00-17:00"]
[packs.DE]
name = "Germany (our counsel)"
windows.weekdays = ["09:00-20:00"]
windows.holidays = []
""",
        encoding="utf-8",
    )
    gate = open_gate(tmp_path, "pbx.example", InMemoryHistory())
    london = gate.check("+442079460000", datetime(2026, 11, 25, 17, 30, tzinfo=timezone.utc))
    assert london.codes == ("rest_period",) and "UK (our counsel)" in london.reasons[0].text
    berlin = gate.check("030 1234567", WEDNESDAY_NOON_UTC)  # national format, region DE
    assert berlin.allowed and berlin.number_e164 == "+49301234567"
    christmas = gate.check("+49301234567", datetime(2026, 12, 25, 12, 0, tzinfo=timezone.utc))
    assert christmas.codes == ("holiday",)


def test_the_profile_sip_domain_makes_its_users_internal(tmp_path: Path) -> None:
    gate = open_gate(tmp_path, "pbx.example", InMemoryHistory())
    assert gate.check("sip:bob@pbx.example", WEDNESDAY_NOON_UTC).kind == "internal"
    assert gate.check("sip:bob@elsewhere.example", WEDNESDAY_NOON_UTC).codes == ("external_uri",)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("colour = 'red'", "unknown key 'colour'"),
        ("default_region = 'XX'", "default_region 'XX'"),
        ("extension_max_digits = 12", "extension_max_digits"),
        ("[enterprise]\nwindows.all = ['8-12']", "not a window like"),
        ("[enterprise]\nwindows.all = ['12:00-08:00']", "must run forward"),
        ("[enterprise]\nwindows.funday = ['08:00-12:00']", "unknown day 'funday'"),
        ("[enterprise]\ncaps = [{calls = 3, per = 'a while'}]", "not a duration"),
        ("[enterprise]\ncaps = [{calls = 0, per = '1h'}]", "whole number ≥ 1"),
        ("[packs.XX]\nwindows.all = []\nwindows.holidays = []", "no public-holiday calendar"),
        ("[packs.FR]\nhours = 3", "unknown key 'hours'"),
        ("[blacklist]\nmax_age_days = -1", "max_age_days"),
        ("[blacklist]\nexpected_sources = 'us-dnc'", "expected_sources"),
        ("default_region = ", "not valid TOML"),
    ],
)
def test_a_policy_it_cannot_use_is_an_error_naming_the_key(text: str, says: str) -> None:
    with pytest.raises(PolicyError, match=says):
        parse_policy(text)


def test_an_unreadable_policy_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "compliance.toml").write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(PolicyError, match="cannot read"):
        load_policy(tmp_path)


def test_a_pack_with_several_windows_a_day_and_a_holiday_rule() -> None:
    policy = parse_policy("[packs.CN]\nwindows.all = ['09:00-11:00', '15:00-17:00']")
    assert isinstance(policy, Policy)
    cn = policy.packs["CN"]
    assert [str(w) for w in cn.week[0]] == ["09:00–11:00", "15:00–17:00"]
    assert cn.caps == ()  # a replaced pack is replaced whole, caps included


def test_a_far_ends_refer_is_refused_unless_the_policy_accepts_it() -> None:
    assert Policy().accept_refer is False
    assert parse_policy("accept_refer = true").accept_refer is True
    with pytest.raises(PolicyError, match="accept_refer must be true or false"):
        parse_policy('accept_refer = "yes"')
