"""The gate's answer: may this number be called now, and if not, exactly why and when."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

# Obstacles that time alone removes; when every reason is one of these the verdict says when
# the number may be called (`next_allowed_at`).
TIME_RESOLVED = frozenset({"rest_period", "holiday", "cap", "cool_down"})


@dataclass(frozen=True)
class Reason:
    code: str  # rest_period, holiday, cap, cool_down, blacklisted, blacklist_*, invalid_number …
    text: str  # what the agent reads (English: the CLI, the logs, the center)
    # The facts in `text`, by name, so that a window can word the reason in the agent's own
    # language from `code` (softphone/gui/reason_texts.py) instead of showing the English.
    fields: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    target: str  # what the agent typed
    kind: str  # internal | emergency | number | invalid
    reasons: tuple[Reason, ...] = ()
    number_e164: str | None = None
    zones: tuple[str, ...] = ()
    # The callee's local time in each zone (ISO 8601 with offset), in the order of `zones`.
    callee_local_times: tuple[str, ...] = ()
    checked_at: datetime | None = None  # UTC
    next_allowed_at: datetime | None = None  # UTC, when only time stands in the way
    packs: tuple[str, ...] = ()  # the rule packs that applied

    @property
    def callee_local_time(self) -> str | None:
        return self.callee_local_times[0] if self.callee_local_times else None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)

    def to_json(self) -> dict[str, Any]:
        """The fields of the headless `blocked` event (and of the operation log's entry)."""
        return {
            "allowed": self.allowed,
            "number": self.target,
            "number_e164": self.number_e164,
            "kind": self.kind,
            "reasons": [{"code": r.code, "text": r.text, "fields": r.fields} for r in self.reasons],
            "callee_zones": list(self.zones),
            "callee_local_time": self.callee_local_time,
            "callee_local_times": dict(zip(self.zones, self.callee_local_times, strict=False)),
            "next_allowed_at": _utc(self.next_allowed_at),
            "checked_at": _utc(self.checked_at),
            "packs": list(self.packs),
        }

    def summary(self) -> str:
        """One line for the agent: allowed, or blocked with the first reason."""
        if self.allowed:
            what = {"internal": "internal call", "emergency": "emergency number"}.get(
                self.kind, self.number_e164 or self.target
            )
            return f"allowed: {what}"
        return f"blocked: {self.reasons[0].text}" if self.reasons else "blocked"


def _utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
