"""What the gate knows about a dialled target that the clock does not change: how the target
reads (a colleague, a number in E.164 …), the callee's candidate zones and the rule packs that
apply, worked out once per target and kept for the next dial.

An agent dials the same numbers again and again (callbacks, retries, the next attempt of a
campaign), and reading a number — parsing, validation, its zones — is most of a check's time.
The policy is fixed for the gate's life, so a plan never goes stale.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache, lru_cache

from softphone.compliance.numbers import Callee, read_callee
from softphone.compliance.packs import RulePack
from softphone.compliance.policy import Policy
from softphone.compliance.zones import callee_zones, us_state

PLANS_KEPT = 4096  # targets remembered: a day's dialling of one agent, a few hundred kB


@dataclass(frozen=True)
class CalleePlan:
    callee: Callee
    zone_names: tuple[str, ...] = ()
    zones: tuple[zoneinfo.ZoneInfo, ...] = ()
    packs: tuple[RulePack, ...] = ()


class CalleePlans:
    def __init__(self, policy: Policy, own_domains: Collection[str]) -> None:
        self.policy = policy
        self.own_domains = frozenset(own_domains)
        self.plan = lru_cache(maxsize=PLANS_KEPT)(self._read)

    def _read(self, target: str) -> CalleePlan:
        policy = self.policy
        callee = read_callee(
            target, policy.default_region, self.own_domains, policy.extension_max_digits
        )
        if callee.kind != "number" or callee.number is None or not callee.region:
            return CalleePlan(callee)
        zone_names = callee_zones(callee.number, callee.region, callee.type)
        state = us_state(callee.number) if callee.region == "US" else None
        return CalleePlan(
            callee,
            zone_names,
            tuple(zone(z) for z in zone_names),
            policy.packs_for(callee.region, state),
        )


@cache
def zone(name: str) -> zoneinfo.ZoneInfo:
    # ZoneInfo keeps only a few zones strongly cached; a toll-free number has eleven, and
    # reading a zone file again on each check costs more than the rest of the check.
    return zoneinfo.ZoneInfo(name)
