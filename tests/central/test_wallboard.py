"""The wallboard in real headless Chromium (Debian's, driven by Playwright): a supervisor logs
in, sees its agents' tiles, sees a status change within a second, and a call appear and end.
Screenshots land in /tmp/wallboard-*.png for a person to look at."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.central.server import PASSWORD, Center, call_event, event_id, heartbeat, status_event
from tests.integration.lab.tools import require_tool

pytestmark = [pytest.mark.integration, pytest.mark.parametrize("backend", ["sqlite"])]
SHOTS = "/tmp/wallboard"


@pytest.fixture
def center_options() -> dict[str, Any]:
    return {"offline_after_s": 60.0}  # the agents here send one heartbeat only


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = require_tool("chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    yield context.new_page()
    context.close()


def _log_in(page: Page, center: Center, user: str) -> None:
    page.goto(center.url + "/")
    page.fill("#user", user)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")


def _tile(page: Page, agent: str, extra: str = "") -> str:
    return f'.tile[data-agent="{agent}"]{extra}'


def test_a_supervisor_watches_the_floor_live(center: Center, page: Page) -> None:
    ann, al = center.client("ann"), center.client("al")
    ann.post("/heartbeat", json=heartbeat("available"))
    al.post("/heartbeat", json=heartbeat("available"))
    center.client("bo").post("/heartbeat", json=heartbeat("available"))
    _log_in(page, center, "sue")
    page.wait_for_selector(_tile(page, "ann", '[data-status="available"]'), timeout=5000)
    page.wait_for_selector(".link.up", timeout=5000)
    assert sorted(page.eval_on_selector_all(".tile", "ts => ts.map(t => t.dataset.agent)")) == [
        "al",
        "ann",
    ]  # bo is in support: not on sue's board
    time.sleep(0.5)
    page.screenshot(path=f"{SHOTS}-1-login.png")

    sent = time.monotonic()
    ann.post("/events", json={"events": [status_event("break", reason="lunch")]})
    page.wait_for_selector(_tile(page, "ann", '[data-status="break"]'), timeout=1000)
    assert time.monotonic() - sent < 1.0
    assert page.inner_text(_tile(page, "ann", " .reason")) == "lunch"

    start = datetime.now(timezone.utc) - timedelta(seconds=3)
    al.post(
        "/events",
        json={
            "events": [
                status_event("on_call"),
                call_event("w1", start=start, answer=start + timedelta(seconds=2)),
                {
                    "id": event_id("q"),
                    "kind": "quality",
                    "device_time": start.isoformat(),
                    "payload": {"call_id": "w1", "sample": {"mos": 4.3, "loss_pct": 0.1}},
                },
            ]
        },
    )
    page.wait_for_selector(_tile(page, "al", '[data-call="w1"]'), timeout=1000)
    page.wait_for_selector(_tile(page, "al", " .mos.good"), timeout=1000)
    assert page.inner_text(_tile(page, "al", " .status")) == "ON CALL"
    time.sleep(1.1)  # let the call timer tick once on screen
    page.screenshot(path=f"{SHOTS}-2-call.png")

    end = datetime.now(timezone.utc)
    al.post(
        "/events",
        json={
            "events": [
                call_event(
                    "w1",
                    start=start,
                    answer=start + timedelta(seconds=2),
                    end=end,
                    duration_s=(end - start).total_seconds() - 2,
                ),
                status_event("wrap_up"),
            ]
        },
    )
    page.wait_for_selector(
        _tile(page, "al", ':not([data-call])[data-status="wrap_up"]'), timeout=1000
    )
    page.wait_for_function("document.getElementById('kpi-now').textContent === '0'", timeout=3000)
    assert page.inner_text("#kpi-calls") == "1"
    assert page.inner_text("#kpi-rate") == "100%"
    assert page.inner_text("#kpi-duration") != "–"
    time.sleep(0.5)  # the tile's colour fades over 0.3 s
    page.screenshot(path=f"{SHOTS}-3-after-call.png")


def test_wrong_password_is_told_on_the_page(center: Center, page: Page) -> None:
    page.goto(center.url + "/")
    page.fill("#user", "sue")
    page.fill("#password", "nope")
    page.click("button[type=submit]")
    page.wait_for_function("document.getElementById('login-error').textContent.length > 0")
    assert "wrong" in page.inner_text("#login-error")
    assert page.is_hidden("#board")
