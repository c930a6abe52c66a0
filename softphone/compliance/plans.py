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
from datetime import datetime, timezone
from functools import cache, lru_cache

import phonenumbers
from phonenumbers import PhoneMetadata
from phonenumbers.re_util import re_compile

from softphone.compliance.number_types import prepare as prepare_types
from softphone.compliance.numbers import Callee, read_callee
from softphone.compliance.packs import RulePack
from softphone.compliance.policy import Policy
from softphone.compliance.zones import (
    all_countries,
    callee_zones,
    loadable,
    us_state,
    zones_of_country,
)

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


def warm_up(policy: Policy) -> None:
    """Load once, before the first dial, what phonenumbers, zoneinfo and holidays otherwise
    load on first use: the metadata of every region (an invalid +1 number is tried in all 25
    NANP regions) and the patterns and type matchers of those that share a calling code with
    our packs, every time zone, this year's holidays and the minute table of each pack.
    Without it the first number of a region takes milliseconds instead of microseconds."""
    keep_patterns = getattr(phonenumbers, "enable_pattern_cache", None)  # phonenumbers ≥ 9
    if keep_patterns is not None:
        keep_patterns()  # the re module keeps only 512 compiled patterns, fewer than in use
    PhoneMetadata.load_all()
    codes = {1, 7} | {phonenumbers.country_code_for_region(r) for r in _regions_of(policy)}
    for code in codes:
        for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code, ()):
            metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, region)
            _compile_patterns(metadata)
            if metadata is not None:
                prepare_types(metadata)
    for country in all_countries():  # a few hundred zone files, read once
        for name in zones_of_country(country):
            if loadable(name):
                zone(name)
    now = datetime.now(timezone.utc)
    for pack in (*policy.packs.values(), policy.enterprise):
        pack.holiday_name(now.date())
        pack.allows(now)  # builds the pack's minute table
    # No gc.freeze() here, though a full collection walks all of this (~30 ms, rare): frozen,
    # every object alive at this moment — the GUI's Qt objects, the agent's sessions — would
    # never be collected again, and cycles among them were torn down at interpreter exit in an
    # order that crashed Qt and pjsua2 (CI: SIGABRT at exit).


def _regions_of(policy: Policy) -> set[str]:
    return {policy.default_region} | {key.partition("-")[0] for key in policy.packs}


def _compile_patterns(metadata: PhoneMetadata | None) -> None:
    """Compile a region's number patterns into phonenumbers' cache, as its checks will."""
    if metadata is None:
        return
    for name in _DESCRIPTIONS:
        desc = getattr(metadata, name, None)
        if desc is not None and desc.national_number_pattern:
            re_compile(desc.national_number_pattern)
    if metadata.leading_digits:
        re_compile(metadata.leading_digits)


_DESCRIPTIONS = (
    "general_desc", "fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost",
    "personal_number", "voip", "pager", "uan", "voicemail", "no_international_dialling",
)  # fmt: skip


@cache
def zone(name: str) -> zoneinfo.ZoneInfo:
    # ZoneInfo keeps only a few zones strongly cached; a toll-free number has eleven, and
    # reading a zone file again on each check costs more than the rest of the check.
    return zoneinfo.ZoneInfo(name)
