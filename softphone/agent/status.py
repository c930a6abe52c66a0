"""The agent's status as a pure state machine: what happened + the state before → the state after.

Every move is looked up in a transition table; a move the table does not hold is refused with a
reason the agent can read (`StatusRefused`), never silently applied. No clock, no I/O: the caller
passes `now` and writes the result to the journal. Wrap-up follows every call that ends — inbound
or outbound, a failed outbound attempt included — in the configured mode: `optional` (no deadline,
the agent ends it), `timed` (ends by itself at the deadline, or earlier by the agent) or
`timed_mandatory` (ends only at the deadline). An offer the agent leaves unanswered N times in a
row moves the agent to `not_ready` with the reason "missed calls".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import Enum

from softphone.protocol import AgentStatus

OFFLINE = AgentStatus.OFFLINE
AVAILABLE = AgentStatus.AVAILABLE
RINGING = AgentStatus.RINGING
ON_CALL = AgentStatus.ON_CALL
WRAP_UP = AgentStatus.WRAP_UP
BREAK = AgentStatus.BREAK
NOT_READY = AgentStatus.NOT_READY

MISSED_CALLS = "missed calls"
"""The reason of the automatic `not_ready` after unanswered offers (system-only)."""

WRAP_UP_MODES = ("optional", "timed", "timed_mandatory")

DEFAULT_REASON_CODES: Mapping[AgentStatus, tuple[str, ...]] = {
    BREAK: ("lunch", "short break", "training", "meeting"),
    NOT_READY: ("after call work", "training", "meeting", "technical problem"),
}
"""Reasons allowed until the central config says otherwise."""


class StatusRefused(ValueError):
    """The move is not allowed from where the agent is; the message says why (in English),
    `code` and `fields` say it by name for a window that words it in the agent's language."""

    def __init__(self, message: str, code: str = "", **fields: str) -> None:
        super().__init__(message)
        self.code = code
        self.fields = fields


class Trigger(str, Enum):
    """What can happen to an agent's status."""

    SET = "set"  # the agent picks a status
    OFFER = "offer"  # a call is offered (rings)
    ANSWER = "answer"  # a call is connected (answered inbound, or outbound answered)
    DIAL = "dial"  # the agent dials out
    OFFER_LOST = "offer_lost"  # a ringing call ended unanswered (missed or rejected)
    CALL_END = "call_end"  # a call the agent placed or took ended
    WRAP_UP_DONE = "wrap_up_done"  # the agent closes wrap-up
    WRAP_UP_EXPIRED = "wrap_up_expired"  # the wrap-up deadline passed


@dataclass(frozen=True)
class StatusPolicy:
    """The knobs from the central config (`AgentConfig`)."""

    wrap_up_mode: str = "timed"
    wrap_up_seconds: int = 30
    missed_offers_before_not_ready: int = 2
    reason_codes: Mapping[AgentStatus, tuple[str, ...]] = field(
        default_factory=lambda: dict(DEFAULT_REASON_CODES)
    )


@dataclass(frozen=True)
class AgentState:
    status: AgentStatus
    since: datetime
    reason: str | None = None
    calls: frozenset[str] = frozenset()  # live calls (ringing, dialing or connected)
    offered: frozenset[str] = frozenset()  # of those, the ones still ringing unanswered
    wrap_up_call: str | None = None
    wrap_up_deadline: datetime | None = None
    missed_in_row: int = 0
    cellphone_pickup: bool = False

    @property
    def wrap_up_mandatory_until(self) -> datetime | None:
        return self.wrap_up_deadline if self.status is WRAP_UP else None


# The agent's own moves: from a status, which statuses the agent may pick. Ringing and on-call
# belong to calls, not to the agent's say; leaving wrap-up early is checked against the mode.
AGENT_MAY_SET: Mapping[AgentStatus, frozenset[AgentStatus]] = {
    OFFLINE: frozenset({AVAILABLE, BREAK, NOT_READY}),
    AVAILABLE: frozenset({BREAK, NOT_READY, OFFLINE}),
    BREAK: frozenset({AVAILABLE, BREAK, NOT_READY, OFFLINE}),  # break → break: another reason
    NOT_READY: frozenset({AVAILABLE, BREAK, NOT_READY, OFFLINE}),
    WRAP_UP: frozenset({AVAILABLE, BREAK, NOT_READY, OFFLINE}),
    RINGING: frozenset(),
    ON_CALL: frozenset(),
}

