"""A call being dialled counts against the caps before the journal has its record: two quick
dials cannot slip past "3 per 5 minutes", and a record that lands later is not counted twice."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from softphone.compliance.gate import Gate
from softphone.compliance.history import InMemoryHistory
from tests.unit.compliance.conftest import GateFactory

CN = "+8613800138000"
OPEN_CN = datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc)  # 10:00 in Beijing


def _dial(gate: Gate, at: datetime) -> bool:
    """What the outbound desk does: check, and count the call when it goes out."""
    verdict = gate.check(CN, at)
    if verdict.allowed:
        gate.dialled(verdict)
    return verdict.allowed


def test_calls_still_ringing_count_against_the_cap(make_gate: GateFactory) -> None:
    gate = make_gate()
    seconds = [OPEN_CN + timedelta(seconds=s) for s in range(4)]
    assert [_dial(gate, at) for at in seconds] == [True, True, True, False]
    blocked = gate.check(CN, seconds[-1])
    assert blocked.codes == ("cap",) and "3 calls" in blocked.reasons[0].text
    # The cap clears 5 minutes after the first of the three, journaled or not.
    assert gate.check(CN, OPEN_CN + timedelta(minutes=5, seconds=1)).allowed


def test_a_call_is_counted_once_when_its_record_lands(
    make_gate: GateFactory, history: InMemoryHistory
) -> None:
    gate = make_gate()
    first, second = OPEN_CN, OPEN_CN + timedelta(seconds=20)
    assert _dial(gate, first) and _dial(gate, second)
    # The first call ended: its record starts a moment after the dial.
    history.record_attempt(CN, first + timedelta(seconds=1))
    assert len(gate.history.past_calls(CN, OPEN_CN - timedelta(hours=1)).attempts) == 2
    assert _dial(gate, second + timedelta(seconds=5))  # the third call of five minutes
    assert not _dial(gate, second + timedelta(seconds=6))


def test_a_quick_call_ended_before_the_next_dial_still_counts_once(
    make_gate: GateFactory, history: InMemoryHistory
) -> None:
    """The first call's record starts after the second dial (its first state came late) and
    is in the journal while the second call still rings: both count."""
    gate = make_gate()
    assert _dial(gate, OPEN_CN) and _dial(gate, OPEN_CN + timedelta(seconds=1))
    history.record_attempt(CN, OPEN_CN + timedelta(seconds=2))
    assert len(gate.history.past_calls(CN, OPEN_CN - timedelta(minutes=5)).attempts) == 2


def test_a_dial_the_engine_could_not_make_does_not_count(make_gate: GateFactory) -> None:
    gate = make_gate()
    for second in range(3):
        verdict = gate.check(CN, OPEN_CN + timedelta(seconds=second))
        gate.dialled(verdict)
        gate.not_made(verdict)  # e.g. not registered: no INVITE left the device
    assert gate.check(CN, OPEN_CN + timedelta(seconds=3)).allowed


def test_checking_alone_counts_nothing(make_gate: GateFactory) -> None:
    gate = make_gate()
    for second in range(5):
        assert gate.check(CN, OPEN_CN + timedelta(seconds=second)).allowed


def test_a_refusal_comes_back_with_the_calls_still_ringing(
    make_gate: GateFactory, history: InMemoryHistory
) -> None:
    gate = make_gate()
    refused = OPEN_CN - timedelta(days=400)  # China's cool-down is over: the call goes out
    history.record_refusal(CN, refused)
    assert _dial(gate, OPEN_CN)
    past = gate.history.past_calls(CN, OPEN_CN - timedelta(minutes=5))
    assert past.attempts == [OPEN_CN] and past.last_refusal == refused
