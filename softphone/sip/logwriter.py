"""pjsip's log, routed: SIP messages to the trace store, warnings and errors to Python logging.

pjsip calls the writer from whichever thread logs (the SIP thread, the media clock thread), so
`write` only parses and files; it never blocks and never raises.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pjsua2 as pj

from softphone.sip.trace import TraceStore

log = logging.getLogger("softphone.pjsip")

# pjsip levels: 1 error, 2 warning, 3 info, 4 debug (message dumps live here), 5 trace.
_PY_LEVEL = {0: logging.CRITICAL, 1: logging.ERROR, 2: logging.WARNING, 3: logging.INFO}


class PjLogWriter(pj.LogWriter):  # type: ignore[misc]
    def __init__(self, traces: TraceStore, notice: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.traces = traces
        self.notice = notice  # sees every line first (the connection guard: who connected)

    def write(self, entry: pj.LogEntry) -> None:
        try:
            text = entry.msg
            if self.notice is not None:
                self.notice(text)
            if self.traces.feed(text):
                return
            level = _PY_LEVEL.get(entry.level, logging.DEBUG)
            if log.isEnabledFor(level):
                log.log(level, "%s", text.rstrip())
        except Exception:  # never let an exception reach SWIG
            log.debug("log writer failed", exc_info=True)
