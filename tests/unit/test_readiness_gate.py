"""Going available with readiness required: refused until a recent check did not fail."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from softphone.agent.readiness_gate import ReadinessGate
from softphone.agent.status import StatusRefused
from softphone.config import ReadinessSettings

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


def test_off_by_default_lets_the_agent_go_available() -> None:
    ReadinessGate(ReadinessSettings()).allow_available(NOW)


@pytest.mark.parametrize(
    ("last", "refusal"),
    [
        (None, "required"),
        (("fail", NOW - timedelta(minutes=1)), "failed"),
        (("pass", NOW - timedelta(minutes=481)), "older than 480 min"),
    ],
)
def test_required_refuses_with_what_to_do(last: tuple[str, datetime] | None, refusal: str) -> None:
    gate = ReadinessGate(ReadinessSettings(required_for_available=True))
    if last is not None:
        gate.remember(*last)
    with pytest.raises(StatusRefused, match=refusal):
        gate.allow_available(NOW)


@pytest.mark.parametrize("overall", ["pass", "warn"])
def test_a_recent_check_that_did_not_fail_lets_the_agent_go(overall: str) -> None:
    gate = ReadinessGate(ReadinessSettings(required_for_available=True))
    gate.remember(overall, NOW - timedelta(minutes=30))
    gate.allow_available(NOW)
