"""What the agent reads when the core says no: texts built from core events, kept apart from the
widgets so that they can be tested without a window."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from softphone.events import DialBlocked


def blocked_text(event: DialBlocked) -> str:
    """What the agent reads when the compliance gate stops a dial: every reason, and when."""
    reasons = "; ".join(r.get("text", "") for r in event.reasons) or "not allowed"
    when = f" It may be called from {_callee_time(event)}." if event.next_allowed_at else ""
    return f"Not dialled {event.number}: {reasons}.{when}"


def _callee_time(event: DialBlocked) -> str:
    """`next_allowed_at` as the agent reads it: the callee's wall clock, and UTC beside it."""
    at = datetime.fromisoformat(str(event.next_allowed_at).replace("Z", "+00:00"))
    utc = at.astimezone(timezone.utc).strftime("%H:%M UTC")
    if not event.callee_zones:
        return at.strftime("%a %d %b %H:%M UTC")
    local = at.astimezone(ZoneInfo(event.callee_zones[0]))
    return f"{local:%a %d %b %H:%M} callee time ({utc})"


def number_of(remote: str) -> str:
    """The number in a call's remote party: the user part of a SIP URI, else as it is."""
    found = re.search(r"sips?:([^@;>]+)", remote)
    return found.group(1) if found else remote.strip()
