"""The status timer outlives a tick that raises: wrap-up deadlines keep ending by themselves.

Before, one exception on the timer thread (a journal write refused by a full disk, a clock
gone wrong) ended the thread for good: every later timed wrap-up stayed open until the agent
acted, and the agent's "last alive" mark stopped.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from softphone.protocol import AgentConfig, WrapUpConfig
from tests.unit.test_status_keeper import Clock, Desk


class ClockThatFailsOnce(Clock):
    """Raises the first time the status timer reads it after `arm()`."""

    def __init__(self) -> None:
        super().__init__()
        self.armed = False
        self.failed = threading.Event()

    def __call__(self) -> datetime:
        if self.armed and threading.current_thread().name == "status-timer":
            self.armed = False
            self.failed.set()
            raise OSError("clock unreadable")
        return super().__call__()


@pytest.mark.allow_error_log  # the failed tick is logged as ERROR, by design
def test_a_tick_that_raises_is_logged_and_the_timer_goes_on(tmp_path: Path) -> None:
    config = AgentConfig(version="1", wrap_up=WrapUpConfig(mode="timed", seconds=1))
    desk = Desk(tmp_path / "journal.sqlite", config)
    clock = ClockThatFailsOnce()
    clock.now = datetime.now(timezone.utc)
    desk.clock = desk.keeper.clock = clock
    desk.keeper.set_status("available")

    clock.armed = True
    clock.advance(16)  # the agent's "alive" mark is due: the timer reads the clock
    with desk.keeper._lock:
        desk.keeper._wake.notify_all()
    assert clock.failed.wait(5)

    done = threading.Event()
    desk.bus.subscribe(lambda e: done.set() if getattr(e, "status", "") == "available" else None)
    desk.dial_and_fail("c1")
    done.clear()
    clock.now += timedelta(seconds=1.5)
    with desk.keeper._lock:
        desk.keeper._wake.notify_all()
    assert done.wait(5), "the wrap-up did not end: the status timer is dead"
    desk.stop()