_WHY_NOT_SET: Mapping[AgentStatus, str] = {
    RINGING: "a call is ringing: answer or reject it first",
    ON_CALL: "the agent is on a call: hang up first",
}

# Call-driven moves: (status before, trigger) → status after. A missing pair is refused.
# `None` keeps the status (e.g. a second call offered while on a call).
CALL_TABLE: Mapping[tuple[AgentStatus, Trigger], AgentStatus | None] = {
    (AVAILABLE, Trigger.OFFER): RINGING,
    (RINGING, Trigger.OFFER): None,
    (ON_CALL, Trigger.OFFER): None,
    (WRAP_UP, Trigger.OFFER): None,
    (BREAK, Trigger.OFFER): None,
    (NOT_READY, Trigger.OFFER): None,
    (OFFLINE, Trigger.OFFER): None,
    # Answering puts the agent on the call whatever the status was: the call is real.
    **{(s, Trigger.ANSWER): ON_CALL for s in AgentStatus},
    # Dialing out is the agent's own act, allowed from any status (the compliance gate decides
    # whether the number may be called, not the status).
    **{(s, Trigger.DIAL): ON_CALL for s in AgentStatus},
    (RINGING, Trigger.OFFER_LOST): AVAILABLE,
    (ON_CALL, Trigger.OFFER_LOST): None,
    (WRAP_UP, Trigger.OFFER_LOST): None,
    (BREAK, Trigger.OFFER_LOST): None,
    (NOT_READY, Trigger.OFFER_LOST): None,
    (OFFLINE, Trigger.OFFER_LOST): None,
    (AVAILABLE, Trigger.OFFER_LOST): None,
    (ON_CALL, Trigger.CALL_END): WRAP_UP,
    (RINGING, Trigger.CALL_END): WRAP_UP,  # an outbound call ended while another one rings
    (WRAP_UP, Trigger.WRAP_UP_DONE): AVAILABLE,
    (WRAP_UP, Trigger.WRAP_UP_EXPIRED): AVAILABLE,
}


def initial_state(now: datetime) -> AgentState:
    return AgentState(status=OFFLINE, since=now)


def agent_sets(
    state: AgentState,
    status: AgentStatus,
    reason: str | None,
    policy: StatusPolicy,
    now: datetime,
) -> AgentState:
    """The agent picks a status (with a reason for break and not_ready)."""
    if status not in AGENT_MAY_SET[state.status]:
        why = _WHY_NOT_SET.get(state.status, f"cannot go from {state.status.value} to ")
        raise StatusRefused(
            why + (status.value if why.endswith(" ") else ""),
            "not_from",
            status=state.status.value,
            wanted=status.value,
        )
    if state.status is WRAP_UP:
        _may_leave_wrap_up(state, policy, now)
    reason = _checked_reason(status, reason, policy)
    if status is state.status and reason == state.reason:
        return state
    return _moved(state, status, now, reason=reason, missed_in_row=0)


def _checked_reason(status: AgentStatus, reason: str | None, policy: StatusPolicy) -> str | None:
    if status not in (BREAK, NOT_READY):
        if reason:
            raise StatusRefused(f"{status.value} takes no reason", "no_reason", status=status.value)
        return None
    allowed = policy.reason_codes.get(status, ())
    if not reason:
        raise StatusRefused(
            f"{status.value} needs a reason: one of {', '.join(allowed)}",
            "reason_needed",
            status=status.value,
        )
    if reason not in allowed:
        raise StatusRefused(
            f"{reason!r} is not a {status.value} reason: one of {', '.join(allowed)}",
            "reason_unknown",
            status=status.value,
            reason=reason,
        )
    return reason


def _may_leave_wrap_up(state: AgentState, policy: StatusPolicy, now: datetime) -> None:
    deadline = state.wrap_up_deadline
    if policy.wrap_up_mode == "timed_mandatory" and deadline is not None and now < deadline:
        left = (deadline - now).total_seconds()
        raise StatusRefused(
            f"wrap-up is mandatory for {left:.0f} s more",
            "wrap_up_mandatory",
            seconds=f"{left:.0f}",
        )


