"""The readiness report: one plain record per check, so a GUI, the CLI and the journal can show it.

Each check says `pass`, `warn` or `fail`, what it measured (a number with its unit, or a name),
one line of what it found, and — when it is not a pass — one line of what the agent or IT can do
about it, in their words ("Your microphone is muted in the system settings"). A check that could
not run here (no camera support, no STUN server configured) says `skip` with the reason: it never
counts as a failure. The report's overall verdict is its worst check.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from typing import Any, Literal

Status = Literal["pass", "warn", "fail", "skip"]
Overall = Literal["pass", "warn", "fail"]
_RANK: dict[str, int] = {"skip": 0, "pass": 0, "warn": 1, "fail": 2}


@dataclass(frozen=True)
class Check:
    """The result of one check, e.g. ("microphone", "pass", -23.4, "dBFS", "agent_mic …")."""

    name: str
    status: Status
    summary: str
    value: float | str | None = None
    unit: str = ""
    fix: str = ""
    device: str = ""
    # A question only the agent can answer ("Did you hear the tone?"): the GUI asks it.
    ask: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        """One human line: `PASS microphone   -23.4 dBFS  agent_mic: level is fine`."""
        value = "" if self.value is None else f"{self.value}{' ' + self.unit if self.unit else ''}"
        text = f"{self.status.upper():4} {self.name:<14} {value:>14}  {self.summary}"
        return text + (f"\n     → {self.fix}" if self.fix else "")


def passed(name: str, summary: str, **extra: Any) -> Check:
    return Check(name, "pass", summary, **extra)


def warned(name: str, summary: str, fix: str, **extra: Any) -> Check:
    return Check(name, "warn", summary, fix=fix, **extra)


def failed(name: str, summary: str, fix: str, **extra: Any) -> Check:
    return Check(name, "fail", summary, fix=fix, **extra)


def skipped(name: str, summary: str, **extra: Any) -> Check:
    return Check(name, "skip", summary, **extra)


def answered(check: Check, yes: bool) -> Check:
    """The check after the agent answered its question ("Did you hear the test tone?")."""
    if not check.ask:
        return check
    details = {**check.details, "agent_answer": "yes" if yes else "no"}
    if yes:
        return replace(check, summary=f"{check.summary}; you heard it", ask="", details=details)
    return replace(
        check,
        status="fail",
        summary=f"{check.summary}; you did not hear it",
        fix="Turn the volume up, check that the headset is plugged in and chosen in the sound "
        "settings, then run the check again.",
        ask="",
        details=details,
    )


def confirmed(check: Check, yes: bool) -> Check:
    """The check after the agent said whether they heard it, asked or not: the window asks
    after every speaker check, since a tone the sound server heard can still go to a device
    the agent is not wearing."""
    if check.ask:
        return answered(check, yes)
    if check.status in ("fail", "skip"):
        return check
    details = {**check.details, "agent_answer": "yes" if yes else "no"}
    if yes:
        return replace(check, summary=f"{check.summary}; you heard it", details=details)
    return replace(
        check,
        status="fail",
        summary=f"{check.summary}, but you did not hear it",
        fix="The sound goes to a device you are not wearing: choose your headset as the "
        "output in the sound settings (or the app's audio settings), then check again.",
        details=details,
    )


def worst(statuses: list[Status]) -> Overall:
    rank = max((_RANK[s] for s in statuses), default=0)
    return ("pass", "warn", "fail")[rank]  # type: ignore[return-value]


@dataclass(frozen=True)
class ReadinessReport:
    checks: tuple[Check, ...]
    checked_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    @property
    def overall(self) -> Overall:
        return worst([c.status for c in self.checks])

    @property
    def ok(self) -> bool:
        """Nothing failed: the agent may take calls (warnings are worth reading, not blocking)."""
        return self.overall != "fail"

    def check(self, name: str) -> Check | None:
        return next((c for c in self.checks if c.name == name), None)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, with the time of the check."""
        return {
            "overall": self.overall,
            "checked_at": self.checked_at.isoformat(),
            "checks": [c.as_dict() for c in self.checks],
        }

    def with_answers(self, answers: dict[str, bool]) -> ReadinessReport:
        """The report after the agent answered the checks' questions (by check name)."""
        checks = tuple(
            answered(c, answers[c.name]) if c.name in answers else c for c in self.checks
        )
        return ReadinessReport(checks, self.checked_at)

    def confirmed_by_agent(self, answers: dict[str, bool]) -> ReadinessReport:
        """The report after the agent said what they heard (by check name), asked or not."""
        checks = tuple(
            confirmed(c, answers[c.name]) if c.name in answers else c for c in self.checks
        )
        return ReadinessReport(checks, self.checked_at)

    def payload(self) -> dict[str, Any]:
        """The journal's and the center's `readiness` payload (softphone.protocol); the time
        travels in the journal event's envelope."""
        return {"overall": self.overall, "checks": [c.as_dict() for c in self.checks]}

    def text(self) -> str:
        lines = [c.line() for c in self.checks]
        lines.append(f"Overall: {self.overall.upper()}")
        return "\n".join(lines)
