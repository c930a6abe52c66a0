"""Rule packs: the rest periods, caps and cool-downs of one jurisdiction, read from data.

A pack says, for a local date and time in the callee's zone, whether a call is allowed: allowed
windows per weekday (several per day), a public-holiday calendar from the `holidays` package, and
the caps and refusal cool-down that apply to its numbers. The packs we ship live in `packs.toml`
beside this module; an enterprise replaces or adds packs in its policy file with the same keys.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cache, cached_property
from importlib import resources
from typing import Any

from softphone.compliance.errors import PolicyError
from softphone.compliance.holiday_calendars import country_holidays

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_GROUPS = {"all": DAY_NAMES, "weekdays": DAY_NAMES[:5], "weekends": DAY_NAMES[5:]}
_WINDOW = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
_DURATION = re.compile(r"^(\d+)\s*(m|h|d)$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}
_PACK_KEYS = {"name", "windows", "holiday_calendar", "caps", "cool_down_after_refusal"}
END_OF_DAY = 24 * 60
_HOLIDAY_ROW = len(DAY_NAMES)  # the row of `RulePack._open_minutes` used on a public holiday


@dataclass(frozen=True)
class Window:
    """Allowed from `start` (inclusive) to `end` (exclusive), in minutes after local midnight."""

    start: int
    end: int

    def holds(self, minute: int) -> bool:
        return self.start <= minute < self.end

    def __str__(self) -> str:
        return f"{_hhmm(self.start)}–{_hhmm(self.end)}"


@dataclass(frozen=True)
class Cap:
    """At most `calls` attempts to one number in any rolling `per`."""

    calls: int
    per: timedelta

    def __str__(self) -> str:
        return f"{self.calls} calls per {describe_duration(self.per)}"


@dataclass(frozen=True)
class RulePack:
    key: str
    name: str
    # Windows per weekday, Monday first; `holiday_windows` None = a holiday is an ordinary day.
    week: tuple[tuple[Window, ...], ...]
    holiday_windows: tuple[Window, ...] | None = None
    holiday_calendar: str = ""
    caps: tuple[Cap, ...] = ()
    cool_down: timedelta | None = None

    def windows_on(self, day: date) -> tuple[Window, ...]:
        if self.holiday_windows is not None and self.holiday_name(day):
            return self.holiday_windows
        return self.week[day.weekday()]

    def allows(self, local: datetime) -> bool:
        """Whether the pack's windows hold the local wall-clock minute of `local`."""
        row = local.weekday()
        if self.holiday_windows is not None and self.holiday_name(local.date()):
            row = _HOLIDAY_ROW
        return self._open_minutes[row * END_OF_DAY + local.hour * 60 + local.minute] == 1

    def holiday_name(self, day: date) -> str | None:
        """The public holiday on `day` in this pack's calendar, None on an ordinary day."""
        if self.holiday_windows is None or not self.holiday_calendar:
            return None
        seen = self._holidays_seen
        if day not in seen:
            name = self._calendar.get(day)
            seen[day] = str(name) if name else None
        return seen[day]

    @cached_property
    def _open_minutes(self) -> bytes:
        """1 for each minute the windows hold, a day of 1440 minutes a row: Monday to Sunday,
        then holidays. A check reads one byte instead of walking the windows."""
        table = bytearray(len(DAY_NAMES) * END_OF_DAY + END_OF_DAY)
        days = (*self.week, self.holiday_windows or ())
        for row, windows in enumerate(days):
            for window in windows:
                at = row * END_OF_DAY
                table[at + window.start : at + window.end] = b"\1" * (window.end - window.start)
        return bytes(table)

    @cached_property
    def _holidays_seen(self) -> dict[date, str | None]:
        # The `holidays` package takes microseconds per look-up; a check asks about one or two
        # days per zone, and a day stays a holiday or not (one entry a day the agent works).
        return {}

    @cached_property
    def _calendar(self) -> Any:
        country, _, subdiv = self.holiday_calendar.partition("-")
        return country_holidays(country, subdiv=subdiv or None)


@cache
def _calendar_in(calendar: str, language: str) -> Any:
    country, _, subdiv = calendar.partition("-")
    found = country_holidays(country, subdiv=subdiv or None)
    if language not in getattr(found, "supported_languages", ()):
        return None
    return country_holidays(country, subdiv=subdiv or None, language=language)


def holiday_name_in(calendar: str, day: date, language: str) -> str | None:
    """The holiday on `day` named in `language` ("zh_CN": 国庆节), None when the calendar has
    no names in that language (the reason's English name stands)."""
    named = _calendar_in(calendar, language) if calendar else None
    name = named.get(day) if named is not None else None
    return str(name) if name else None


UNRESTRICTED = RulePack(
    key="enterprise", name="enterprise", week=tuple((Window(0, END_OF_DAY),) for _ in DAY_NAMES)
)


