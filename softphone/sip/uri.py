"""SIP URIs in the agent's terms: the number in a From header, the URI to dial for a number."""

from __future__ import annotations

import re

_URI = re.compile(r"<?(?P<scheme>sips?|tel):(?P<user>[^@;>]*)(?:@(?P<host>[^;>]*))?", re.I)
_DIALABLE = re.compile(r"^\+?[0-9*#]+$")
# A colleague's or a queue's SIP user name ("agent2", "sales.queue"): starts with a letter, so a
# mistyped number ("12ab34") is refused instead of dialled as a name.
_USER_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9._~-]*$")
_VISUAL_SEPARATORS = re.compile(r"[\s().\-]")


class DialError(ValueError):
    """The text cannot be dialled; the message says why."""


def number_of(uri: str) -> str:
    """The user part of a SIP/tel URI (a phone number or an extension), '' when there is none."""
    found = _URI.search(uri)
    return found.group("user") if found else ""


def plain_uri(text: str) -> str:
    """A Refer-To or remote URI without display name, brackets, parameters or headers
    (`"Bob" <sip:+44…@pbx;user=phone?Replaces=…>` → `sip:+44…@pbx`); the text itself when it
    holds no SIP or tel URI."""
    found = _URI.search(text)
    if found is None:
        return text.strip()
    host = found.group("host")
    user = found.group("user").split("?")[0]
    scheme = found.group("scheme").lower()
    return f"{scheme}:{user}@{host.split('?')[0]}" if host else f"{scheme}:{user}"


def dial_target(text: str, domain: str) -> str:
    """What the agent typed → the SIP URI to call: `sip:<number or user>@<domain>`, or the URI
    as given."""
    target = text.strip()
    if not target:
        raise DialError("nothing to dial")
    if target.lower().startswith(("sip:", "sips:")):
        if "@" not in target and not domain:
            raise DialError(f"{target!r} has no host")
        return target
    number = target if _USER_NAME.match(target) else _VISUAL_SEPARATORS.sub("", target)
    if not (_DIALABLE.match(number) or _USER_NAME.match(target)):
        raise DialError(f"{text!r} is neither a phone number nor a SIP URI")
    if not domain:
        raise DialError("no SIP domain configured to dial a number through")
    return f"sip:{number}@{domain}"
