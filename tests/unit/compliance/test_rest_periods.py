"""Each shipped pack, table-driven, at the callee's own local time: several windows a day,
weekends, public holidays, DST changes on the very instant, numbers with several zones."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softphone.compliance.rest import wall_clocks
from tests.unit.compliance.conftest import GateFactory

CN = "+8613800138000"  # Asia/Shanghai, no DST
NEW_YORK, FLORIDA, OKLAHOMA, MARYLAND = (
    "+12122345678",
    "+13052345678",
    "+14055551234",
    "+14102345678",
)
ALABAMA, LOUISIANA, TORONTO = "+12052345678", "+15042345678", "+14165550100"
PARIS, MADRID, SYDNEY, INDIA, LONDON = (
    "+33612345678", "+34912345678", "+61291234567", "+919876543210", "+442079460000"
)  # fmt: skip
TOLL_FREE, RUSSIAN_MOBILE = "+18005551234", "+79161234567"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# (number, instant with the callee's own offset, allowed?, first reason code, why)
STATUTORY = [
    (CN, "2026-11-25T07:59:00+08:00", False, "rest_period", "CN: before 08:00"),
    (CN, "2026-11-25T08:00:00+08:00", True, None, "CN: the morning window opens"),
    (CN, "2026-11-25T11:59:00+08:00", True, None, "CN: last minute before lunch"),
    (CN, "2026-11-25T12:00:00+08:00", False, "rest_period", "CN: lunch rest 12–14"),
    (CN, "2026-11-25T13:59:00+08:00", False, "rest_period", "CN: still lunch"),
    (CN, "2026-11-25T14:00:00+08:00", True, None, "CN: the afternoon window opens"),
    (CN, "2026-11-25T20:59:00+08:00", True, None, "CN: last minute of the day"),
    (CN, "2026-11-25T21:00:00+08:00", False, "rest_period", "CN: night rest from 21:00"),
    (CN, "2026-10-01T10:00:00+08:00", True, None, "CN: National Day is not closed by the pack"),
    (NEW_YORK, "2026-11-25T20:59:00-05:00", True, None, "US federal until 21:00"),
    (NEW_YORK, "2026-11-25T21:00:00-05:00", False, "rest_period", "US federal from 21:00"),
    (NEW_YORK, "2026-11-22T10:00:00-05:00", True, None, "US federal allows Sundays"),
    (FLORIDA, "2026-11-25T19:59:00-05:00", True, None, "Florida until 20:00"),
    (FLORIDA, "2026-11-25T20:00:00-05:00", False, "rest_period", "Florida closes at 20:00"),
    (OKLAHOMA, "2026-11-25T20:30:00-06:00", False, "rest_period", "Oklahoma closes at 20:00"),
    (MARYLAND, "2026-11-25T20:30:00-05:00", False, "rest_period", "Maryland closes at 20:00"),
    (ALABAMA, "2026-11-22T10:00:00-06:00", False, "rest_period", "Alabama: no Sundays"),
    (ALABAMA, "2026-11-23T10:00:00-06:00", True, None, "Alabama: Monday is fine"),
    (ALABAMA, "2026-01-19T10:00:00-06:00", False, "holiday", "Alabama: state holiday"),
    (NEW_YORK, "2026-01-19T10:00:00-05:00", True, None, "the same holiday is no bar in NY"),
    (LOUISIANA, "2026-11-22T10:00:00-06:00", False, "rest_period", "Louisiana: no Sundays"),
    (LOUISIANA, "2026-12-25T10:00:00-06:00", False, "holiday", "Louisiana: Christmas"),
    (TORONTO, "2026-11-25T21:29:00-05:00", True, None, "Canada weekdays until 21:30"),
    (TORONTO, "2026-11-25T21:30:00-05:00", False, "rest_period", "Canada weekdays end 21:30"),
    (TORONTO, "2026-11-25T08:59:00-05:00", False, "rest_period", "Canada weekdays from 09:00"),
    (TORONTO, "2026-11-28T09:30:00-05:00", False, "rest_period", "Canada weekends from 10:00"),
    (TORONTO, "2026-11-28T17:59:00-05:00", True, None, "Canada weekends until 18:00"),
    (TORONTO, "2026-11-28T18:00:00-05:00", False, "rest_period", "Canada weekends end 18:00"),
    (PARIS, "2026-11-25T10:00:00+01:00", True, None, "France: morning window"),
    (PARIS, "2026-11-25T13:30:00+01:00", False, "rest_period", "France: 13–14 is closed"),
    (PARIS, "2026-11-25T19:59:00+01:00", True, None, "France: until 20:00"),
    (PARIS, "2026-11-28T11:00:00+01:00", False, "rest_period", "France: never Saturdays"),
    (PARIS, "2026-12-25T11:00:00+01:00", False, "holiday", "France: Christmas (a Friday)"),
    (PARIS, "2026-07-14T11:00:00+02:00", False, "holiday", "France: 14 juillet"),
    (MADRID, "2026-11-25T20:59:00+01:00", True, None, "Spain weekdays until 21:00"),
    (MADRID, "2026-11-25T08:59:00+01:00", False, "rest_period", "Spain weekdays from 09:00"),
    (MADRID, "2026-11-29T12:00:00+01:00", False, "rest_period", "Spain: never Sundays"),
    (SYDNEY, "2026-11-28T16:59:00+11:00", True, None, "Australia: Saturday until 17:00"),
    (SYDNEY, "2026-11-28T17:00:00+11:00", False, "rest_period", "Australia: Saturday ends 17"),
    (SYDNEY, "2026-11-29T12:00:00+11:00", False, "rest_period", "Australia: never Sundays"),
    (SYDNEY, "2026-11-25T19:59:00+11:00", True, None, "Australia: weekdays until 20:00"),
    (SYDNEY, "2026-01-26T12:00:00+11:00", False, "holiday", "Australia Day"),
    (INDIA, "2026-11-25T08:59:00+05:30", False, "rest_period", "India from 09:00"),
    (INDIA, "2026-11-25T20:59:00+05:30", True, None, "India until 21:00"),
    (LONDON, "2026-11-25T23:00:00+00:00", True, None, "UK: no statutory window"),
]


@pytest.mark.parametrize(("number", "when", "allowed", "code", "why"), STATUTORY)
def test_statutory_packs(
    make_gate: GateFactory, number: str, when: str, allowed: bool, code: str | None, why: str
) -> None:
    verdict = make_gate(statutory_only=True).check(number, at(when))
    assert verdict.allowed is allowed, (why, verdict.reasons)
    if code is not None:
        assert verdict.reasons[0].code == code, why
    assert verdict.callee_local_time == at(when).isoformat(timespec="seconds"), why


# DST: the offset of the instant itself, not of local midnight.
DST = [
    # New York springs forward on Sun 8 Mar 2026 at 02:00: 12:30Z is 08:30 EDT (allowed), though
    # with the winter offset it would be 07:30.
    (NEW_YORK, "2026-03-08T12:30:00Z", True),
    (NEW_YORK, "2026-03-08T11:30:00Z", False),
    (NEW_YORK, "2026-03-07T12:30:00Z", False),  # the day before: 07:30 EST
    # Paris falls back on Sun 25 Oct 2026: 09:30Z is 11:30 CEST on Friday, 10:30 CET on Monday.
    (PARIS, "2026-10-23T07:30:00Z", False),
    (PARIS, "2026-10-23T08:00:00Z", True),
    (PARIS, "2026-10-26T08:30:00Z", False),  # 09:30 CET, would be 10:30 with the summer offset
    (PARIS, "2026-10-26T09:00:00Z", True),
    # Sydney springs forward on Sun 4 Oct 2026: Monday 22:30Z of Sunday is 09:30 AEDT on Monday.
    (SYDNEY, "2026-10-04T22:30:00Z", True),
    (SYDNEY, "2026-10-04T21:30:00Z", False),  # 08:30 AEDT (09:30 with the old offset)
]


@pytest.mark.parametrize(("number", "when", "allowed"), DST)
def test_daylight_saving_uses_the_offset_of_the_instant(
    make_gate: GateFactory, number: str, when: str, allowed: bool
) -> None:
    verdict = make_gate(statutory_only=True).check(number, at(when))
    assert verdict.allowed is allowed, verdict.reasons


def test_a_toll_free_number_must_be_open_in_every_us_zone(make_gate: GateFactory) -> None:
    gate = make_gate(statutory_only=True)
    early = gate.check(TOLL_FREE, at("2026-11-25T14:00:00Z"))  # 09:00 in New York, 04:00 Adak
    assert not early.allowed
    assert "America/New_York" in early.zones and "America/Adak" in early.zones
    assert not any(z.startswith(("America/Anguilla", "America/Toronto")) for z in early.zones)
    assert "closed in" in early.reasons[0].text
    assert early.next_allowed_at == at("2026-11-25T18:00:00Z")  # 08:00 in Adak (UTC-10)
    assert gate.check(TOLL_FREE, at("2026-11-25T19:00:00Z")).allowed  # 14:00 NY, 09:00 Adak
    assert not gate.check(TOLL_FREE, at("2026-11-26T02:30:00Z")).allowed  # 21:30 in New York


def test_a_russian_mobile_is_checked_in_every_russian_zone(make_gate: GateFactory) -> None:
    gate = make_gate()  # Russia has no pack: the enterprise window 08–21, in each zone
    verdict = gate.check(RUSSIAN_MOBILE, at("2026-11-25T07:00:00Z"))  # 10:00 Moscow, 19:00 PKT
    assert verdict.allowed, verdict.reasons
    assert {"Europe/Moscow", "Asia/Kamchatka", "Asia/Vladivostok"} <= set(verdict.zones)
    assert "Asia/Almaty" not in verdict.zones  # +7 is shared with Kazakhstan
    late = gate.check(RUSSIAN_MOBILE, at("2026-11-25T10:00:00Z"))  # 22:00 in Kamchatka
    assert not late.allowed
    assert late.next_allowed_at == at("2026-11-26T05:00:00Z")  # 08:00 in Moscow


def test_the_enterprise_window_narrows_every_pack(make_gate: GateFactory) -> None:
    gate = make_gate()  # default enterprise window 08:00–21:00
    late = gate.check(TORONTO, at("2026-11-25T21:15:00-05:00"))  # Canada allows until 21:30
    assert late.codes == ("rest_period",)
    assert late.reasons[0].text.startswith("enterprise:")
    assert not gate.check(LONDON, at("2026-11-25T21:30:00+00:00")).allowed


def test_next_allowed_skips_weekends_and_holidays(make_gate: GateFactory) -> None:
    gate = make_gate(statutory_only=True)
    christmas = gate.check(PARIS, at("2026-12-24T19:30:00+01:00"))  # Thu 24: fine
    assert christmas.allowed
    closed = gate.check(PARIS, at("2026-12-24T20:30:00+01:00"))
    # Fri 25 is Christmas, then a weekend: Monday 28 at 10:00 Paris time.
    assert closed.next_allowed_at == at("2026-12-28T10:00:00+01:00")
    assert closed.to_json()["next_allowed_at"] == "2026-12-28T09:00:00Z"


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(
        min_value=datetime(2025, 1, 1), max_value=datetime(2040, 12, 31), timezones=st.just(UTC)
    ),
    st.lists(st.sampled_from(sorted(zoneinfo.available_timezones())), min_size=1, max_size=12),
)
def test_local_time_texts_read_as_isoformat_writes_them(moment: datetime, names: list[str]) -> None:
    """The shortcut (one text per UTC offset, from the UTC wall clock) writes what datetime
    itself writes, across DST changes and odd offsets (+05:45, +13:45, -09:30)."""
    locals_ = [moment.astimezone(zoneinfo.ZoneInfo(name)) for name in names]
    offsets = [local.utcoffset() for local in locals_]
    assert wall_clocks(moment, locals_, offsets) == tuple(
        local.isoformat(timespec="seconds") for local in locals_
    )
