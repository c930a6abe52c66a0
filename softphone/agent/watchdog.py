"""The shutdown watchdog: quitting takes a bounded time, or the agent says what is stuck and exits.

A session that does not stop within its budget (a thread waiting on a dead peer, a deadlock)
would otherwise hang until the desktop's log-off or systemd sends SIGKILL, and nobody would learn
why. The watchdog logs every thread's stack (the ERROR record and stderr) and exits with
`STUCK_EXIT_CODE`, without running any more clean-up: the clean-up is what is stuck. What was
committed to the journal is safe (SQLite's WAL survives a hard exit).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback

log = logging.getLogger(__name__)

SHUTDOWN_BUDGET_S = 15.0  # hang-up, unregister and destroy take ~2 s; the drains cap at 2 s each
STUCK_EXIT_CODE = 3
BUDGET_ENV = "SOFTPHONE_SHUTDOWN_BUDGET_S"  # for tests and for slow machines


def shutdown_budget_s() -> float:
    try:
        return float(os.environ.get(BUDGET_ENV, "") or SHUTDOWN_BUDGET_S)
    except ValueError:
        return SHUTDOWN_BUDGET_S


class ShutdownWatchdog:
    """Armed when quitting starts, disarmed when it is done; fires once the budget is spent."""

    def __init__(self, budget_s: float | None = None) -> None:
        self.budget_s = shutdown_budget_s() if budget_s is None else budget_s
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="shutdown-watchdog", daemon=True)

    def __enter__(self) -> ShutdownWatchdog:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()

    def _watch(self) -> None:
        if self._done.wait(self.budget_s):
            return
        log.error(
            "quitting is stuck after %.1f s; exiting with code %d. Threads:\n%s",
            self.budget_s,
            STUCK_EXIT_CODE,
            thread_stacks(),
        )
        for handler in logging.getLogger().handlers:
            handler.flush()
        sys.stderr.flush()
        os._exit(STUCK_EXIT_CODE)


def thread_stacks() -> str:
    """Every Python thread's stack, by thread name, as py-spy's dump would show it."""
    names = {thread.ident: thread.name for thread in threading.enumerate()}
    parts = []
    for ident, frame in sys._current_frames().items():
        stack = "".join(traceback.format_stack(frame))
        parts.append(f'Thread "{names.get(ident, ident)}":\n{stack}')
    return "\n".join(parts)
