"""The gate's verdicts beyond the clock: caps, refusals, the blacklist, failing closed,
internal calls, and the JSON the headless agent emits."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from softphone.compliance.blacklist import BlacklistStore
from softphone.compliance.gate import Gate
from softphone.compliance.history import InMemoryHistory, PastCalls
from softphone.compliance.policy import BlacklistPolicy, Policy, parse_policy
from tests.unit.compliance.conftest import DOMAIN, GateFactory

CN = "+8613800138000"
PARIS = "+33612345678"
FLORIDA = "+13052345678"
NEW_YORK = "+12127363100"
NOON_CN = datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc)  # 10:00 in Beijing: open
OPEN_PARIS = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)  # 11:00 in Paris, a Wednesday


def test_an_open_number_is_allowed_with_its_local_time(make_gate: GateFactory) -> None:
    verdict = make_gate().check("138 0013 8000", NOON_CN)
    assert verdict.allowed and verdict.reasons == ()
    assert verdict.number_e164 == CN
    assert verdict.zones == ("Asia/Shanghai",)
    assert verdict.callee_local_time == "2026-11-25T10:00:00+08:00"
    assert verdict.next_allowed_at is None


@pytest.mark.parametrize(
    ("attempt_ages", "allowed"),
    [
        ([timedelta(minutes=4), timedelta(minutes=3)], True),  # 2 in 5 min
        ([timedelta(minutes=4), timedelta(minutes=3), timedelta(minutes=1)], False),  # 3 in 5
        ([timedelta(minutes=5), timedelta(minutes=3), timedelta(minutes=1)], True),  # 5:00 ago: out
        ([timedelta(minutes=4, seconds=59), timedelta(minutes=3), timedelta(seconds=1)], False),
        ([timedelta(hours=h) for h in (1, 2, 3, 4, 5)], False),  # 5 in 24 h
        ([timedelta(hours=h) for h in (1, 2, 3, 4, 24)], True),  # the 5th is exactly 24 h ago
        ([timedelta(hours=h) for h in (1, 2, 3, 4)], True),
    ],
)
def test_cn_caps_at_the_boundary(
    make_gate: GateFactory, history: InMemoryHistory, attempt_ages: list[timedelta], allowed: bool
) -> None:
    for age in attempt_ages:
        history.record_attempt(CN, NOON_CN - age)
    verdict = make_gate().check(CN, NOON_CN)
    assert verdict.allowed is allowed, verdict.reasons
    if not allowed:
        assert verdict.codes == ("cap",)
        assert "at most" in verdict.reasons[0].text


def test_a_cap_says_when_the_number_may_be_called_again(
    make_gate: GateFactory, history: InMemoryHistory
) -> None:
    for minutes in (4, 3, 1):
        history.record_attempt(CN, NOON_CN - timedelta(minutes=minutes))
    verdict = make_gate().check(CN, NOON_CN)
    assert verdict.next_allowed_at == NOON_CN + timedelta(minutes=1)
    assert make_gate().check(CN, NOON_CN + timedelta(minutes=1)).allowed


def test_florida_allows_three_calls_a_day(make_gate: GateFactory, history: InMemoryHistory) -> None:
    now = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)  # 10:00 in Miami
    for hours in (1, 2, 3):
        history.record_attempt(FLORIDA, now - timedelta(hours=hours))
    verdict = make_gate().check(FLORIDA, now)
    assert verdict.codes == ("cap",) and verdict.reasons[0].text.startswith("Florida")
    # The oldest call leaves the 24 h window at 07:00 Miami time; Florida opens at 08:00.
    assert verdict.next_allowed_at == datetime(2026, 11, 26, 13, 0, tzinfo=timezone.utc)


def test_france_four_calls_in_thirty_days(make_gate: GateFactory, history: InMemoryHistory) -> None:
    for days in (1, 8, 15, 29):
        history.record_attempt(PARIS, OPEN_PARIS - timedelta(days=days))
    verdict = make_gate().check(PARIS, OPEN_PARIS)
    assert verdict.codes == ("cap",)
    # The oldest leaves the window in a day, at 11:00 Paris time on a Thursday: open then.
    assert verdict.next_allowed_at == OPEN_PARIS + timedelta(days=1)


@pytest.mark.parametrize(
    ("number", "refused_days_ago", "blocked"),
    [
        (PARIS, 59, True),  # France: 60 days after a refusal
        (PARIS, 60, False),
        (CN, 200, True),  # China: the 12-month end of "6–12 months"
        (CN, 366, False),
        (FLORIDA, 1, False),  # no refusal cool-down in the US packs
    ],
)
def test_cool_down_after_a_refusal(
    make_gate: GateFactory,
    history: InMemoryHistory,
    number: str,
    refused_days_ago: int,
    blocked: bool,
) -> None:
    now = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)
    history.record_refusal(number, now - timedelta(days=refused_days_ago))
    gate = make_gate(Policy(enterprise=Policy().packs["GB"]))  # open around the clock
    verdict = gate.check(number, now)
    assert ("cool_down" in verdict.codes) is blocked, verdict.reasons


def test_a_cool_down_ends_in_a_calling_window(
    make_gate: GateFactory, history: InMemoryHistory
) -> None:
    history.record_refusal(PARIS, datetime(2026, 10, 2, 22, 0, tzinfo=timezone.utc))
    verdict = make_gate().check(PARIS, OPEN_PARIS)
    # 60 days later is Tue 1 Dec 22:00 UTC, 23:00 in Paris: the next window is Wed 2 Dec 10:00.
    assert verdict.next_allowed_at == datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)


def test_do_not_call_blocks_at_once_with_who_and_why(
    make_gate: GateFactory, store: BlacklistStore
) -> None:
    gate = make_gate()
    assert gate.check(CN, NOON_CN).allowed
    store.do_not_call(CN, "customer asked not to be called", "agent7")
    verdict = gate.check(CN, NOON_CN)
    assert verdict.codes == ("blacklisted",)
    assert "customer asked not to be called" in verdict.reasons[0].text
    assert "agent7" in verdict.reasons[0].text
    assert verdict.next_allowed_at is None  # time does not lift a do-not-call


def test_an_expired_entry_no_longer_blocks(make_gate: GateFactory, store: BlacklistStore) -> None:
    store.do_not_call(CN, "until the end of the campaign", "supervisor", expires="2026-11-25")
    gate = make_gate()
    assert not gate.check(CN, NOON_CN - timedelta(days=1)).allowed
    assert gate.check(CN, NOON_CN).allowed


def test_a_registry_number_is_blocked(make_gate: GateFactory, store: BlacklistStore) -> None:
    store.import_source("cn-dnc", np.array([8613800138000, 8613800138002]), country="CN")
    verdict = make_gate().check(CN, NOON_CN)
    assert verdict.codes == ("blacklisted",) and "cn-dnc" in verdict.reasons[0].text
    assert make_gate().check("+8613800138001", NOON_CN).allowed


def _expecting(sources: tuple[str, ...], days: int = 31) -> Policy:
    return Policy(blacklist=BlacklistPolicy(sources, timedelta(days=days)))


def test_an_expected_list_that_is_missing_blocks(make_gate: GateFactory) -> None:
    verdict = make_gate(_expecting(("cn-dnc",))).check(CN, NOON_CN)
    assert verdict.codes == ("blacklist_missing",)
    assert "softphone blacklist import" in verdict.reasons[0].text


def test_an_expected_list_that_is_too_old_blocks(
    make_gate: GateFactory, store: BlacklistStore
) -> None:
    store.import_source("cn-dnc", np.array([1]), at=NOON_CN - timedelta(days=32))
    assert make_gate(_expecting(("cn-dnc",))).check(CN, NOON_CN).codes == ("blacklist_stale",)
    store.apply_delta("cn-dnc", [8613800138009], [], at=NOON_CN - timedelta(days=1))
    assert make_gate(_expecting(("cn-dnc",))).check(CN, NOON_CN).allowed


@pytest.mark.parametrize("damage", ["truncate", "flip", "delete"])
def test_a_damaged_list_file_blocks_every_public_call(
    make_gate: GateFactory, store: BlacklistStore, damage: str
) -> None:
    store.import_source("cn-dnc", np.arange(8613800000000, 8613800100000))
    segment = next(store.folder.glob("cn-dnc-*.efs"))
    _damage(segment, damage)
    gate = make_gate(_expecting(("cn-dnc",)))
    verdict = gate.check(CN, NOON_CN)
    assert verdict.codes == ("blacklist_unreadable",)
    assert str(segment) in verdict.reasons[0].text
    assert gate.check("1001", NOON_CN).allowed  # a colleague is still reachable


def _damage(path: Path, how: str) -> None:
    if how == "delete":
        path.unlink()
    elif how == "truncate":
        path.write_bytes(path.read_bytes()[:-100])
    else:
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x40
        path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("clock", "says"),
    [
        (lambda: None, "unknown"),
        (lambda: datetime(1970, 1, 1, tzinfo=timezone.utc), "cannot be right"),
        (lambda: datetime(2026, 11, 25, 10, 0), "no UTC offset"),
    ],
)
def test_an_unknown_clock_blocks(
    store: BlacklistStore, history: InMemoryHistory, clock: object, says: str
) -> None:
    gate = Gate(Policy(), store, history, [DOMAIN], clock=clock)  # type: ignore[arg-type]
    verdict = gate.check(CN)
    assert verdict.codes == ("clock_unknown",) and says in verdict.reasons[0].text
    assert verdict.next_allowed_at is None


def test_an_unknown_zone_blocks(make_gate: GateFactory) -> None:
    verdict = make_gate().check("+800 1234 5678", NOON_CN)  # a universal freephone number
    assert verdict.codes == ("zone_unknown",)


@pytest.mark.parametrize(
    "typed", ["1001", "agent2", "sip:queue-sales@pbx.example", "sip:bob@crm.example"]
)
def test_internal_calls_pass_without_any_check(make_gate: GateFactory, typed: str) -> None:
    policy = parse_policy('internal_domains = ["crm.example"]\n[blacklist]\nexpected_sources=["x"]')
    midnight = datetime(2026, 11, 25, 16, 0, tzinfo=timezone.utc)  # 00:00 in Beijing
    verdict = make_gate(policy).check(typed, midnight)
    assert verdict.allowed and verdict.kind == "internal"


def test_a_number_in_a_sip_uri_is_checked_as_the_number(make_gate: GateFactory) -> None:
    midnight = datetime(2026, 11, 25, 16, 0, tzinfo=timezone.utc)
    verdict = make_gate().check(f"sip:{CN}@{DOMAIN}", midnight)
    assert not verdict.allowed and verdict.number_e164 == CN


def test_the_blocked_event_fields(make_gate: GateFactory) -> None:
    event = make_gate().check(PARIS, datetime(2026, 11, 25, 12, 30, tzinfo=timezone.utc)).to_json()
    assert event["number"] == PARIS
    assert [{"code": r["code"], "text": r["text"]} for r in event["reasons"]] == [
        {
            "code": "rest_period",
            "text": "France: Wed 13:30 in Europe/Paris is outside the calling hours "
            "(10:00–13:00, 14:00–20:00)",
        }
    ]
    # The same facts by name, for a window that words them in the agent's language.
    assert event["reasons"][0]["fields"] == {
        "pack": "France",
        "pack_key": "FR",
        "time": "13:30",
        "weekday": "3",
        "zone": "Europe/Paris",
        "closed_zones": "",
        "zones": "1",
        "hours": "10:00–13:00, 14:00–20:00",
    }
    assert event["callee_local_time"] == "2026-11-25T13:30:00+01:00"
    assert event["next_allowed_at"] == "2026-11-25T13:00:00Z"


def test_with_everything_wrong_every_reason_is_given(
    make_gate: GateFactory, store: BlacklistStore, history: InMemoryHistory
) -> None:
    store.do_not_call(PARIS, "asked", "agent7")
    history.record_refusal(PARIS, OPEN_PARIS - timedelta(days=1))
    sunday = datetime(2026, 11, 29, 10, 0, tzinfo=timezone.utc)
    verdict = make_gate(replace(_expecting(("fr-bloctel",)))).check(PARIS, sunday)
    assert set(verdict.codes) == {"blacklist_missing", "blacklisted", "rest_period", "cool_down"}
    assert verdict.next_allowed_at is None


def test_do_not_call_through_the_gate_takes_the_number_as_typed(make_gate: GateFactory) -> None:
    gate = make_gate()
    assert gate.do_not_call("138 0013 8000", "asked not to be called", "agent7") == CN
    assert gate.check(CN, NOON_CN).codes == ("blacklisted",)
    with pytest.raises(ValueError, match="not a phone number"):
        gate.do_not_call("agent2", "asked", "agent7")


class BrokenJournal:
    def past_calls(self, number_e164: str, since: datetime) -> PastCalls:
        raise OSError("database disk image is malformed")


@pytest.mark.allow_error_log
def test_a_journal_that_cannot_answer_blocks(store: BlacklistStore) -> None:
    gate = Gate(Policy(), store, BrokenJournal(), [DOMAIN])
    verdict = gate.check(CN, NOON_CN)
    assert verdict.codes == ("history_unreadable",) and "malformed" in verdict.reasons[0].text
    assert gate.check("1001", NOON_CN).allowed


@pytest.mark.allow_error_log
def test_the_journal_is_asked_only_where_a_cap_or_cool_down_applies(store: BlacklistStore) -> None:
    """New York has neither (its past calls change nothing); Florida caps calls a day."""
    gate = Gate(Policy(), store, BrokenJournal(), [DOMAIN])
    ten_in_new_york = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)
    assert gate.check(NEW_YORK, ten_in_new_york).allowed
    assert gate.check(FLORIDA, ten_in_new_york).codes == ("history_unreadable",)


@pytest.mark.allow_error_log
def test_a_gate_that_fails_inside_blocks_instead_of_raising(
    store: BlacklistStore, history: InMemoryHistory
) -> None:
    def broken_clock() -> datetime:
        raise RuntimeError("clock driver fell over")

    verdict = Gate(Policy(), store, history, [DOMAIN], clock=broken_clock).check(CN)
    assert not verdict.allowed and verdict.codes == ("check_failed",)
