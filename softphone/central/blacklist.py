"""The tenant's blacklist as its agents tell it, and what the center shows of a number's entries.

An agent's "the customer asked not to be called" reaches the center as a `blacklist_add` line of
its operation log. The center makes it a blacklist entry of its own — the number, the agent who
was told, when, and what the customer said — so every agent blocks the number from its next
blacklist delta (`GET /api/v1/blacklist/delta`), not only the one who took the call.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from softphone.central.models import BlacklistChange
from softphone.protocol import OperationLog

NUMBER = re.compile(r"\+?[0-9]{3,20}")
DO_NOT_CALL = "blacklist_add"  # the device's action (softphone.agent.outbound.do_not_call)
MAX_REASON = 1_000


def do_not_call_of(entry: OperationLog) -> tuple[str, str] | None:
    """(number, reason) of an agent's do-not-call line; None for any other line, or for one
    whose number is no phone number (the line itself is kept in the operation log anyway)."""
    if entry.action != DO_NOT_CALL:
        return None
    number, reason = entry.detail.get("number"), entry.detail.get("reason")
    if not isinstance(number, str) or not NUMBER.fullmatch(number):
        return None
    return number, (reason if isinstance(reason, str) else "")[:MAX_REASON]


def entries_of(session: Session, number: str) -> list[dict[str, Any]]:
    """Every change of one number, oldest first: added or removed, when, by whom, why."""
    rows = session.scalars(
        select(BlacklistChange)
        .where(BlacklistChange.number == number)
        .order_by(BlacklistChange.version)
    )
    return [
        {
            "version": row.version,
            "op": row.op,
            "at": row.at,
            "who": row.who,
            "reason": row.reason,
        }
        for row in rows
    ]
