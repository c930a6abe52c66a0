"""What the agent typed, in the gate's terms: a colleague (internal), an emergency number, a
public phone number in E.164, or something that cannot be called.

Phone numbers are normalised with `phonenumbers`; a national format is read in the profile's
default region. A SIP URI to a user of one of our own domains is internal unless its user part
is a phone number, which is then checked like the number itself.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from typing import Literal

import phonenumbers
from phonenumbers import (
    COUNTRY_CODE_TO_REGION_CODE,
    NumberParseException,
    PhoneMetadata,
    PhoneNumber,
    PhoneNumberType,
    national_significant_number,
    shortnumberinfo,
)
from phonenumbers.re_util import re_compile

from softphone.compliance.e164 import parse_e164
from softphone.compliance.number_types import UNJOINABLE, type_in_region

CalleeKind = Literal["internal", "emergency", "number", "invalid"]

_URI = re.compile(r"^<?(?P<scheme>sips?|tel):(?P<user>[^@;>]*)(?:@(?P<host>[^;>]*))?", re.I)
# A colleague's or a queue's user name starts with a letter (as softphone.sip.uri reads it).
_USER_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9._~-]*$")
_VISUAL_SEPARATORS = re.compile(r"[\s().\-/]")
_DIGITS = re.compile(r"^\+?[0-9]+$")
_FEATURE_CODE = re.compile(r"^[0-9]*[*#][0-9*#]*$")


@dataclass(frozen=True)
class Callee:
    kind: CalleeKind
    typed: str
    number: PhoneNumber | None = None
    e164: str | None = None
    region: str | None = None  # ISO 3166 country of the number ("US")
    problem: str = ""  # why an invalid target cannot be called
    problem_code: str = ""
    type: int = PhoneNumberType.UNKNOWN  # mobile, fixed line, toll free … (PhoneNumberType)


def read_callee(
    typed: str, default_region: str, own_domains: Collection[str], extension_max_digits: int
) -> Callee:
    """Classify what the agent typed: a number, a SIP URI, an extension or a colleague's name."""
    text = typed.strip()
    if not text:
        return _invalid(typed, "nothing to dial")
    uri = _URI.match(text)
    if uri is None:
        if _USER_NAME.match(text):
            return Callee("internal", typed)
        return _number_or_extension(typed, text, default_region, extension_max_digits, True)
    user = uri.group("user")
    host = (uri.group("host") or "").split(":")[0].strip("[]").lower()
    ours = uri.group("scheme").lower() != "tel" and (
        not host or host in {d.lower() for d in own_domains}
    )
    compact = _VISUAL_SEPARATORS.sub("", user)
    if _DIGITS.match(compact) or _FEATURE_CODE.match(compact):
        return _number_or_extension(typed, user, default_region, extension_max_digits, ours)
    if ours and _USER_NAME.match(user):
        return Callee("internal", typed)
    if ours:
        return _invalid(typed, f"{user!r} is neither a phone number nor a colleague's name")
    return Callee(
        "invalid",
        typed,
        problem=f"{host or text} is not one of our SIP domains and {user!r} is not a phone "
        "number: only phone numbers and colleagues can be called",
        problem_code="external_uri",
    )


def _number_or_extension(
    typed: str, text: str, region: str, extension_max_digits: int, ours: bool
) -> Callee:
    compact = _VISUAL_SEPARATORS.sub("", text)
    if not compact.startswith("+") and shortnumberinfo.is_emergency_number(compact, region):
        return Callee("emergency", typed, e164=compact, region=region)
    if ours and _FEATURE_CODE.match(compact):
        return Callee("internal", typed)  # *97 voicemail and the like: our own PBX
    if ours and not compact.startswith("+") and 0 < len(compact) <= extension_max_digits:
        return Callee("internal", typed)  # an extension on our own PBX
    return read_number(typed, text, region)


def read_number(typed: str, text: str, region: str) -> Callee:
    try:
        number = parse_e164(text) or phonenumbers.parse(text, region)
    except NumberParseException as exc:
        return _invalid(typed, f"{text!r} is not a phone number ({exc._msg})")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    kind = number_type(number)
    if kind is None:
        return _invalid(typed, f"{e164} is not a valid phone number (read in region {region})")
    own_region, number_kind = kind
    return Callee("number", typed, number=number, e164=e164, region=own_region, type=number_kind)


