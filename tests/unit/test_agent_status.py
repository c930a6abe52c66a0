"""The agent status machine: every row of the transition table, refusals, wrap-up modes, the
missed-calls rule and the cellphone flag."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from softphone.agent.status import (
    AGENT_MAY_SET,
    MISSED_CALLS,
    AgentState,
    StatusPolicy,
    StatusRefused,
    Trigger,
    agent_sets,
    on_call_event,
    set_cellphone_pickup,
    signed_off,
    tick,
    wrap_up_done,
)
from softphone.protocol import AgentStatus as S

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
POLICY = StatusPolicy()
REASON = {S.BREAK: "lunch", S.NOT_READY: "training"}


def state(status: S, **kw: object) -> AgentState:
    return AgentState(status=status, since=T0, **kw)  # type: ignore[arg-type]


def later(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("before", "after", "allowed"),
    [
        (S.OFFLINE, S.AVAILABLE, True),
        (S.OFFLINE, S.BREAK, True),
        (S.AVAILABLE, S.BREAK, True),
        (S.AVAILABLE, S.NOT_READY, True),
        (S.AVAILABLE, S.OFFLINE, True),
        (S.BREAK, S.AVAILABLE, True),
        (S.NOT_READY, S.BREAK, True),
        (S.WRAP_UP, S.AVAILABLE, True),
        (S.AVAILABLE, S.ON_CALL, False),
        (S.AVAILABLE, S.RINGING, False),
        (S.AVAILABLE, S.WRAP_UP, False),
        (S.RINGING, S.BREAK, False),
        (S.ON_CALL, S.AVAILABLE, False),
        (S.ON_CALL, S.OFFLINE, False),
        (S.OFFLINE, S.WRAP_UP, False),
    ],
)
def test_agent_picks_a_status(before: S, after: S, allowed: bool) -> None:
    assert (after in AGENT_MAY_SET[before]) is allowed
    start = state(before, wrap_up_deadline=None)
    if allowed:
        moved = agent_sets(start, after, REASON.get(after), POLICY, later(5))
        assert (moved.status, moved.since, moved.reason) == (after, later(5), REASON.get(after))
    else:
        with pytest.raises(StatusRefused):
            agent_sets(start, after, REASON.get(after), POLICY, later(5))


def test_refusal_says_why() -> None:
    with pytest.raises(StatusRefused, match="hang up first"):
        agent_sets(state(S.ON_CALL), S.BREAK, "lunch", POLICY, later(1))
    with pytest.raises(StatusRefused, match="answer or reject"):
        agent_sets(state(S.RINGING), S.AVAILABLE, None, POLICY, later(1))


def test_break_and_not_ready_need_a_known_reason() -> None:
    with pytest.raises(StatusRefused, match="needs a reason"):
        agent_sets(state(S.AVAILABLE), S.BREAK, None, POLICY, later(1))
    with pytest.raises(StatusRefused, match="not a break reason"):
        agent_sets(state(S.AVAILABLE), S.BREAK, "nap", POLICY, later(1))
    with pytest.raises(StatusRefused, match="takes no reason"):
        agent_sets(state(S.BREAK, reason="lunch"), S.AVAILABLE, "lunch", POLICY, later(1))
    custom = StatusPolicy(reason_codes={S.BREAK: ("nap",)})
    assert agent_sets(state(S.AVAILABLE), S.BREAK, "nap", custom, later(1)).reason == "nap"


def test_missed_calls_reason_is_not_for_the_agent_to_pick() -> None:
    with pytest.raises(StatusRefused):
        agent_sets(state(S.AVAILABLE), S.NOT_READY, MISSED_CALLS, POLICY, later(1))


@pytest.mark.parametrize(
    ("before", "trigger", "after"),
    [
        (S.AVAILABLE, Trigger.OFFER, S.RINGING),
        (S.BREAK, Trigger.OFFER, S.BREAK),
        (S.ON_CALL, Trigger.OFFER, S.ON_CALL),
        (S.RINGING, Trigger.ANSWER, S.ON_CALL),
        (S.BREAK, Trigger.ANSWER, S.ON_CALL),
        (S.AVAILABLE, Trigger.DIAL, S.ON_CALL),
        (S.NOT_READY, Trigger.DIAL, S.ON_CALL),
        (S.OFFLINE, Trigger.DIAL, S.ON_CALL),
        (S.ON_CALL, Trigger.CALL_END, S.WRAP_UP),
        (S.BREAK, Trigger.OFFER_LOST, S.BREAK),
    ],
)
def test_call_events_follow_the_table(before: S, trigger: Trigger, after: S) -> None:
    calls = frozenset({"c1"}) if trigger in (Trigger.CALL_END, Trigger.ANSWER) else frozenset()
    moved = on_call_event(state(before, calls=calls), trigger, "c1", POLICY, later(2))
    assert moved.status is after
    assert moved.since == (later(2) if after is not before else T0)


@pytest.mark.parametrize(
    ("before", "trigger"),
    [
        (S.AVAILABLE, Trigger.CALL_END),
        (S.BREAK, Trigger.WRAP_UP_DONE),
        (S.OFFLINE, Trigger.CALL_END),
    ],
)
def test_call_events_outside_the_table_are_refused(before: S, trigger: Trigger) -> None:
    with pytest.raises(StatusRefused, match=f"while {before.value}"):
        on_call_event(state(before), trigger, "c1", POLICY, later(1))


def test_failed_outbound_attempt_gets_a_wrap_up_too() -> None:
    dialing = on_call_event(state(S.AVAILABLE), Trigger.DIAL, "c1", POLICY, later(1))
    ended = on_call_event(dialing, Trigger.CALL_END, "c1", POLICY, later(3))
    assert ended.status is S.WRAP_UP
    assert ended.wrap_up_call == "c1"
    assert ended.wrap_up_deadline == later(3 + POLICY.wrap_up_seconds)


def test_wrap_up_waits_for_the_last_call() -> None:
    s = on_call_event(state(S.AVAILABLE), Trigger.DIAL, "c1", POLICY, later(1))
    s = on_call_event(s, Trigger.DIAL, "c2", POLICY, later(2))
    s = on_call_event(s, Trigger.CALL_END, "c1", POLICY, later(3))
    assert s.status is S.ON_CALL
    s = on_call_event(s, Trigger.CALL_END, "c2", POLICY, later(4))
    assert (s.status, s.wrap_up_call) == (S.WRAP_UP, "c2")


def _in_wrap_up(mode: str, seconds: int = 30) -> tuple[AgentState, StatusPolicy]:
    policy = StatusPolicy(wrap_up_mode=mode, wrap_up_seconds=seconds)
    s = on_call_event(state(S.AVAILABLE), Trigger.DIAL, "c1", policy, T0)
    return on_call_event(s, Trigger.CALL_END, "c1", policy, T0), policy


def test_optional_wrap_up_has_no_deadline_and_ends_when_the_agent_says() -> None:
    s, policy = _in_wrap_up("optional")
    assert s.wrap_up_deadline is None
    assert tick(s, later(3600)).status is S.WRAP_UP
    assert wrap_up_done(s, policy, later(5)).status is S.AVAILABLE


def test_timed_wrap_up_ends_by_itself_at_the_deadline_or_earlier_by_the_agent() -> None:
    s, policy = _in_wrap_up("timed", 20)
    assert tick(s, later(19.9)) is s
    expired = tick(s, later(25))
    assert (expired.status, expired.since) == (S.AVAILABLE, later(20))  # exact, not when noticed
    assert wrap_up_done(s, policy, later(5)).status is S.AVAILABLE
    assert agent_sets(s, S.BREAK, "lunch", policy, later(5)).status is S.BREAK


def test_timed_mandatory_wrap_up_has_no_early_exit() -> None:
    s, policy = _in_wrap_up("timed_mandatory", 20)
    with pytest.raises(StatusRefused, match="mandatory for 15 s"):
        wrap_up_done(s, policy, later(5))
    with pytest.raises(StatusRefused, match="mandatory"):
        agent_sets(s, S.BREAK, "lunch", policy, later(5))
    assert tick(s, later(20)).status is S.AVAILABLE
    assert wrap_up_done(s, policy, later(21)).status is S.AVAILABLE


def test_wrap_up_done_outside_wrap_up_is_refused() -> None:
    with pytest.raises(StatusRefused, match="not in wrap-up"):
        wrap_up_done(state(S.AVAILABLE), POLICY, later(1))


def _offer_and_lose(s: AgentState, call: str, at: float, policy: StatusPolicy) -> AgentState:
    s = on_call_event(s, Trigger.OFFER, call, policy, later(at))
    return on_call_event(s, Trigger.OFFER_LOST, call, policy, later(at + 10))


def test_unanswered_offers_in_a_row_move_the_agent_to_not_ready() -> None:
    policy = StatusPolicy(missed_offers_before_not_ready=3)
    s = _offer_and_lose(state(S.AVAILABLE), "c1", 0, policy)
    s = _offer_and_lose(s, "c2", 20, policy)
    assert (s.status, s.missed_in_row) == (S.AVAILABLE, 2)
    s = _offer_and_lose(s, "c3", 40, policy)
    assert (s.status, s.reason, s.since) == (S.NOT_READY, MISSED_CALLS, later(50))
    # the agent comes back by choice
    assert agent_sets(s, S.AVAILABLE, None, policy, later(60)).status is S.AVAILABLE


def test_an_answered_offer_resets_the_count() -> None:
    policy = StatusPolicy(missed_offers_before_not_ready=2)
    s = _offer_and_lose(state(S.AVAILABLE), "c1", 0, policy)
    s = on_call_event(s, Trigger.OFFER, "c2", policy, later(20))
    s = on_call_event(s, Trigger.ANSWER, "c2", policy, later(21))
    s = on_call_event(s, Trigger.CALL_END, "c2", policy, later(30))
    s = wrap_up_done(s, policy, later(31))
    s = _offer_and_lose(s, "c3", 40, policy)
    assert (s.status, s.missed_in_row) == (S.AVAILABLE, 1)


def test_zero_disables_the_missed_calls_rule() -> None:
    policy = StatusPolicy(missed_offers_before_not_ready=0)
    s = state(S.AVAILABLE)
    for n in range(5):
        s = _offer_and_lose(s, f"c{n}", n * 20, policy)
    assert s.status is S.AVAILABLE


def test_cellphone_pickup_is_a_flag_beside_the_status() -> None:
    s = set_cellphone_pickup(state(S.AVAILABLE), True)
    assert (s.status, s.since, s.cellphone_pickup) == (S.AVAILABLE, T0, True)
    assert agent_sets(s, S.BREAK, "lunch", POLICY, later(1)).cellphone_pickup


def test_signing_off_ends_even_a_mandatory_wrap_up() -> None:
    s, _ = _in_wrap_up("timed_mandatory")
    off = signed_off(s, later(1))
    assert (off.status, off.wrap_up_deadline, off.calls) == (S.OFFLINE, None, frozenset())
