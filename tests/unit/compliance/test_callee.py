"""What the agent typed is read the way the contact center means it: colleagues pass,
numbers are checked, anything else is refused with a reason."""

from __future__ import annotations

import pytest

from softphone.compliance.numbers import read_callee

OURS = {"pbx.example"}


@pytest.mark.parametrize(
    ("typed", "kind", "e164"),
    [
        ("+86 138 0013 8000", "number", "+8613800138000"),
        ("13800138000", "number", "+8613800138000"),  # national format, default region CN
        ("tel:+33612345678", "number", "+33612345678"),
        ("sip:+14155550100@pbx.example", "number", "+14155550100"),
        ("sip:+14155550100@carrier.example;user=phone", "number", "+14155550100"),
        ("1001", "internal", None),  # an extension on our PBX
        ("*97", "internal", None),  # a feature code
        ("agent2", "internal", None),
        ("sip:queue-sales@PBX.example:5060", "internal", None),
        ("sip:1001@pbx.example", "internal", None),
        ("110", "emergency", "110"),  # emergency numbers are never blocked
        ("120", "emergency", "120"),
    ],
)
def test_what_the_agent_typed(typed: str, kind: str, e164: str | None) -> None:
    callee = read_callee(typed, "CN", OURS, 6)
    assert (callee.kind, callee.e164) == (kind, e164)


@pytest.mark.parametrize(
    ("typed", "code", "says"),
    [
        ("", "invalid_number", "nothing to dial"),
        ("call mom", "invalid_number", "not a phone number"),
        ("+86 123", "invalid_number", "not a valid phone number"),
        ("+1 555 0100", "invalid_number", "not a valid phone number"),
        ("sip:bob@other.example", "external_uri", "not one of our SIP domains"),
    ],
)
def test_what_cannot_be_called_says_why(typed: str, code: str, says: str) -> None:
    callee = read_callee(typed, "CN", OURS, 6)
    assert callee.kind == "invalid"
    assert callee.problem_code == code
    assert says in callee.problem


def test_without_extensions_a_short_number_is_read_as_a_phone_number() -> None:
    assert read_callee("1001", "CN", OURS, 0).kind == "invalid"
    assert read_callee("sip:1001@other.example", "CN", OURS, 6).kind == "invalid"


def test_the_area_code_table_agrees_with_the_geocoder() -> None:
    from softphone.compliance.area_codes import AREA_CODES, derive_area_codes

    assert derive_area_codes() == AREA_CODES


def test_our_one_pass_validity_and_zones_match_phonenumbers() -> None:
    """numbers.number_type() and zones._candidates() use a private phonenumbers helper to find
    the region once; they must still say what the public API says."""
    import random

    import phonenumbers
    from phonenumbers import timezone

    from softphone.compliance.numbers import number_type
    from softphone.compliance.zones import _candidates

    rng = random.Random(5)
    samples = ["+18005551234", "+79161234567", "+61412345678", "+80012345678", "+390612345678"]
    samples += [f"+{rng.randrange(10**9, 10**12)}" for _ in range(3000)]
    for text in samples:
        try:
            number = phonenumbers.parse(text)
        except phonenumbers.NumberParseException:
            continue
        found = number_type(number)
        assert (found is not None) is phonenumbers.is_valid_number(number), text
        public = tuple(timezone.time_zones_for_number(number))
        ours = _candidates(number, found[1]) if found else ()
        assert ours == (() if public == ("Etc/Unknown",) else public), text
