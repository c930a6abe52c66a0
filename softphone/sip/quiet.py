"""Keep pjlib's start-up chatter off stdout.

pjlib prints its first log lines to stdout before our log configuration takes effect (libCreate
runs before libInit). Stdout is the headless agent's control channel and `--version`'s answer, so
the C library's file descriptor 1 is pointed at stderr while pjsua2 starts.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress


@contextmanager
def stdout_to_stderr() -> Iterator[None]:
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        _flush_c_stdio()
        os.dup2(saved, 1)
        os.close(saved)


def _flush_c_stdio() -> None:
    """pjlib prints through C stdio: with stdout a pipe (the frozen build's `--version | …`) its
    lines wait in libc's buffer and, flushed at exit after fd 1 is back, reach stdout after all."""
    if os.name != "posix":
        return
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None).fflush(None)
