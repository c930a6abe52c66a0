"""What the agent types becomes the SIP URI the contract promises: sip:<number>@<domain>."""

import pytest

from softphone.sip.uri import DialError, dial_target, number_of


@pytest.mark.parametrize(
    ("typed", "uri"),
    [
        ("1001", "sip:1001@pbx.example"),
        ("+1 (415) 555-0100", "sip:+14155550100@pbx.example"),
        ("*97", "sip:*97@pbx.example"),
        ("sales.queue", "sip:sales.queue@pbx.example"),
        ("sip:queue-sales@pbx.example", "sip:queue-sales@pbx.example"),
        ("  sips:bob@other.example ", "sips:bob@other.example"),
    ],
)
def test_numbers_and_uris(typed: str, uri: str) -> None:
    assert dial_target(typed, "pbx.example") == uri


@pytest.mark.parametrize("typed", ["", "   ", "call mom", "12ab34", "sip:"])
def test_undiallable_text_is_refused_with_a_reason(typed: str) -> None:
    with pytest.raises(DialError):
        dial_target(typed, "" if typed == "sip:" else "pbx.example")


def test_a_number_needs_a_domain() -> None:
    with pytest.raises(DialError, match="domain"):
        dial_target("1001", "")


@pytest.mark.parametrize(
    ("header", "number"),
    [
        ('"Alice" <sip:+4930123@pbx.example>;tag=1', "+4930123"),
        ("<sip:1001@10.0.0.1:5060;transport=tcp>", "1001"),
        ("tel:+15551234567", "+15551234567"),
        ("garbage", ""),
    ],
)
def test_number_of_a_from_header(header: str, number: str) -> None:
    assert number_of(header) == number
