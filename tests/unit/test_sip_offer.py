"""The line an inbound call came in on, read off its INVITE (softphone.sip.offer)."""

from __future__ import annotations

from softphone.config import SipSettings
from softphone.sip.offer import header_value, line_of

INVITE = (
    "INVITE sip:agent1@10.0.0.5:5062 SIP/2.0\r\n"
    'From: "Dana" <sip:+12125550123@pbx>;tag=1\r\n'
    "To: <sip:+18005550100@pbx>\r\n"
    "{extra}"
    "Content-Type: application/sdp\r\n"
    "\r\n"
    "v=0\r\nX-Skill-Group: not a header, the body\r\n"
)


def test_the_called_number_is_the_to_user_and_the_group_the_pbx_header() -> None:
    message = INVITE.format(extra="x-skill-group:  Billing \r\n")
    line = line_of(message, "<sip:+18005550100@pbx>", "agent1")
    assert (line.called_number, line.skill_group) == ("+18005550100", "Billing")


def test_without_the_header_the_profiles_map_names_the_group_by_digits() -> None:
    groups = SipSettings(line_groups="+1 (800) 555-0100 = Sales, 4008001234=Support").line_group_map
    line = line_of(INVITE.format(extra=""), "sip:+18005550100@pbx", "agent1", groups)
    assert line.skill_group == "Sales"
    assert line_of(INVITE.format(extra="X-Skill-Group:\r\n"), "sip:18005550100@pbx", "agent1",
                   groups).skill_group == "Sales"  # fmt: skip


def test_a_direct_call_to_the_agent_is_no_line() -> None:
    line = line_of(INVITE.format(extra=""), "<sip:agent1@pbx>", "Agent1", {"agent1": "x"})
    assert (line.called_number, line.skill_group) == ("", "")


def test_the_body_is_not_read_for_headers() -> None:
    assert header_value(INVITE.format(extra=""), "X-Skill-Group") == ""
