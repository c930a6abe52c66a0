"""The compliance gate: what the agent typed + now → a Verdict, before any INVITE.

Pure apart from the blacklist lookup: the caller hands in the policy, the blacklist, the call
history and the clock. It fails closed: an unknown clock, an unknown zone, an unreadable or stale
list blocks the call with the reason, never "allowed because we could not tell".
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import datetime, timedelta, timezone
from typing import Protocol, runtime_checkable

from softphone.compliance.errors import BlacklistError
from softphone.compliance.history import CallHistory, DialsInProgress
from softphone.compliance.numbers import read_callee
from softphone.compliance.packs import RulePack, describe_duration
from softphone.compliance.plans import CalleePlan, CalleePlans
from softphone.compliance.policy import Policy
from softphone.compliance.rest import next_opening, rest_reasons, wall_clocks
from softphone.compliance.verdict import TIME_RESOLVED, Reason, Verdict

log = logging.getLogger(__name__)

# A clock before this is a laptop whose clock was reset, not a date we could be checking.
EARLIEST_PLAUSIBLE = datetime(2025, 1, 1, tzinfo=timezone.utc)


@runtime_checkable
class Blacklist(Protocol):
    """What the gate asks of the blacklist store (softphone.compliance.blacklist)."""

    def listing(self, number_e164: str, now: datetime) -> str | None:
        """Why the number is listed ("enterprise: customer asked …"), None when it is not."""
        ...

    def listing_fields(self, number_e164: str, now: datetime) -> dict[str, str]:
        """The listing's facts by name ({"list": "enterprise", "why": …}), empty if none."""
        ...

    def problems(
        self, expected_sources: Collection[str], max_age: timedelta, now: datetime
    ) -> list[Reason]:
        """Why the list cannot be trusted now (an expected source missing or stale)."""
        ...


@runtime_checkable
class WritableBlacklist(Blacklist, Protocol):
    def do_not_call(
        self, number_e164: str, reason: str, who: str, expires: str | None = None
    ) -> object:
        """Put a number on the enterprise list at once, with who, when and why."""
        ...


def utc_now() -> datetime | None:
    return datetime.now(timezone.utc)


