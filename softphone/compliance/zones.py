"""The callee's time zones and, for the United States, the state of the area code.

`phonenumbers.timezone` maps a number to candidate zones by prefix; a shared country code (+1,
+7) or a mobile range can map to zones of several countries, so the candidates are narrowed to
the zones of the number's own country (the tz database's zone.tab). When that table cannot be
found, the candidates stay as they are: more zones can only block more, never allow more.
"""

from __future__ import annotations

import zoneinfo
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from phonenumbers import PhoneNumber, PhoneNumberType, is_number_type_geographical, timezone
from phonenumbers.tzdata import TIMEZONE_DATA, TIMEZONE_LONGEST_PREFIX

from softphone.compliance.area_codes import AREA_CODES

_UNKNOWN = "Etc/Unknown"

US_STATES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA",
    "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE", "District of Columbia": "DC",
    "Washington D.C.": "DC", "Florida": "FL", "Georgia": "GA", "Hawaii": "HI", "Idaho": "ID",
    "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS", "Kentucky": "KY",
    "Louisiana": "LA", "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA", "Michigan": "MI",
    "Minnesota": "MN", "Mississippi": "MS", "Missouri": "MO", "Montana": "MT", "Nebraska": "NE",
    "Nevada": "NV", "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM",
    "New York": "NY", "North Carolina": "NC", "North Dakota": "ND", "Ohio": "OH",
    "Oklahoma": "OK", "Oregon": "OR", "Pennsylvania": "PA", "Rhode Island": "RI",
    "South Carolina": "SC", "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX", "Utah": "UT",
    "Vermont": "VT", "Virginia": "VA", "Washington State": "WA", "Washington": "WA",
    "West Virginia": "WV", "Wisconsin": "WI", "Wyoming": "WY",
}  # fmt: skip


def callee_zones(number: PhoneNumber, region: str, kind: int) -> tuple[str, ...]:
    """The IANA zones the callee may be in, empty when unknown. `kind` is the number's
    PhoneNumberType: as phonenumbers' time_zones_for_number(), without finding it again."""
    return _narrowed(_candidates(number, kind), region)


@lru_cache(maxsize=4096)
def _narrowed(candidates: tuple[str, ...], region: str) -> tuple[str, ...]:
    """The loadable candidates of the region's own country (all of them when none is): the
    same few lists come back for every number of a prefix (a toll-free number's eleven)."""
    known = [z for z in candidates if z != _UNKNOWN]
    if len(known) > 1:
        own = zones_of_country(region)
        known = [z for z in known if z in own] or known
    return tuple(z for z in known if loadable(z))


def _candidates(number: PhoneNumber, kind: int) -> tuple[str, ...]:
    if kind == PhoneNumberType.UNKNOWN or number.country_code is None:
        return ()
    if is_number_type_geographical(kind, number.country_code):
        return tuple(timezone.time_zones_for_geographical_number(number))
    code = str(number.country_code)  # mobile, toll-free …: the zones of the calling code
    for length in range(min(TIMEZONE_LONGEST_PREFIX, len(code)), 0, -1):
        if code[:length] in TIMEZONE_DATA:
            return TIMEZONE_DATA[code[:length]]
    return ()


def us_state(number: PhoneNumber) -> str | None:
    """The two-letter state of a US area code ("FL"), None for toll-free and non-geographic."""
    if number.country_code != 1 or number.national_number is None:
        return None
    return AREA_CODES.get(number.national_number // 10**7)


def state_from_place(place: str) -> str | None:
    """ "Miami, FL" or "Florida" → "FL"."""
    if not place:
        return None
    _, comma, code = place.rpartition(", ")
    if comma and len(code) == 2 and code.isupper():
        return code
    return US_STATES.get(place)


@lru_cache(maxsize=1024)
def loadable(zone: str) -> bool:
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def all_countries() -> tuple[str, ...]:
    """The countries of the tz database's zone table."""
    return tuple(_zone_table())


@cache
def zones_of_country(region: str) -> frozenset[str]:
    return frozenset(_zone_table().get(region, ()))


@cache
def _zone_table() -> dict[str, tuple[str, ...]]:
    text = _zone_tab_text()
    table: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) >= 3:
            for country in fields[0].split(","):
                table.setdefault(country, []).append(fields[2])
    return {country: tuple(zones) for country, zones in table.items()}


def _zone_tab_text() -> str:
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "zone.tab"
        if path.is_file():
            return path.read_text("utf-8")
    try:  # the `tzdata` package, where the OS has no tz database (Windows)
        return resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return ""
