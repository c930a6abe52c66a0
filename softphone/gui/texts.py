"""What the agent reads when the core says no: texts built from core events, kept apart from the
widgets so that they can be tested without a window."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from softphone.compliance.verdict import Verdict
from softphone.events import DialBlocked
from softphone.gui.dates import written
from softphone.gui.reason_texts import gate_reason_text


def blocked_text(event: DialBlocked) -> str:
    """What the agent reads when the compliance gate stops a dial: every reason, and when."""
    reasons = "; ".join(
        gate_reason_text(r.get("code", ""), r.get("fields") or {}, r.get("text", ""))
        for r in event.reasons
    )
    reasons = reasons or tr("not allowed")
    text = tr("Not dialled {number}: {reasons}.").format(number=event.number, reasons=reasons)
    if event.next_allowed_at:
        text += tr(" It may be called from {when}.").format(when=_callee_time(event))
    return text


def _callee_time(event: DialBlocked) -> str:
    """`next_allowed_at` as the agent reads it: the callee's wall clock, and UTC beside it."""
    at = datetime.fromisoformat(str(event.next_allowed_at).replace("Z", "+00:00"))
    utc = at.astimezone(timezone.utc).strftime("%H:%M UTC")
    if not event.callee_zones:
        return written(at.astimezone(timezone.utc), tr("ddd dd MMM HH:mm 'UTC'"))
    local = at.astimezone(ZoneInfo(event.callee_zones[0]))
    when = written(local, tr("ddd dd MMM HH:mm"))
    return tr("{time} callee time ({utc})").format(time=when, utc=utc)


def number_of(remote: str) -> str:
    """The number in a call's remote party: the user part of a SIP URI, else as it is."""
    found = re.search(r"sips?:([^@;>]+)", remote)
    return found.group(1) if found else remote.strip()


def verdict_text(verdict: Verdict) -> tuple[str, bool]:
    """The dial line's verdict as the agent reads it, and whether the call may be made:
    "✓ May be called · 15:04 there (Asia/Shanghai)" or "✗ Blocked: reasons. It may be called
    from …"."""
    there = _local_time_there(verdict)
    if verdict.allowed:
        what = {"internal": tr("colleague or extension"), "emergency": tr("emergency number")}
        kind = what.get(verdict.kind, "")
        text = tr("✓ May be called") + (f" · {kind}" if kind else "") + there
        return text, True
    reasons = "; ".join(gate_reason_text(r.code, r.fields, r.text) for r in verdict.reasons)
    reasons = reasons or tr("not allowed")
    text = tr("✗ Blocked: {reasons}").format(reasons=reasons) + there
    if verdict.next_allowed_at is not None:
        when = _callee_time(
            DialBlocked(
                next_allowed_at=verdict.next_allowed_at.isoformat(), callee_zones=verdict.zones
            )
        )
        text += tr(". It may be called from {when}").format(when=when)
    return text, False


def _local_time_there(verdict: Verdict) -> str:
    if not verdict.callee_local_time or not verdict.zones:
        return ""
    local = datetime.fromisoformat(verdict.callee_local_time)
    return tr(" · {time} there ({zone})").format(time=f"{local:%H:%M}", zone=verdict.zones[0])


def tr(text: str) -> str:
    return QCoreApplication.translate("DialLine", text)
