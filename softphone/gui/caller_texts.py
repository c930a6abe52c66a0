"""The pop-up's sentences about the caller and our past calls with them, built from the core's
caller info and call history (translatable, kept apart from the widget)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from softphone.compliance.caller_info import CallerInfo
from softphone.gui.dates import written
from softphone.gui.sip_texts import end_reason_text
from softphone.journal.caller_history import CallsWith, PastCall


def tr(text: str) -> str:
    return QCoreApplication.translate("IncomingPopup", text)


class _Call(Protocol):
    """A past call as the pop-up and the history view word it (PastCall, RecentCall)."""

    @property
    def start_time(self) -> datetime: ...
    @property
    def direction(self) -> str: ...
    @property
    def connected(self) -> bool: ...
    @property
    def duration_s(self) -> float: ...
    @property
    def end_reason(self) -> str: ...


def origin_text(info: CallerInfo) -> str:
    """ "China Mobile · Beijing, China"; the parts known, in that order."""
    place = info.region
    if info.country and info.country != info.region:
        place = (
            tr("{region}, {country}").format(region=place, country=info.country)
            if place
            else info.country
        )
    return " · ".join(part for part in (info.provider, place) if part)


def local_time_text(info: CallerInfo, now: datetime | None = None) -> str:
    """The caller's wall clock in their (first) zone:
    "Local time 15:04 (Asia/Shanghai, UTC+08:00)"."""
    if not info.zones:
        return ""
    zone = info.zones[0]
    there = (now or datetime.now(timezone.utc)).astimezone(ZoneInfo(zone))
    offset = there.strftime("%z")
    utc = f"UTC{offset[:3]}:{offset[3:]}"
    text = tr("Local time {time} ({zone}, {utc})").format(
        time=there.strftime("%H:%M"), zone=zone, utc=utc
    )
    if len(info.zones) > 1:
        text += tr(" — or another of {count} zones").format(count=len(info.zones))
    return text


def line_text(called_number: str, skill_group: str) -> str:
    """The line the call came in on: "Called +1 800-555-0100 · skill group Billing"; either
    part alone."""
    if called_number and skill_group:
        return tr("Called {number} · skill group {group}").format(
            number=called_number, group=skill_group
        )
    if skill_group:
        return tr("Skill group {group}").format(group=skill_group)
    if called_number:
        return tr("Called {number}").format(number=called_number)
    return ""


def history_title(history: CallsWith) -> str:
    if history.total == 0:
        return tr("No earlier calls with this number")
    if history.total == 1:
        return tr("1 earlier call with this number")
    if history.total <= len(history.last):
        return tr("{total} earlier calls with this number").format(total=history.total)
    return tr("{total} earlier calls with this number — the last {shown}:").format(
        total=history.total, shown=len(history.last)
    )


def when_text(call: _Call, now: datetime | None = None) -> str:
    """ "Sat 05 Dec 07:16" this year, "05 Dec 2025 07:16" before, in the agent's time."""
    local = call.start_time.astimezone()
    this_year = (now or datetime.now(timezone.utc)).astimezone().year
    if local.year == this_year:
        return written(local, tr("ddd dd MMM HH:mm"))
    return written(local, tr("dd MMM yyyy HH:mm"))


def direction_text(call: _Call) -> str:
    return tr("← in") if call.direction == "inbound" else tr("→ out")


def result_text(call: _Call) -> str:
    if call.connected:
        minutes, seconds = divmod(int(call.duration_s), 60)
        return tr("talked {minutes}:{seconds:02d}").format(minutes=minutes, seconds=seconds)
    if not call.end_reason or call.end_reason.startswith("487"):  # the caller gave up
        return tr("missed") if call.direction == "inbound" else tr("not answered")
    if call.direction == "inbound":
        return tr("missed ({reason})").format(reason=end_reason_text(call.end_reason))
    return tr("not answered ({reason})").format(reason=end_reason_text(call.end_reason))


def row_texts(call: PastCall) -> list[str]:
    """The history table's cells for one call, in the form's column order."""
    return [
        when_text(call),
        call.name,
        call.agent,
        direction_text(call),
        result_text(call),
        call.disposition,
        call.remarks,
    ]
