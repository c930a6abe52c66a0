"""Rest periods across the callee's candidate zones: is the call allowed now, and if not, when.

Each instant is converted to each zone with `zoneinfo` on that very instant, so DST changes
count (the classic bug is taking the offset at local midnight). A call is allowed only when
every applicable pack allows it in every candidate zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone, tzinfo
from functools import cache

from softphone.compliance.packs import RulePack, at_minute
from softphone.compliance.verdict import Reason

# Far enough to cross any run of weekends and holidays a pack closes (Christmas to New Year).
SEARCH_DAYS = 21


def rest_reasons(
    packs: Sequence[RulePack],
    local_times: Sequence[datetime],
    offsets: Sequence[timedelta | None] | None = None,
) -> list[Reason]:
    """One reason per pack whose windows do not hold the instant in some candidate zone
    (`local_times`: the instant in each zone; `offsets`: their UTC offsets, when known).

    Zones at the same offset show the same wall clock, so a pack is asked once per offset: a
    toll-free number's eleven zones are five or six offsets at any instant."""
    keys: Sequence[object] = range(len(local_times))  # each zone on its own
    if offsets is not None and len(local_times) > 2 and None not in offsets:
        keys = offsets
    reasons = []
    for pack in packs:
        opened: dict[object, bool] = {}
        closed = []
        for local, key in zip(local_times, keys, strict=True):
            allowed = opened.get(key)
            if allowed is None:
                allowed = opened[key] = pack.allows(local)
            if not allowed:
                closed.append(local)
        if closed:
            reasons.append(_reason(pack, closed, len(local_times)))
    return reasons


def wall_clocks(
    moment: datetime, local_times: Sequence[datetime], offsets: Sequence[timedelta | None]
) -> tuple[str, ...]:
    """The instant in each zone as ISO 8601 text to the second ("2026-11-25T14:00:00-05:00"),
    as `local.isoformat(timespec="seconds")` writes it. The text is the costly part (a
    microsecond each), so it is made once per UTC offset, from the UTC wall clock."""
    if len(local_times) < 3:
        return tuple(local.isoformat(timespec="seconds") for local in local_times)
    utc = moment.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)
    texts: dict[timedelta | None, str] = {}
    clocks = []
    for local, offset in zip(local_times, offsets, strict=True):
        text = texts.get(offset)
        if text is None:
            if offset is None or offset.microseconds:  # (no zone has such offsets today)
                text = local.isoformat(timespec="seconds")
            else:
                text = (utc + offset).isoformat() + _offset_text(offset)
            texts[offset] = text
        clocks.append(text)
    return tuple(clocks)


@cache
def _offset_text(offset: timedelta) -> str:
    """ "-05:00", "+05:45" …: the offset as datetime.isoformat writes it."""
    return datetime(2000, 1, 1, tzinfo=timezone(offset)).isoformat()[19:]


def _reason(pack: RulePack, closed: list[datetime], zone_count: int) -> Reason:
    local = closed[0]
    where = f"{local:%a %H:%M} in {local.tzinfo}"
    if zone_count > 1:
        where += f" (closed in {len(closed)} of the number's {zone_count} zones)"
    holiday = pack.holiday_name(local.date())
    facts = {
        "pack": pack.name,
        "pack_key": pack.key,
        "time": f"{local:%H:%M}",
        "weekday": str(local.isoweekday()),
        "zone": str(local.tzinfo),
        "closed_zones": str(len(closed)) if zone_count > 1 else "",
        "zones": str(zone_count),
    }
    if holiday is not None and not pack.allows(local):
        text = f"{pack.name}: {where} is a public holiday ({holiday})"
        where_when = {"calendar": pack.holiday_calendar, "date": local.date().isoformat()}
        return Reason("holiday", text, {**facts, **where_when, "holiday": holiday})
    windows = pack.windows_on(local.date())
    hours = ", ".join(str(w) for w in windows) if windows else "no calls on this day"
    text = f"{pack.name}: {where} is outside the calling hours ({hours})"
    return Reason("rest_period", text, {**facts, "hours": ", ".join(str(w) for w in windows)})


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
