"""The wallboard's call list in real headless Chromium (Debian's, driven by Playwright): a
supervisor filters its calls, opens one, plays its recording in the page's audio element — the
time advances, seeking fetches a byte range (206) — and the playback is in the audit log.
Screenshots land in /tmp/wallboard-calls-*.png for a person to look at."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Response, sync_playwright

from tests.central.recording_lab import announcement, upload
from tests.central.server import PASSWORD, Center, call_event
from tests.integration.lab.tools import require_tool

pytestmark = [pytest.mark.integration, pytest.mark.parametrize("backend", ["sqlite"])]
SHOTS = "/tmp/wallboard-calls"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = require_tool("chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--autoplay-policy=no-user-gesture-required", "--mute-audio"],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 800})
    yield context.new_page()
    context.close()


def _flac(folder: Path, seconds: int = 60) -> bytes:
    """A real FLAC file (sox) of two channels, as the device records agent and customer. Noise
    at 48 kHz / 24 bit barely compresses (~17 MB a minute): more than Chromium buffers ahead,
    so a seek far into it has to ask the center for a byte range."""
    path = folder / "call.flac"
    subprocess.run(
        [require_tool("sox"), "-n", "-r", "48000", "-c", "2", "-b", "24", str(path),
         "synth", str(seconds), "whitenoise", "vol", "0.3"],
        check=True, capture_output=True,
    )  # fmt: skip
    return path.read_bytes()


def _floor_with_calls(center: Center, audio: bytes) -> str:
    now = datetime.now(timezone.utc)
    ann = center.client("ann")
    recorded = call_event("r1", start=now - timedelta(minutes=8), answer=now - timedelta(minutes=8),
                          end=now - timedelta(minutes=7), callee="+8613800138000", duration_s=30,
                          direction="outbound")  # fmt: skip
    recorded["payload"].update(disposition="sale", quality={"mos": 4.2})
    other = call_event("r2", start=now - timedelta(minutes=3), caller="+8613900139000")
    other["payload"].update(disposition="callback", quality={"mos": 3.1})
    ann.post("/events", json={"events": [recorded, other]})
    center.client("bo").post("/events", json={"events": [call_event("r3", start=now)]})
    meta: dict[str, Any] = announcement(audio, call_key="r1", started_at=now - timedelta(minutes=8))
    meta["duration_s"] = 60
    upload(ann, meta, audio, piece=4 * 1024 * 1024)
    return str(meta["recording_id"])


def _current_time(page: Page) -> float:
    return float(page.evaluate("document.getElementById('player').currentTime"))


def test_a_supervisor_finds_a_call_and_plays_its_recording(
    center: Center, page: Page, tmp_path: Path
) -> None:
    audio = _flac(tmp_path)
    key = _floor_with_calls(center, audio)
    audio_answers: list[tuple[int, str | None]] = []

    def seen(response: Response) -> None:
        if "/audio?" in response.url:  # each byte range the audio element asked for
            audio_answers.append((response.status, response.headers.get("content-range")))

    page.on("response", seen)
    page.goto(center.url + "/")
    page.fill("#user", "sue")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.click("#show-calls")
    page.wait_for_selector('#call-rows tr[data-call="r2"]', timeout=5000)
    rows = page.eval_on_selector_all("#call-rows tr", "rs => rs.map(r => r.dataset.call)")
    assert rows == ["r2", "r1"]  # bo's call is support's, not sue's
    page.screenshot(path=f"{SHOTS}-0-list.png")

    page.fill("#f-mos-min", "4")
    page.click("#call-filter button[type=submit]")
    page.wait_for_function("document.querySelectorAll('#call-rows tr').length === 1")
    page.click(f'#call-rows tr[data-recording="{key}"]')
    assert "+8613800138000" in page.inner_text("#call-detail")
    page.click("#play")
    page.wait_for_function(
        "(() => { const p = document.getElementById('player');"
        " return p.currentTime > 1 && !p.paused && !p.error; })()",
        timeout=15000,
    )
    time.sleep(0.3)
    page.screenshot(path=f"{SHOTS}-1-playing.png")

    page.evaluate("document.getElementById('player').currentTime = 50")  # the listener seeks
    page.wait_for_function(
        "document.getElementById('player').currentTime > 50.5"
        " && !document.getElementById('player').error",
        timeout=15000,
    )
    assert _current_time(page) > 50.5
    page.screenshot(path=f"{SHOTS}-2-seeked.png")
    assert all(status == 206 for status, _ in audio_answers), audio_answers
    starts = [int(r.split()[1].split("-")[0]) for _, r in audio_answers if r]
    assert max(starts) > len(audio) // 2, audio_answers  # fetched from where it jumped to

    (played,) = center.client("ada").get("/admin/audit", params={"action": "recording.play"}).json()
    assert (played["actor"], played["subject"]) == ("sue", key)
    assert played["detail"]["call_key"] == "r1"


def test_a_group_not_yours_is_told_on_the_page(center: Center, page: Page) -> None:
    page.goto(center.url + "/")
    page.fill("#user", "sue")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.click("#show-calls")
    page.fill("#f-group", "support")
    page.click("#call-filter button[type=submit]")
    page.wait_for_function("document.getElementById('calls-error').textContent.length > 0")
    assert "not yours" in page.inner_text("#calls-error")
