"""Our one-pass region-and-type of a number answers exactly as phonenumbers' own
region_code_for_number + is_valid_number + number_type, for every region's example numbers and
their neighbours (valid and invalid, shared calling codes like +1 and +7 included)."""

from __future__ import annotations

import phonenumbers
from phonenumbers import PhoneNumber

from softphone.compliance.numbers import number_type


def _phonenumbers_answer(number: PhoneNumber) -> tuple[str | None, int] | None:
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.region_code_for_number(number), phonenumbers.number_type(number)


def test_region_and_type_match_phonenumbers_for_every_region() -> None:
    checked = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in range(12):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None or example.national_number is None:
                continue
            for delta in (0, 1, 13, 10**6):
                number = PhoneNumber(
                    country_code=example.country_code,
                    national_number=example.national_number + delta,
                    italian_leading_zero=example.italian_leading_zero,
                    number_of_leading_zeros=example.number_of_leading_zeros,
                )
                assert number_type(number) == _phonenumbers_answer(number), number
                checked += 1
    assert checked > 3000
