"""Whatever happens, in whatever order, the agent's status stays coherent: every move is either
applied by the table or refused with a reason, time never runs backwards, wrap-up always names
its call, break and not_ready always carry a reason, and the agent is on a call exactly when a
connected or dialled call is live."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from softphone.agent import status as machine
from softphone.agent.status import AgentState, StatusPolicy, StatusRefused, Trigger
from softphone.protocol import AgentStatus as S

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
CALLS = ("c1", "c2", "c3")
REASONS = (None, "lunch", "meeting", "nap")

steps = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(list(S)), st.sampled_from(REASONS)),
    st.tuples(st.just("call"), st.sampled_from([Trigger.OFFER, Trigger.ANSWER, Trigger.DIAL]),
              st.sampled_from(CALLS)),
    st.tuples(st.just("end"), st.sampled_from(CALLS), st.booleans()),
    st.tuples(st.just("done"), st.none(), st.none()),
    st.tuples(st.just("tick"), st.none(), st.none()),
)  # fmt: skip
policies = st.builds(
    StatusPolicy,
    wrap_up_mode=st.sampled_from(machine.WRAP_UP_MODES),
    wrap_up_seconds=st.integers(0, 120),
    missed_offers_before_not_ready=st.integers(0, 3),
)


def apply(state: AgentState, step: tuple[object, ...], policy: StatusPolicy, now: datetime,
          answered: set[str]) -> AgentState:  # fmt: skip
    kind, a, b = step
    if kind == "set":
        return machine.agent_sets(state, a, b, policy, now)  # type: ignore[arg-type]
    if kind == "call":
        call = str(b)
        if a is Trigger.ANSWER and call not in state.offered:
            return state  # the engine answers only calls that ring
        if a in (Trigger.OFFER, Trigger.DIAL) and call in state.calls:
            return state  # a call key is offered or dialled once
        if a is not Trigger.OFFER:
            answered.add(call)
        return machine.on_call_event(state, a, call, policy, now)  # type: ignore[arg-type]
    if kind == "end":
        call = str(a)
        if call not in state.calls:
            return state
        trigger = Trigger.CALL_END if call in answered else Trigger.OFFER_LOST
        answered.discard(call)
        return machine.on_call_event(state, trigger, call, policy, now)
    if kind == "done":
        return machine.wrap_up_done(state, policy, now)
    return machine.tick(state, now)


@settings(max_examples=300, deadline=None)
@given(policy=policies, script=st.lists(st.tuples(steps, st.integers(0, 90)), max_size=40))
def test_the_status_stays_coherent(policy: StatusPolicy, script: list) -> None:  # type: ignore[type-arg]
    state = machine.initial_state(T0)
    now = T0
    answered: set[str] = set()
    for step, seconds in script:
        now += timedelta(seconds=seconds)
        before = state
        try:
            state = apply(state, step, policy, now, answered)
        except StatusRefused as refused:
            assert str(refused)  # a refusal always says why
            state = before
        assert state.since >= before.since
        assert state.since <= now
        if state.status is S.WRAP_UP:
            assert state.wrap_up_call is not None
            assert (state.wrap_up_deadline is None) == (policy.wrap_up_mode == "optional")
        else:
            assert state.wrap_up_call is None and state.wrap_up_deadline is None
        if state.status in (S.BREAK, S.NOT_READY):
            assert state.reason
        else:
            assert state.reason is None
        connected = state.calls - state.offered
        if state.status is S.ON_CALL:
            assert connected
        if connected:
            assert state.status is S.ON_CALL
        assert state.offered <= state.calls
