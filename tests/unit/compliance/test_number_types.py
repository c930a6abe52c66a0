"""The joined-pattern type matcher answers exactly as phonenumbers' own type helper: for random
digit strings in every region (valid and invalid, every length a national number can have),
and — through the gate's number reading — for random numbers as typed with a "+"."""

from __future__ import annotations

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneMetadata, PhoneNumber, PhoneNumberType
from phonenumbers.phonenumberutil import _number_type_helper

from softphone.compliance.number_types import type_in_region
from softphone.compliance.numbers import number_type

PhoneMetadata.load_all()
_METADATA = [
    *(PhoneMetadata.metadata_for_region(r) for r in sorted(phonenumbers.SUPPORTED_REGIONS)),
    *(
        PhoneMetadata.metadata_for_nongeo_region(c)
        for c in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS)
    ),
]
_METADATA = [m for m in _METADATA if m is not None]


def _examples(metadata: PhoneMetadata) -> list[str]:
    """The region's example numbers of every type: prefixes that lead to valid numbers."""
    found = []
    for name in ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "voip",
                 "personal_number", "pager", "uan", "voicemail"):  # fmt: skip
        desc = getattr(metadata, name)
        if desc is not None and desc.example_number:
            found.append(desc.example_number)
    return found or ["0"]


@st.composite
def national_numbers(draw: st.DrawFn) -> tuple[PhoneMetadata, str]:
    """A region and a national number: an example number with its tail replaced or trimmed
    or lengthened (near-valid), or plain random digits."""
    metadata = draw(st.sampled_from(_METADATA))
    if draw(st.booleans()):
        example = draw(st.sampled_from(_examples(metadata)))
        keep = draw(st.integers(0, len(example)))
        tail = draw(st.text("0123456789", min_size=0, max_size=max(0, 17 - keep)))
        national = example[:keep] + tail
    else:
        national = draw(st.text("0123456789", min_size=1, max_size=17))
    return metadata, national


@settings(max_examples=4_000, deadline=None)
@given(national_numbers())
def test_type_matches_phonenumbers_helper(case: tuple[PhoneMetadata, str]) -> None:
    metadata, national = case
    assert type_in_region(national, metadata) == _number_type_helper(national, metadata)


def test_every_example_number_gets_its_own_type() -> None:
    """Not a tautology of the above: each region's example of a type is that type (or fixed
    line or mobile for a region whose two patterns overlap), never 'invalid'."""
    checked = 0
    for metadata in _METADATA:
        for national in _examples(metadata):
            kind = type_in_region(national, metadata)
            assert kind == _number_type_helper(national, metadata)
            assert kind != PhoneNumberType.UNKNOWN, (metadata.id, national)
            checked += 1
    assert checked > 1000


@settings(max_examples=1_500, deadline=None)
@given(
    st.sampled_from(sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)),
    st.text("0123456789", min_size=1, max_size=15),
)
def test_region_and_type_of_typed_numbers_match_phonenumbers(code: int, digits: str) -> None:
    try:
        number = phonenumbers.parse(f"+{code}{digits}")
    except phonenumbers.NumberParseException:
        return
    expected = None
    if phonenumbers.is_valid_number(number):
        expected = (phonenumbers.region_code_for_number(number), phonenumbers.number_type(number))
    assert number_type(number) == expected


def test_invalid_lengths_and_foreign_digits_are_unknown() -> None:
    us = PhoneMetadata.metadata_for_region("US")
    assert type_in_region("212555012", us) == PhoneNumberType.UNKNOWN  # 9 digits
    assert type_in_region("21255501234", us) == PhoneNumberType.UNKNOWN  # 11 digits
    assert type_in_region("2125550123", us) == _number_type_helper("2125550123", us)
    assert number_type(PhoneNumber(country_code=1, national_number=1255501234)) is None


@settings(max_examples=3_000, deadline=None)
@given(st.sampled_from([1, 7, 44, 47, 61, 212, 262, 590, 599]), st.text("0123456789", max_size=12))
def test_region_of_shared_calling_codes_matches_phonenumbers(code: int, digits: str) -> None:
    """Calling codes shared by several regions (+1: 25 of them, most told by leading digits):
    the region and type of any number, valid or not, are phonenumbers' own."""
    number = PhoneNumber(country_code=code, national_number=int(digits or "0"))
    expected = None
    if phonenumbers.is_valid_number(number):
        expected = (phonenumbers.region_code_for_number(number), phonenumbers.number_type(number))
    assert number_type(number) == expected
