"""pjsip's log, routed: SIP messages to the trace store, warnings and errors to Python logging.

pjsip calls the writer from whichever thread logs (the SIP thread, the media clock thread), so
`write` only parses and files; it never blocks and never raises. What pjsip says about a bad
packet or SDP it received is the sender's fault, not ours: it is a WARNING, not an ERROR, cut
short and said at most once per kind every 10 s, so a flood of garbage cannot flood the log.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pjsua2 as pj

from softphone.sip.trace import TraceStore

log = logging.getLogger("softphone.pjsip")

# pjsip levels: 1 error, 2 warning, 3 info, 4 debug (message dumps live here), 5 trace.
_PY_LEVEL = {0: logging.CRITICAL, 1: logging.ERROR, 2: logging.WARNING, 3: logging.INFO}
_RECEIVED_BAD_INPUT = (
    "Error processing",
    "Dropping ",
    "Bad SDP",
    "Error parsing/validating SDP",
    "Error adding media",
)
_BAD_INPUT_EVERY_S = 10.0
_BAD_INPUT_CHARS = 300


class PjLogWriter(pj.LogWriter):  # type: ignore[misc]
    def __init__(self, traces: TraceStore, notice: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.traces = traces
        self.notice = notice  # sees every line first (the connection guard: who connected)
        self._bad_input_said: dict[str, float] = {}
        self._expected_errors = ""

    @contextmanager
    def errors_expected(self, why: str) -> Iterator[None]:
        """pjsip's errors inside the block are INFO: deleting an account whose first REGISTER
        is still in flight makes pjsua try to unregister and log "Object is busy" at level 1,
        though nothing is wrong (the transaction dies with the endpoint)."""
        self._expected_errors = why
        try:
            yield
        finally:
            self._expected_errors = ""

    def write(self, entry: pj.LogEntry) -> None:
        try:
            text = entry.msg
            if self.notice is not None:
                self.notice(text)
            if self.traces.feed(text):
                return
            level = _PY_LEVEL.get(entry.level, logging.DEBUG)
            if self._expected_errors and level >= logging.ERROR:
                level = logging.INFO
                text = f"{text.rstrip()} (expected: {self._expected_errors})"
            if level >= logging.WARNING and text.startswith(_RECEIVED_BAD_INPUT):
                level, text = self._bad_input(text)
            if log.isEnabledFor(level):
                log.log(level, "%s", text.rstrip())
        except Exception:  # never let an exception reach SWIG
            log.debug("log writer failed", exc_info=True)

    def _bad_input(self, text: str) -> tuple[int, str]:
        kind = next(p for p in _RECEIVED_BAD_INPUT if text.startswith(p))
        now = time.monotonic()
        said = self._bad_input_said.get(kind)
        if said is not None and now - said < _BAD_INPUT_EVERY_S:
            return logging.DEBUG, text
        self._bad_input_said[kind] = now
        short = text if len(text) <= _BAD_INPUT_CHARS else text[:_BAD_INPUT_CHARS] + " …"
        return logging.WARNING, short
