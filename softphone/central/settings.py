"""What admins configure and agents pull: rest-period policy, wrap-up mode, reason codes, quick
remarks, permissions, retention — stored as JSON settings with defaults — and the versioned
blacklist that agents follow by deltas."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from softphone.central.auth import Principal
from softphone.central.models import BlacklistChange, Setting
from softphone.central.times import utcnow
from softphone.protocol import AgentConfig, BlacklistDelta, WrapUpConfig

DEFAULTS: dict[str, Any] = {
    "policy": {},
    "wrap_up": WrapUpConfig().model_dump(),
    "reason_codes": {
        "break": ["lunch", "coffee", "personal"],
        "not_ready": ["training", "meeting", "missed calls"],
    },
    "quick_remarks": [],
    "permissions": {
        "agent": ["dial", "answer", "set_status", "cellphone_pickup"],
        "supervisor": ["view_group", "view_calls", "view_metrics"],
        "admin": ["configure"],
    },
    "missed_offers_before_not_ready": 2,
    "recording": {},  # over each device's [recording]: mode, channels, keep_days
    "voice": {},  # over each device's [audio] voice cleaning stages
    "retention": {"call_days": 183, "log_days": None, "recording_days": 183, "audit_days": 183},
    "survey_number": "",  # the satisfaction survey agents transfer callers to ("" = none)
}
BLACKLIST_PAGE = 20_000
"""The most changes one delta carries (`more` says when there are others); the client asks again
from the version it got."""


def get_setting(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    return DEFAULTS[key] if row is None else row.value


def put_setting(session: Session, key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise KeyError(key)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def blacklist_version(session: Session) -> int:
    return int(session.scalar(select(func.max(BlacklistChange.version))) or 0)


def agent_config(session: Session, who: Principal) -> AgentConfig:
    """The configuration for this caller; its `version` changes whenever any part of it does."""
    permissions = get_setting(session, "permissions")
    content: dict[str, Any] = {
        "policy": get_setting(session, "policy"),
        "blacklist_version": blacklist_version(session),
        "reason_codes": get_setting(session, "reason_codes"),
        "wrap_up": get_setting(session, "wrap_up"),
        "quick_remarks": get_setting(session, "quick_remarks"),
        "permissions": list(permissions.get(who.role, [])),
        "skill_groups": sorted(who.groups),
        "missed_offers_before_not_ready": get_setting(session, "missed_offers_before_not_ready"),
        "recording": get_setting(session, "recording"),
        "voice": get_setting(session, "voice"),
        "survey_number": get_setting(session, "survey_number"),
    }
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:20]
    return AgentConfig(version=digest, **content)


def record_blacklist(
    session: Session,
    numbers: list[str],
    op: str,
    who: str | None = None,
    reason: str | None = None,
) -> int:
    """Log adds, removes or erasures (by whom, why); returns the newest blacklist version."""
    now = utcnow()
    session.add_all(
        BlacklistChange(number=n, op=op, at=now, who=who, reason=reason)
        for n in dict.fromkeys(numbers)
    )
    session.flush()
    return blacklist_version(session)


def blacklist_delta(session: Session, since: int, page: int = BLACKLIST_PAGE) -> BlacklistDelta:
    """Changes after version `since`, the last word per number winning, `page` changes at most;
    `more` when others follow (versions are per change, so a page never splits one)."""
    rows = session.execute(
        select(BlacklistChange.version, BlacklistChange.number, BlacklistChange.op)
        .where(BlacklistChange.version > since)
        .order_by(BlacklistChange.version)
        .limit(page + 1)
    ).all()
    more = len(rows) > page
    rows = rows[:page]
    last_op: dict[str, str] = {}
    erased: list[str] = []
    for _version, number, op in rows:
        if op == "erase":
            erased.append(number)
        else:
            last_op[number] = op
    # With nothing newer, the current version says where the client stands (even below
    # `since`, after a restore from backup: the client then knows to ask from scratch).
    version = rows[-1][0] if rows else blacklist_version(session)
    return BlacklistDelta(
        since=since,
        version=version,
        added=sorted(n for n, op in last_op.items() if op == "add"),
        removed=sorted(n for n, op in last_op.items() if op == "remove"),
        deletion_requests=list(dict.fromkeys(erased)),
        more=more,
    )
