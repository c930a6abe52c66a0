"""The central-service check against the real central service (SQLite, served by uvicorn).

What an agent or IT would notice: a running center answers with its round trip; a center that is
down, or a URL that points at something else, warns (calls still work) with what to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone.devices.readiness.central import check_central
from softphone.devices.readiness.run import central_url
from tests.central.server import Center, start_center
from tests.integration.lab.tools import free_port

pytestmark = pytest.mark.integration


@pytest.fixture
def center(tmp_path: Path) -> Iterator[Center]:
    running = start_center(f"sqlite:///{tmp_path / 'central.sqlite3'}", "sqlite")
    yield running
    running.close()


def test_a_running_center_answers_with_its_round_trip(center: Center) -> None:
    check = check_central(center.url, max_rtt_ms=400)
    assert check.status == "pass", check
    assert isinstance(check.value, float) and 0 < check.value < 400
    assert check.details["status_code"] == 200


def test_a_slow_center_warns(center: Center) -> None:
    check = check_central(center.url + "/", max_rtt_ms=0)
    assert check.status == "warn" and "slow" in check.summary


def test_a_url_that_is_not_the_center_warns_with_its_answer(center: Center) -> None:
    check = check_central(center.url + "/not-the-api", max_rtt_ms=400)
    assert check.status == "warn" and "answered 404" in check.summary


def test_a_center_that_is_down_warns_and_calls_are_not_affected() -> None:
    check = check_central(f"http://127.0.0.1:{free_port()}", max_rtt_ms=400)
    assert check.status == "warn"
    assert "cannot reach" in check.summary and "calls are not affected" in check.fix
    assert check.details["error"].startswith("connection failed")  # the GUI's words around it


def test_the_url_comes_from_the_profiles_central_section(tmp_path: Path) -> None:
    (tmp_path / "softphone.toml").write_text('[central]\nurl = " https://center.example "\n')
    assert central_url(tmp_path) == "https://center.example"
    (tmp_path / "softphone.toml").write_text("[central\n")
    assert central_url(tmp_path) == ""
    assert central_url(tmp_path / "missing") == ""