def on_call_event(
    state: AgentState,
    trigger: Trigger,
    call: str,
    policy: StatusPolicy,
    now: datetime,
) -> AgentState:
    """A call event moves the status by the table; the call sets are kept on every move."""
    calls, offered = _tracked_calls(state, trigger, call)
    after = CALL_TABLE.get((state.status, trigger), _refused(state, trigger))
    if trigger is Trigger.CALL_END and calls - offered:
        after = None  # wrap-up starts when the agent's last connected call ends
    if trigger is Trigger.OFFER_LOST and after is AVAILABLE and calls:
        after = ON_CALL if calls - offered else None
    kept = replace(state, calls=calls, offered=offered)
    if trigger is Trigger.ANSWER:
        kept = replace(kept, missed_in_row=0)
    if trigger is Trigger.OFFER_LOST and state.status is RINGING:
        return _missed(kept, after, policy, now)
    if after is None or after is state.status:
        return kept
    if after is WRAP_UP:
        return _wrap_up(kept, call, policy, now)
    return _moved(kept, after, now)


def _refused(state: AgentState, trigger: Trigger) -> AgentStatus | None:
    if (state.status, trigger) in CALL_TABLE:
        return None
    raise StatusRefused(f"{trigger.value} does not apply while {state.status.value}")


def _tracked_calls(
    state: AgentState, trigger: Trigger, call: str
) -> tuple[frozenset[str], frozenset[str]]:
    calls, offered = state.calls, state.offered
    if trigger is Trigger.OFFER:
        return calls | {call}, offered | {call}
    if trigger is Trigger.DIAL:
        return calls | {call}, offered
    if trigger is Trigger.ANSWER:
        return calls | {call}, offered - {call}
    if trigger in (Trigger.OFFER_LOST, Trigger.CALL_END):
        return calls - {call}, offered - {call}
    return calls, offered


def _missed(
    state: AgentState, after: AgentStatus | None, policy: StatusPolicy, now: datetime
) -> AgentState:
    missed = state.missed_in_row + 1
    limit = policy.missed_offers_before_not_ready
    if limit > 0 and missed >= limit and not state.calls:
        return _moved(state, NOT_READY, now, reason=MISSED_CALLS, missed_in_row=0)
    if after is None:
        return replace(state, missed_in_row=missed)
    return _moved(state, after, now, missed_in_row=missed)


def _wrap_up(state: AgentState, call: str, policy: StatusPolicy, now: datetime) -> AgentState:
    deadline = None
    if policy.wrap_up_mode != "optional":
        deadline = now + timedelta(seconds=policy.wrap_up_seconds)
    return _moved(state, WRAP_UP, now, wrap_up_call=call, wrap_up_deadline=deadline)


def wrap_up_done(state: AgentState, policy: StatusPolicy, now: datetime) -> AgentState:
    """The agent closes wrap-up (remarks and disposition are the caller's business)."""
    if state.status is not WRAP_UP:
        raise StatusRefused(f"not in wrap-up (status is {state.status.value})")
    _may_leave_wrap_up(state, policy, now)
    return _moved(state, CALL_TABLE[(WRAP_UP, Trigger.WRAP_UP_DONE)] or AVAILABLE, now)


def tick(state: AgentState, now: datetime) -> AgentState:
    """The clock moved: a timed wrap-up whose deadline passed returns the agent to available."""
    deadline = state.wrap_up_deadline
    if state.status is WRAP_UP and deadline is not None and now >= deadline:
        return _moved(state, CALL_TABLE[(WRAP_UP, Trigger.WRAP_UP_EXPIRED)] or AVAILABLE, deadline)
    return state


def signed_off(state: AgentState, now: datetime) -> AgentState:
    """The app stops: the agent is offline whatever the mode says (calls end with the app)."""
    if state.status is OFFLINE:
        return state
    return _moved(state, OFFLINE, now, calls=frozenset(), offered=frozenset())


def set_cellphone_pickup(state: AgentState, on: bool) -> AgentState:
    """'Answer on my cellphone': a flag beside the status; it does not move the status."""
    return replace(state, cellphone_pickup=on)


def _moved(
    state: AgentState,
    status: AgentStatus,
    now: datetime,
    reason: str | None = None,
    **changes: object,
) -> AgentState:
    leaving_wrap_up = status is not WRAP_UP
    base = replace(state, wrap_up_call=None, wrap_up_deadline=None) if leaving_wrap_up else state
    return replace(base, status=status, since=now, reason=reason, **changes)  # type: ignore[arg-type]
