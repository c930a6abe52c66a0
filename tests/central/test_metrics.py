"""The supervisor's numbers: calls, answered, connection rate, average wait and duration, time
in each status, current and daily inbound volume — computed from what agents sent."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.central.server import Center, call_event, status_event


def test_summary_figures_follow_the_calls_and_statuses(center: Center) -> None:
    now = datetime.now(timezone.utc)
    t0 = now - timedelta(minutes=30)
    if t0.date() != now.date():
        pytest.skip("the half hour before the test crosses midnight UTC")
    ann, al = center.client("ann"), center.client("al")
    ann.post(
        "/events",
        json={
            "events": [
                status_event("available", at=t0),
                call_event(
                    "a1",
                    start=t0,
                    answer=t0 + timedelta(seconds=10),
                    end=t0 + timedelta(seconds=130),
                    duration_s=120.0,
                ),
                call_event("a2", start=t0 + timedelta(minutes=5)),  # missed: never answered, ended
                status_event("break", reason="lunch", at=t0 + timedelta(minutes=20)),
            ]
        },
    )
    ann.post(
        "/events",
        json={
            "events": [
                call_event(
                    "a2", start=t0 + timedelta(minutes=5), end=t0 + timedelta(minutes=5, seconds=20)
                ),
            ]
        },
    )
    al.post(
        "/events",
        json={
            "events": [
                status_event("on_call", at=now - timedelta(minutes=1)),
                call_event(
                    "l1", start=now - timedelta(minutes=1), answer=now - timedelta(seconds=40)
                ),
            ]
        },
    )
    summary = center.client("sue").get("/metrics/summary", params={"group": "sales"}).json()
    assert summary["calls"] == 3
    assert summary["answered"] == 2
    assert summary["connection_rate"] == pytest.approx(2 / 3, abs=1e-3)
    assert summary["average_wait_s"] == pytest.approx((10 + 20) / 2)
    assert summary["inbound_now"] == 1
    assert summary["inbound_today"] == 3
    assert summary["agents_by_status"] == {"break": 1, "on_call": 1}
    ann_time = summary["time_in_status"]["ann"]
    assert ann_time["available"] == pytest.approx(20 * 60, abs=1)
    assert ann_time["break"] == pytest.approx(10 * 60, abs=5)
