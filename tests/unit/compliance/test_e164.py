"""Reading "+" and digits the short way gives exactly what phonenumbers.parse gives: the same
number (calling code, national number, Italian leading zeros), or — where parse raises or
reads the text another way — no answer, so that parse itself is asked."""

from __future__ import annotations

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from softphone.compliance.e164 import parse_e164
from softphone.compliance.numbers import read_number

_CODES = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)


def _parse(text: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None


@st.composite
def typed_e164(draw: st.DrawFn) -> str:
    """'+' then a known calling code (sometimes none, sometimes a national prefix or zeros
    after it) and up to 17 more digits."""
    digits = st.text("0123456789", max_size=17)
    code = draw(st.one_of(st.sampled_from(_CODES).map(str), st.text("0123456789", max_size=3)))
    middle = draw(st.sampled_from(["", "0", "1", "00", "8", "06", "0000"]))
    return f"+{code}{middle}{draw(digits)}"


@settings(max_examples=6_000, deadline=None)
@given(typed_e164())
def test_short_way_agrees_with_phonenumbers(text: str) -> None:
    ours = parse_e164(text)
    if ours is not None:  # when we answer, it is parse's answer
        assert ours == _parse(text)


@settings(max_examples=1_000, deadline=None)
@given(typed_e164())
def test_gate_reads_numbers_as_phonenumbers_does(text: str) -> None:
    number = _parse(text)
    callee = read_number(text, text, "CN")
    expected = (
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if number is not None and phonenumbers.is_valid_number(number)
        else None
    )
    assert callee.e164 == expected


def test_it_answers_for_real_numbers_and_leaves_the_rest_to_phonenumbers() -> None:
    assert parse_e164("+12125550123") == _parse("+12125550123")
    assert parse_e164("+390612345678") == _parse("+390612345678")  # Italian leading zero
    assert parse_e164("+4402079460000") == _parse("+4402079460000")  # "+44 0 20…"
    assert parse_e164("+12125550123").national_number == 2125550123  # type: ignore[union-attr]
    others = (
        "12125550123", "+1 212 555 0123", "+１２１２５５５０１２３", "+99912345", "+12",
        "+1212555012345678901234", "tel:+12125550123", "+12125550123;ext=1",
    )  # fmt: skip
    for other in others:
        assert parse_e164(other) is None, other
