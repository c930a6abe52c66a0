"""Reading a number typed in E.164 ("+12125550123"), the form a dialer and a CRM hand over, the
way `phonenumbers.parse` reads it, without the steps that text of that shape never needs.

`phonenumbers.parse` accepts anything a person might write (RFC 3966 URIs, extensions, letters,
full-width digits, IDD prefixes) and spends most of its time finding out which of those it was
given: for plain "+" and ASCII digits, a third of a first-seen number's check. For that shape
alone this module takes parse's own remaining steps, with phonenumbers' own helpers: the calling
code, the national prefix a number written "+44 0…" still carries, the length checks, Italian
leading zeros. Whenever parse would raise or take another path (an unknown calling code, too
short, too long), it answers None and the caller asks `phonenumbers.parse`, so an error reads
exactly as before. tests/unit/compliance/test_e164.py checks that the two agree on random input.
"""

from __future__ import annotations

import re

from phonenumbers import PhoneMetadata, PhoneNumber, region_code_for_country_code
from phonenumbers.phonenumberutil import (
    _MAX_LENGTH_FOR_NSN,
    _MIN_LENGTH_FOR_NSN,
    ValidationResult,
    _extract_country_code,
    _is_viable_phone_number,
    _maybe_strip_national_prefix_carrier_code,
    _set_italian_leading_zeros_for_phone_number,
    _test_number_length,
)

# "+" and ASCII digits only; longer than any calling code and national number together is left
# to phonenumbers (it says "too long").
_PLUS_DIGITS = re.compile(r"\+[0-9]{1,20}")
_KEEP_PREFIX = (
    ValidationResult.TOO_SHORT,
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
    ValidationResult.INVALID_LENGTH,
)


def parse_e164(text: str) -> PhoneNumber | None:
    """What phonenumbers.parse(text, any region) returns for `text` of the shape "+" and ASCII
    digits; None for any other text, and where parse would raise or read it another way."""
    if _PLUS_DIGITS.fullmatch(text) is None or not _is_viable_phone_number(text):
        return None
    digits = text[1:]
    if len(digits) <= _MIN_LENGTH_FOR_NSN:
        return None  # parse: "too short after IDD"
    code, national = _extract_country_code(digits)
    if code == 0:
        return None  # parse: an unknown calling code, read again without the "+"
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(
        code, region_code_for_country_code(code)
    )
    if metadata is None or len(national) < _MIN_LENGTH_FOR_NSN:
        return None
    _, without_prefix, _ = _maybe_strip_national_prefix_carrier_code(national, metadata)
    if _test_number_length(without_prefix, metadata) not in _KEEP_PREFIX:
        national = without_prefix
    if not _MIN_LENGTH_FOR_NSN <= len(national) <= _MAX_LENGTH_FOR_NSN:
        return None
    number = PhoneNumber()
    number.country_code = code
    _set_italian_leading_zeros_for_phone_number(national, number)
    number.national_number = int(national)
    return number