def number_type(number: PhoneNumber) -> tuple[str, int] | None:
    """(region, PhoneNumberType) of a valid number, None for an invalid one.

    What region_code_for_number(), is_valid_number() and number_type() do, done once: for a
    calling code shared by several regions (+1: 25 of them) phonenumbers finds the region by
    working out the number's type in each, then forgets the type — the bulk of a check's time.
    """
    code = number.country_code
    if code is None:
        return None
    shared, steps = _steps_of(code)
    national = national_significant_number(number)
    for regions, leading_digits in steps:
        if leading_digits is not None:
            found = leading_digits.match(national)
            if found is None:
                continue  # these regions are told by their leading digits: none of them
            # Each alternative's named group wraps it whole: the last group to close is its own.
            region, metadata = regions[int(str(found.lastgroup)[1:]) if len(regions) > 1 else 0]
            kind = type_in_region(national, metadata)
        else:
            region, metadata = regions[0]
            kind = type_in_region(national, metadata)
            if shared and kind == PhoneNumberType.UNKNOWN:
                continue  # not a number of this region: try the next
        return None if kind == PhoneNumberType.UNKNOWN else (region, kind)
    return None


Step = tuple[tuple[tuple[str, PhoneMetadata], ...], re.Pattern[str] | None]


@cache
def _steps_of(code: int) -> tuple[bool, tuple[Step, ...]]:
    """Whether a calling code is shared, and its regions in phonenumbers' order: one step per
    region told by its number's type, one per run of regions told by their leading digits.

    phonenumbers tries each region's leading digits in turn and takes the first that match;
    a run's patterns are joined, in that order, into one alternation with a named group each
    (a match of an alternation is its first alternative that matches, the same region), so
    an invalid +1 number takes four steps instead of twenty-five."""
    shared, regions = _regions_of(code)
    steps: list[Step] = []
    run: list[tuple[str, PhoneMetadata, re.Pattern[str]]] = []
    for region, metadata, leading in regions:
        if leading is not None and not UNJOINABLE.search(leading.pattern):
            run.append((region, metadata, leading))
            continue
        steps += _joined(run)
        run = []
        steps.append((((region, metadata),), leading))  # by its type, or its own pattern
    return shared, (*steps, *_joined(run))


def _joined(run: list[tuple[str, PhoneMetadata, re.Pattern[str]]]) -> list[Step]:
    if not run:
        return []
    joined = "|".join(f"(?P<r{i}>{leading.pattern})" for i, (_, _, leading) in enumerate(run))
    return [(tuple((region, metadata) for region, metadata, _ in run), re.compile(joined))]


@cache
def _regions_of(
    code: int,
) -> tuple[bool, tuple[tuple[str, PhoneMetadata, re.Pattern[str] | None], ...]]:
    """Whether a calling code is shared, and its regions in phonenumbers' order, each with its
    metadata and (for a shared code) the leading digits that tell it."""
    names = COUNTRY_CODE_TO_REGION_CODE.get(code, ())
    shared = len(names) > 1
    regions = []
    for region in names:
        metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, region)
        if metadata is None:
            continue
        leading = metadata.leading_digits if shared else None
        regions.append((region, metadata, re_compile(leading) if leading is not None else None))
    return shared, tuple(regions)


def normalise(text: str, region: str) -> str:
    """A phone number as E.164 ("+8613800138000"); ValueError saying why when it is not one."""
    callee = read_number(text, text, region)
    if callee.e164 is None:
        raise ValueError(callee.problem)
    return callee.e164


def e164_to_int(e164: str) -> int:
    """The blacklist's key for a number: its E.164 digits as an integer (at most 15 digits)."""
    return int(e164.lstrip("+"))


def int_to_e164(value: int) -> str:
    return f"+{value}"


def _invalid(typed: str, problem: str) -> Callee:
    return Callee("invalid", typed, problem=problem, problem_code="invalid_number")