class Gate:
    def __init__(
        self,
        policy: Policy,
        blacklist: Blacklist,
        history: CallHistory,
        own_domains: Collection[str],
        clock: Callable[[], datetime | None] = utc_now,
    ) -> None:
        self.policy = policy
        self.blacklist = blacklist
        # The journal's attempts, and the calls this gate let through that it has no record of.
        self.history = history if isinstance(history, DialsInProgress) else DialsInProgress(history)
        self.own_domains = frozenset(
            d.lower() for d in (*own_domains, *policy.internal_domains) if d
        )
        self.clock = clock
        self._plans = CalleePlans(policy, self.own_domains)

    def check(self, target: str, now: datetime | None = None) -> Verdict:
        """May `target` (a number or a SIP URI, as typed) be called at `now` (default: clock)?
        Never raises: whatever goes wrong blocks the call with the reason."""
        try:
            return self._check(target, now)
        except Exception as exc:  # a gate that crashes must not let a call through either
            log.exception("compliance check of %r failed", target)
            return Verdict(False, target, "invalid", (Reason("check_failed", _failure(exc)),))

    def _check(self, target: str, now: datetime | None) -> Verdict:
        moment = now if now is not None else self.clock()
        plan = self._plans.plan(target)
        callee = plan.callee
        if callee.kind in ("internal", "emergency"):
            return Verdict(True, target, callee.kind, number_e164=callee.e164, checked_at=moment)
        if callee.kind == "invalid" or callee.number is None or callee.e164 is None:
            code = callee.problem_code or "invalid_number"
            return Verdict(
                False, target, "invalid", (Reason(code, callee.problem),), checked_at=moment
            )
        return self._check_number(plan, moment)

    def dialled(self, verdict: Verdict) -> None:
        """The call `verdict` allowed is being dialled: it counts against the caps from now,
        before the journal holds its record."""
        if (
            verdict.allowed
            and verdict.number_e164
            and verdict.checked_at
            and verdict.kind == "number"
        ):
            self.history.dialled(verdict.number_e164, verdict.checked_at)

    def not_made(self, verdict: Verdict) -> None:
        """The engine could not make the call `verdict` allowed (no INVITE left): no attempt."""
        if verdict.number_e164 and verdict.checked_at:
            self.history.not_made(verdict.number_e164, verdict.checked_at)

    def do_not_call(self, target: str, reason: str, who: str, expires: str | None = None) -> str:
        """ "The customer asked not to be called": the number (as typed) goes on the enterprise
        list at once. Returns its E.164 form; ValueError when it is no phone number,
        BlacklistError when the list cannot be written."""
        callee = read_callee(target, self.policy.default_region, self.own_domains, 0)
        if callee.kind != "number" or callee.e164 is None:
            raise ValueError(callee.problem or f"{target!r} is not a phone number")
        if not isinstance(self.blacklist, WritableBlacklist):
            raise BlacklistError("this gate's blacklist cannot be written")
        self.blacklist.do_not_call(callee.e164, reason, who, expires)
        return callee.e164

    def _check_number(self, plan: CalleePlan, moment: datetime | None) -> Verdict:
        callee, zone_names, zones, packs = plan.callee, plan.zone_names, plan.zones, plan.packs
        assert callee.e164 is not None
        reasons: list[Reason] = []
        if moment is None or moment.tzinfo is None or moment < EARLIEST_PLAUSIBLE:
            reasons.append(Reason("clock_unknown", _clock_problem(moment)))
            moment = None
        if not zone_names:
            reasons.append(
                Reason(
                    "zone_unknown",
                    f"{callee.e164}: the callee's time zone is unknown",
                    {"number": callee.e164},
                )
            )
        reasons += self._blacklist_reasons(callee.e164, moment)
        local_times: tuple[str, ...] = ()
        free_at: datetime | None = None
        if moment is not None:
            locals_ = [moment.astimezone(zone) for zone in zones]
            offsets = [local.utcoffset() for local in locals_]
            local_times = wall_clocks(moment, locals_, offsets)
            reasons += rest_reasons(packs, locals_, offsets)
            try:
                history_reasons, free_at = self._history_reasons(callee.e164, packs, moment)
            except Exception as exc:  # the journal could not answer: caps unknown, so blocked
                log.exception("call history of %s unreadable", callee.e164)
                history_reasons = [Reason("history_unreadable", _failure(exc))]
            reasons += history_reasons
        next_allowed = None
        if (
            reasons
            and moment is not None
            and zones
            and set(r.code for r in reasons) <= TIME_RESOLVED
        ):
            next_allowed = next_opening(packs, zones, max(moment, free_at or moment))
        return Verdict(
            allowed=not reasons,
            target=callee.typed,
            kind="number",
            reasons=tuple(reasons),
            number_e164=callee.e164,
            zones=zone_names,
            callee_local_times=local_times,
            checked_at=moment,
            next_allowed_at=next_allowed.astimezone(timezone.utc) if next_allowed else None,
            packs=tuple(p.name for p in packs),
        )

    def _blacklist_reasons(self, e164: str, moment: datetime | None) -> list[Reason]:
        when = moment or datetime.now(timezone.utc)
        try:
            reasons = self.blacklist.problems(
                self.policy.blacklist.expected_sources, self.policy.blacklist.max_age, when
            )
            listed = self.blacklist.listing(e164, when)
            facts = self.blacklist.listing_fields(e164, when) if listed else {}
        except BlacklistError as exc:
            return [Reason("blacklist_unreadable", f"the blacklist cannot be read: {exc}")]
        except Exception as exc:
            log.exception("blacklist lookup of %s failed", e164)
            return [Reason("blacklist_unreadable", _failure(exc))]
        if listed:
            reasons.append(
                Reason(
                    "blacklisted",
                    f"{e164} is on the do-not-call list ({listed})",
                    {"number": e164, **facts},
                )
            )
        return reasons

    def _history_reasons(
        self, e164: str, packs: tuple[RulePack, ...], now: datetime
    ) -> tuple[list[Reason], datetime | None]:
        """Caps and refusal cool-downs, and the instant both are clear."""
        reasons: list[Reason] = []
        free_at: datetime | None = None
        caps = [(pack, cap) for pack in packs for cap in pack.caps]
        if not caps and all(pack.cool_down is None for pack in packs):
            # No rule of this callee looks at past calls (most US states): nothing to ask.
            return reasons, free_at
        longest = max((cap.per for _, cap in caps), default=timedelta(0))
        # Caps and cool-downs ask once: against the journal a question is an SQL statement.
        past = self.history.past_calls(e164, now - longest)
        attempts = sorted(past.attempts)
        for pack, cap in caps:
            # Rolling window (now - per, now]: an attempt exactly `per` ago no longer counts.
            recent = [t for t in attempts if now - cap.per < t <= now]
            if len(recent) >= cap.calls:
                text = (
                    f"{pack.name}: {len(recent)} calls to {e164} in the last "
                    f"{describe_duration(cap.per)} (at most {cap})"
                )
                facts = {
                    "pack": pack.name,
                    "pack_key": pack.key,
                    "count": str(len(recent)),
                    "number": e164,
                    "limit": str(cap.calls),
                    "hours": f"{cap.per.total_seconds() / 3600:g}",
                }
                reasons.append(Reason("cap", text, facts))
                free_at = _later(free_at, recent[-cap.calls] + cap.per)
        refused = past.last_refusal
        for pack in packs:
            if (
                refused is not None
                and pack.cool_down is not None
                and now < refused + pack.cool_down
            ):
                until = refused + pack.cool_down
                reasons.append(
                    Reason(
                        "cool_down",
                        f"{pack.name}: {e164} refused a call on "
                        f"{refused:%Y-%m-%d}; no call before {until:%Y-%m-%d %H:%M} UTC",
                        {
                            "pack": pack.name,
                            "pack_key": pack.key,
                            "number": e164,
                            "refused": f"{refused:%Y-%m-%d}",
                            "until": f"{until:%Y-%m-%d %H:%M} UTC",
                        },
                    )
                )
                free_at = _later(free_at, until)
        return reasons, free_at


def _later(a: datetime | None, b: datetime) -> datetime:
    return b if a is None or b > a else a


def _failure(exc: Exception) -> str:
    return f"the compliance check could not be completed ({type(exc).__name__}: {exc})"


def _clock_problem(moment: datetime | None) -> str:
    if moment is None:
        return "the current time is unknown (the clock is not trusted)"
    if moment.tzinfo is None:
        return f"the time {moment.isoformat()} has no UTC offset"
    return f"the clock says {moment.isoformat()}, which cannot be right"
