"""Which stored numbers and which text name a phone number: matched by E.164 key, the one rule by
which both the device and the center carry out a deletion request.

A number is stored as it came: dialled ("138 0013 8000", "013800138000"), as a caller ID
("+8613800138000", "8613800138000", "sip:013800138000@pbx"), or inside free text (a SIP trace,
a log line, an event's JSON). Each written form is read as the E.164 numbers it can be
(`readings`): with "+" or an international prefix as written; without, as a national number of
the region (the compliance policy's `default_region`) and, when that is no valid number there,
as the international number written without its "+" (trunks deliver caller IDs that way).
A form matches a request when one of its readings is the request's key — so "138 0013 8000"
matches +8613800138000 and +4930123456 never matches +49301234567 (digit matching by "contains"
or "ends with" did).
A key has at least `MIN_DIGITS` digits: a shorter one would match parts of dates and ids.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

MIN_DIGITS = 7
TAIL_DIGITS = 7
"""Every written form of a number ends with the last digits of its national number: text that
lacks them (separators allowed) is skipped before anything is parsed."""

_SEPARATOR = r"[ \-.()/]{0,2}"
_URI_USER = re.compile(r"^\s*<?(?:sips?|tel):(?P<user>[^@;>]*)", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-.()/]")
_WRITTEN_NUMBER = re.compile(r"\+?[0-9]+")
# A number in free text: digits, at most two separators between any two, an optional "+";
# not the tail of a longer run of digits.
_RUN = re.compile(rf"(?<![\d+])\+?\d(?:{_SEPARATOR}\d)*")
_GROUP = re.compile(r"\+?\d+")
_E164 = PhoneNumberFormat.E164


def readings(written: str, region: str) -> set[str]:
    """The E.164 numbers a written number can be (empty when it is no phone number)."""
    uri = _URI_USER.match(written)
    text = uri.group("user") if uri else written
    compact = _SEPARATORS.sub("", text)
    if _WRITTEN_NUMBER.fullmatch(compact) is None:
        return set()  # a colleague's name, an id: never read letters as keypad digits
    found = set()
    national_ok = False
    with contextlib.suppress(NumberParseException):
        parsed = phonenumbers.parse(text, region)
        found.add(phonenumbers.format_number(parsed, _E164))
        national_ok = phonenumbers.is_valid_number(parsed)
    if not compact.startswith("+") and not national_ok:
        # "4930123456" is no number of CN: +4930123456 as a trunk sends it without its "+".
        # A valid national number is that alone ("138 0013 8000" is not +1 380 013 8000).
        found.add("+" + compact)
    return {number for number in found if len(number) - 1 >= MIN_DIGITS}


def subject_key(number: str, region: str) -> str:
    """The E.164 key of a deletion request's number, read in `region` when national;
    ValueError saying why when it cannot be one (not a number, fewer than 7 digits)."""
    text = number.strip()
    compact = _SEPARATORS.sub("", text)
    if _WRITTEN_NUMBER.fullmatch(compact) is None:
        raise ValueError(f"{number!r} is not a phone number")
    try:
        parsed = phonenumbers.parse(text, region)
    except NumberParseException as exc:
        raise ValueError(f"{number!r} is not a phone number ({exc._msg})") from None
    key = phonenumbers.format_number(parsed, _E164)
    if len(key) - 1 < MIN_DIGITS:
        raise ValueError(
            f"{number!r} is not a phone number to erase: fewer than {MIN_DIGITS} digits "
            "would match parts of other numbers, dates and ids"
        )
    return key


@dataclass(frozen=True)
class NumberMatch:
    """The stored forms and the text that name one number (its E.164 `key`)."""

    key: str
    region: str

    @cached_property
    def tail(self) -> str:
        national = phonenumbers.national_significant_number(phonenumbers.parse(self.key))
        return national[-TAIL_DIGITS:]

    @cached_property
    def _tail_pattern(self) -> re.Pattern[str]:
        return re.compile(_SEPARATOR.join(self.tail) + r"(?!\d)")

    @cached_property
    def _tail_at_end(self) -> re.Pattern[str]:
        return re.compile(_SEPARATOR.join(self.tail) + r"$")

    def may_name(self, text: str | None) -> bool:
        """False when `text` surely does not name the number (cheap: one regex search)."""
        return bool(text) and self._tail_pattern.search(text or "") is not None

    def is_number(self, written: str | None) -> bool:
        """A stored number field (calling, called number; a SIP URI) is this number."""
        return self.may_name(written) and self.key in readings(written or "", self.region)

    def names(self, text: str | None) -> bool:
        """Free text (a SIP trace, a log line, an event's JSON) writes this number somewhere,
        in any of its forms, as a whole number (not as a part of a longer one)."""
        if not self.may_name(text):
            return False
        return any(self._run_names(run.group()) for run in _RUN.finditer(text or ""))

    def _run_names(self, run: str) -> bool:
        # A run may hold several numbers side by side ("call 10 138 0013 8000"): try every
        # stretch of whole digit groups that ends with the tail.
        if not self.may_name(run):
            return False
        groups = [(g.start(), g.end()) for g in _GROUP.finditer(run)]
        # "+1 138 0013 8000" is one international number: its tail is no national number
        firsts = groups[:1] if run.startswith("+") else groups
        for last, (_, end) in enumerate(groups):
            if self._tail_at_end.search(run, 0, end) is None:
                continue
            for start, _ in firsts[: last + 1]:
                if self.key in readings(run[start:end], self.region):
                    return True
        return False


@lru_cache(maxsize=8)
def matcher(key: str, region: str) -> NumberMatch:
    """One `NumberMatch` per request, however many rows a statement asks it about."""
    return NumberMatch(key, region)
