"""Properties over random instants: an allowed verdict never falls inside a window the law
forbids, in any of the callee's zones, and `next_allowed_at` is the first allowed minute.

The forbidden hours here are written afresh from the issue's list, not read from packs.toml,
so a wrong pack fails these tests.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from softphone.compliance.blacklist import BlacklistStore
from softphone.compliance.gate import Gate
from softphone.compliance.history import InMemoryHistory
from softphone.compliance.policy import Policy

Rule = Callable[[datetime], bool]  # local time → forbidden?


def hours(start: float, end: float) -> Rule:
    return lambda t: not start <= t.hour + t.minute / 60 < end


def weekday_rule(weekdays: Rule, sat: Rule, sun: Rule, calendar: object = None) -> Rule:
    def forbidden(t: datetime) -> bool:
        if calendar is not None and t.date() in calendar:  # type: ignore[operator]
            return True
        return (weekdays, weekdays, weekdays, weekdays, weekdays, sat, sun)[t.weekday()](t)

    return forbidden


NEVER: Rule = lambda t: True  # noqa: E731
ENTERPRISE = hours(8, 21)
FR = weekday_rule(
    lambda t: hours(10, 13)(t) and hours(14, 20)(t), NEVER, NEVER, holidays.country_holidays("FR")
)
CASES: dict[str, list[Rule]] = {
    "+8613800138000": [lambda t: hours(8, 12)(t) and hours(14, 21)(t)],
    "+12122345678": [hours(8, 21)],
    "+13052345678": [hours(8, 20)],
    "+12052345678": [
        weekday_rule(hours(8, 21), hours(8, 21), NEVER, holidays.country_holidays("US", "AL"))
    ],
    "+14165550100": [weekday_rule(hours(9, 21.5), hours(10, 18), hours(10, 18))],
    "+33612345678": [FR],
    "+34912345678": [weekday_rule(hours(9, 21), NEVER, NEVER, holidays.country_holidays("ES"))],
    "+61412345678": [
        weekday_rule(hours(9, 20), hours(9, 17), NEVER, holidays.country_holidays("AU"))
    ],
    "+919876543210": [hours(9, 21)],
    "+18005551234": [hours(8, 21)],
    "+79161234567": [],
}
instants = st.datetimes(
    min_value=datetime(2026, 1, 1),
    max_value=datetime(2027, 12, 31),
    timezones=st.just(timezone.utc),
)


def _gate(folder: Path) -> Gate:
    return Gate(Policy(), BlacklistStore(folder), InMemoryHistory(), ["pbx.example"])


@settings(max_examples=400, deadline=None)
@given(number=st.sampled_from(sorted(CASES)), now=instants)
def test_no_allowed_verdict_inside_a_forbidden_window(number: str, now: datetime) -> None:
    verdict = _gate(Path("/nonexistent/blacklist")).check(number, now)
    for zone in verdict.zones:
        local = now.astimezone(zoneinfo.ZoneInfo(zone))
        for forbidden in (*CASES[number], ENTERPRISE):
            if forbidden(local):
                assert not verdict.allowed, (number, local.isoformat())


@settings(max_examples=150, deadline=None)
@given(number=st.sampled_from(sorted(CASES)), now=instants)
def test_next_allowed_is_the_first_allowed_minute(number: str, now: datetime) -> None:
    gate = _gate(Path("/nonexistent/blacklist"))
    verdict = gate.check(number, now)
    if verdict.allowed:
        assert verdict.next_allowed_at is None
        return
    opening = verdict.next_allowed_at
    assert opening is not None and opening > now
    assert gate.check(number, opening).allowed
    assert not gate.check(number, opening - timedelta(minutes=1)).allowed