def describe_duration(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes % 1440 == 0:
        return f"{minutes // 1440} days" if minutes != 1440 else "24 hours"
    if minutes % 60 == 0:
        return f"{minutes // 60} hours"
    return f"{minutes} minutes"


def parse_duration(text: object, where: str) -> timedelta:
    found = _DURATION.match(str(text).strip()) if isinstance(text, str) else None
    if not found:
        raise PolicyError(f"{where}: {text!r} is not a duration like '5m', '24h' or '30d'")
    return timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})


def parse_window(text: object, where: str) -> Window:
    found = _WINDOW.match(text.strip()) if isinstance(text, str) else None
    if not found:
        raise PolicyError(f"{where}: {text!r} is not a window like '08:00-12:00'")
    h1, m1, h2, m2 = (int(g) for g in found.groups())
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if m1 > 59 or m2 > 59 or not 0 <= start < end <= END_OF_DAY:
        raise PolicyError(f"{where}: {text!r} must run forward within one day (00:00–24:00)")
    return Window(start, end)


def _windows(raw: object, where: str) -> tuple[Window, ...]:
    if not isinstance(raw, list):
        raise PolicyError(f"{where} must be a list of windows like ['08:00-12:00']")
    return tuple(sorted((parse_window(item, where) for item in raw), key=lambda w: w.start))


def _week(raw: Mapping[str, Any], where: str) -> tuple[tuple[Window, ...], ...]:
    days: dict[str, tuple[Window, ...]] = {}
    # General keys first, specific ones after, so "sun = []" wins over "all = [...]".
    for key in ("all", "weekdays", "weekends", *DAY_NAMES):
        if key in raw:
            for day in _DAY_GROUPS.get(key, (key,)):
                days[day] = _windows(raw[key], f"{where}.windows.{key}")
    unknown = set(raw) - {"all", "weekdays", "weekends", "holidays", *DAY_NAMES}
    if unknown:
        raise PolicyError(f"{where}.windows: unknown day {sorted(unknown)[0]!r}")
    return tuple(days.get(day, ()) for day in DAY_NAMES)


def _caps(raw: object, where: str) -> tuple[Cap, ...]:
    if not isinstance(raw, list):
        raise PolicyError(f"{where}.caps must be a list like [{{calls = 3, per = '24h'}}]")
    caps = []
    for item in raw:
        calls = item.get("calls") if isinstance(item, dict) else None
        if not isinstance(calls, int) or isinstance(calls, bool) or calls < 1:
            raise PolicyError(
                f"{where}.caps: each cap needs calls = a whole number ≥ 1 "
                "(to bar all calls, give no windows)"
            )
        caps.append(Cap(calls, parse_duration(item.get("per"), f"{where}.caps")))
    return tuple(caps)


def parse_pack(key: str, raw: object, where: str = "") -> RulePack:
    where = where or f"[packs.{key}]"
    if not isinstance(raw, dict):
        raise PolicyError(f"{where} must be a table")
    unknown = set(raw) - _PACK_KEYS
    if unknown:
        raise PolicyError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    windows = raw.get("windows", {"all": ["00:00-24:00"]})
    if not isinstance(windows, dict):
        raise PolicyError(f"{where}.windows must be a table")
    holiday_windows = (
        _windows(windows["holidays"], f"{where}.windows.holidays")
        if ("holidays" in windows)
        else None
    )
    calendar = str(raw.get("holiday_calendar", key))
    if holiday_windows is not None:
        _check_calendar(calendar, where)
    cool_down = raw.get("cool_down_after_refusal")
    return RulePack(
        key=key,
        name=str(raw.get("name", key)),
        week=_week(windows, where),
        holiday_windows=holiday_windows,
        holiday_calendar=calendar,
        caps=_caps(raw.get("caps", []), where),
        cool_down=parse_duration(cool_down, where) if cool_down is not None else None,
    )


def _check_calendar(calendar: str, where: str) -> None:
    country, _, subdiv = calendar.partition("-")
    try:
        country_holidays(country, subdiv=subdiv or None)
    except NotImplementedError as exc:
        raise PolicyError(f"{where}: no public-holiday calendar {calendar!r}: {exc}") from exc


def parse_packs(raw: object, where: str) -> dict[str, RulePack]:
    if not isinstance(raw, dict):
        raise PolicyError(f"{where} must be a table of packs")
    return {key: parse_pack(key, value, f"{where}.{key}") for key, value in raw.items()}


def builtin_packs() -> dict[str, RulePack]:
    """The packs we ship (packs.toml), by key: "CN", "US", "US-FL" …"""
    text = resources.files("softphone.compliance").joinpath("packs.toml").read_text("utf-8")
    return parse_packs(tomllib.loads(text).get("packs", {}), "[packs]")


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def at_minute(day: date, minute: int, tz: tzinfo) -> datetime:
    """Local wall-clock `minute` of `day` in `tz`; 24:00 is the next day's midnight."""
    if minute == END_OF_DAY:
        return datetime.combine(day + timedelta(days=1), time(0), tz)
    return datetime.combine(day, time(minute // 60, minute % 60), tz)
