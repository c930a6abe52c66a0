"""Rest periods across the callee's candidate zones: is the call allowed now, and if not, when.

Each instant is converted to each zone with `zoneinfo` on that very instant, so DST changes
count (the classic bug is taking the offset at local midnight). A call is allowed only when
every applicable pack allows it in every candidate zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from softphone.compliance.packs import RulePack, at_minute
from softphone.compliance.verdict import Reason

# Far enough to cross any run of weekends and holidays a pack closes (Christmas to New Year).
SEARCH_DAYS = 21


def rest_reasons(packs: Sequence[RulePack], local_times: Sequence[datetime]) -> list[Reason]:
    """One reason per pack whose windows do not hold the instant in some candidate zone
    (`local_times`: the instant in each zone)."""
    reasons = []
    for pack in packs:
        closed = [local for local in local_times if not pack.allows(local)]
        if closed:
            reasons.append(_reason(pack, closed, len(local_times)))
    return reasons


def _reason(pack: RulePack, closed: list[datetime], zone_count: int) -> Reason:
    local = closed[0]
    where = f"{local:%a %H:%M} in {local.tzinfo}"
    if zone_count > 1:
        where += f" (closed in {len(closed)} of the number's {zone_count} zones)"
    holiday = pack.holiday_name(local.date())
    if holiday is not None and not pack.allows(local):
        return Reason("holiday", f"{pack.name}: {where} is a public holiday ({holiday})")
    windows = pack.windows_on(local.date())
    hours = ", ".join(str(w) for w in windows) if windows else "no calls on this day"
    return Reason("rest_period", f"{pack.name}: {where} is outside the calling hours ({hours})")


def allowed_everywhere(packs: Sequence[RulePack], zones: Sequence[tzinfo], now: datetime) -> bool:
    return all(pack.allows(now.astimezone(zone)) for zone in zones for pack in packs)


def next_opening(
    packs: Sequence[RulePack], zones: Sequence[tzinfo], start: datetime
) -> datetime | None:
    """The first instant at or after `start` that every pack allows in every zone, None when
    none opens within SEARCH_DAYS."""
    if allowed_everywhere(packs, zones, start):
        return start
    # The allowed set is an intersection of unions of windows, so its earliest point after
    # `start` is the opening of some window in some zone: try those in order.
    for candidate in sorted(_openings(packs, zones, start)):
        if allowed_everywhere(packs, zones, candidate):
            return candidate
    return None


def _openings(packs: Sequence[RulePack], zones: Sequence[tzinfo], start: datetime) -> set[datetime]:
    openings: set[datetime] = set()
    for zone in zones:
        first_day = start.astimezone(zone).date()
        for offset in range(SEARCH_DAYS + 1):
            day = first_day + timedelta(days=offset)
            for pack in packs:
                for window in pack.windows_on(day):
                    moment = at_minute(day, window.start, zone)
                    if moment > start:
                        openings.add(moment)
    return openings
