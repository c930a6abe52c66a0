"""A number's type (fixed line, mobile, toll free … or invalid) in a region, exactly as
phonenumbers decides it, in two or three regular-expression matches instead of up to eleven.

phonenumbers tries the region's patterns one by one in a fixed order (premium rate, toll free,
shared cost, VoIP, personal, pager, UAN, voicemail, fixed line, then mobile), each after a check
of the number's length, and each through several Python calls: most of a check's time for a
number seen the first time. Here the patterns that can match a number of a given length are
joined, in that order, into one alternation with a named group each; a full match of an
alternation succeeds on its first alternative that can match the whole number, which is the
type phonenumbers would return. The matchers are built per region and length on first use (and
by `softphone.compliance.plans.warm_up` for the regions the gate meets most).

Where a pattern holds a construct that would not survive being joined (a back-reference, a
named group or an inline flag — phonenumbers' metadata has none today), that region keeps
phonenumbers' own helper. tests/unit/compliance/test_number_types.py checks the equivalence on
random numbers of every region.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from phonenumbers import PhoneMetadata, PhoneNumberDesc, PhoneNumberType
from phonenumbers.phonenumberutil import _number_type_helper
from phonenumbers.re_util import re_compile

TypeOf = Callable[[str], int]

# phonenumbers' order (phonenumberutil._number_type_helper): the first that matches wins.
_ORDERED = (
    ("premium_rate", PhoneNumberType.PREMIUM_RATE),
    ("toll_free", PhoneNumberType.TOLL_FREE),
    ("shared_cost", PhoneNumberType.SHARED_COST),
    ("voip", PhoneNumberType.VOIP),
    ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
    ("pager", PhoneNumberType.PAGER),
    ("uan", PhoneNumberType.UAN),
    ("voicemail", PhoneNumberType.VOICEMAIL),
    ("fixed_line", PhoneNumberType.FIXED_LINE),
)
UNJOINABLE = re.compile(r"\\[1-9]|\(\?P|\(\?[aiLmsux-]")
_NEVER = re.compile(r"(?!)")


def type_in_region(national: str, metadata: PhoneMetadata) -> int:
    """The PhoneNumberType of a national significant number (ASCII digits) in the region of
    `metadata`: UNKNOWN when it is not a valid number there."""
    kept = _MATCHERS.get(id(metadata))
    if kept is None or kept[0] is not metadata:
        kept = _MATCHERS[id(metadata)] = (metadata, _matcher(metadata))
    return kept[1](national)


def prepare(metadata: PhoneMetadata) -> None:
    """Build the region's matchers for every length its numbers can have, ahead of the first
    dial (joining and compiling a region's patterns takes about a millisecond)."""
    general = metadata.general_desc
    for length in general.possible_length if general is not None else ():
        type_in_region("0" * length, metadata)


# By the metadata object's identity (PhoneMetadata is unhashable; phonenumbers keeps one per
# region for the process's life), the object kept beside its matcher.
_MATCHERS: dict[int, tuple[PhoneMetadata, TypeOf]] = {}


def _matcher(metadata: PhoneMetadata) -> TypeOf:
    descs = [metadata.general_desc, metadata.mobile, *(getattr(metadata, n) for n, _ in _ORDERED)]
    if any(d is not None and UNJOINABLE.search(d.national_number_pattern or "") for d in descs):
        return lambda national: int(_number_type_helper(national, metadata))
    by_length: dict[int, TypeOf] = {}

    def type_of(national: str) -> int:
        matcher = by_length.get(len(national))
        if matcher is None:
            matcher = by_length[len(national)] = _for_length(metadata, len(national))
        return matcher(national)

    return type_of


def _for_length(metadata: PhoneMetadata, length: int) -> TypeOf:
    """The matcher for numbers of one length: the patterns that a length check would rule out
    are left out of the alternation."""
    general = _pattern(metadata.general_desc, length)
    if general is None:
        return _unknown  # no number of this length is valid in the region
    mobile = _pattern(metadata.mobile, length)
    kinds: dict[str | None, int] = {}
    parts: list[str] = []
    for name, kind in _ORDERED:
        pattern = _pattern(getattr(metadata, name), length)
        if pattern is not None:
            parts.append(f"(?P<{name}>{pattern.pattern})")
            kinds[name] = kind
    joined = re.compile("|".join(parts)) if parts else _NEVER
    same_pattern = bool(metadata.same_mobile_and_fixed_line_pattern)
    unknown, fixed = PhoneNumberType.UNKNOWN, PhoneNumberType.FIXED_LINE
    either, mobile_kind = PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.MOBILE

    def type_of(national: str) -> int:
        if general.fullmatch(national) is None:
            return unknown
        found = joined.fullmatch(national)
        if found is not None:
            # The named group wraps its whole alternative, so it is the last to close.
            kind = kinds[found.lastgroup]
            if kind != fixed:
                return kind
            if same_pattern or (mobile is not None and mobile.fullmatch(national) is not None):
                return either
            return fixed
        if not same_pattern and mobile is not None and mobile.fullmatch(national) is not None:
            return mobile_kind
        return unknown

    return type_of


def _unknown(national: str) -> int:
    return PhoneNumberType.UNKNOWN


def _pattern(desc: PhoneNumberDesc | None, length: int) -> re.Pattern[str] | None:
    """The desc's pattern when a number of `length` digits could match it (as phonenumbers'
    _is_number_matching_desc: listed possible lengths rule the others out; an empty pattern
    matches nothing)."""
    if desc is None or not desc.national_number_pattern:
        return None
    if desc.possible_length and length not in desc.possible_length:
        return None
    return re_compile(desc.national_number_pattern)  # phonenumbers' cache: compiled once
