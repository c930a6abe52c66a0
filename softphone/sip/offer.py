"""The line an inbound call came in on, read off its INVITE: the number the customer called and
the skill group (queue) that routed it to the agent.

The called number is the To header's user: proxies and ACDs rewrite the Request-URI to the
agent's registered contact (`sip:agent1@10.0.0.5:5062`) but leave To as the customer dialled it.
A To that names the agent itself (a colleague's direct call) is no line: the called number is
then empty. The skill group is the PBX's `X-Skill-Group` header when it sends one (the ACD knows
which queue it served the call from); otherwise the profile's `[sip] line_groups` map of called
numbers to groups names it; otherwise there is none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from softphone.sip.uri import number_of

SKILL_GROUP_HEADER = "X-Skill-Group"
_MAX_GROUP = 64  # the record's skill group is a short name; a longer header is cut


@dataclass(frozen=True)
class Line:
    called_number: str = ""
    skill_group: str = ""


def header_value(message: str, name: str) -> str:
    """The first `name:` header of a SIP message (its header part only), stripped; '' if none."""
    head = message.split("\r\n\r\n", 1)[0].split("\n\n", 1)[0]
    found = re.search(rf"^{re.escape(name)}[ \t]*:[ \t]*(.*?)[ \t]*\r?$", head, re.I | re.M)
    return found.group(1) if found else ""


def digits_key(number: str) -> str:
    """A called number compared by its digits ("+1 (800) 555-0100" = "+18005550100"); a
    name-like line ("sales") by its lower-case text."""
    return re.sub(r"\D", "", number) or number.strip().lower()


def line_of(
    message: str, to_uri: str, own_user: str, groups: Mapping[str, str] | None = None
) -> Line:
    """The line of an INVITE (`message`, the whole request) whose To header is `to_uri`."""
    called = number_of(to_uri)
    if called.lower() == own_user.lower():
        called = ""
    group = header_value(message, SKILL_GROUP_HEADER)[:_MAX_GROUP].strip()
    if not group and called and groups:
        by_digits = {digits_key(number): name for number, name in groups.items()}
        group = by_digits.get(digits_key(called), "")
    return Line(called, group)
