"""SIP URIs in the agent's terms: the number in a From header, the URI to dial for a number."""

from __future__ import annotations

import re

_URI = re.compile(r"<?(?P<scheme>sips?|tel):(?P<user>[^@;>]*)(?:@(?P<host>[^;>]*))?", re.I)
_DIALABLE = re.compile(r"^\+?[0-9*#]+$")
_VISUAL_SEPARATORS = re.compile(r"[\s().\-]")


class DialError(ValueError):
    """The text cannot be dialled; the message says why."""


def number_of(uri: str) -> str:
    """The user part of a SIP/tel URI (a phone number or an extension), '' when there is none."""
    found = _URI.search(uri)
    return found.group("user") if found else ""


def dial_target(text: str, domain: str) -> str:
    """What the agent typed → the SIP URI to call: `sip:<number>@<domain>` or the URI as given."""
    target = text.strip()
    if not target:
        raise DialError("nothing to dial")
    if target.lower().startswith(("sip:", "sips:")):
        if "@" not in target and not domain:
            raise DialError(f"{target!r} has no host")
        return target
    number = _VISUAL_SEPARATORS.sub("", target)
    if not _DIALABLE.match(number):
        raise DialError(f"{text!r} is neither a phone number nor a SIP URI")
    if not domain:
        raise DialError("no SIP domain configured to dial a number through")
    return f"sip:{number}@{domain}"
