"""Keep pjlib's start-up chatter off stdout.

pjlib prints its first log lines to stdout before our log configuration takes effect (libCreate
runs before libInit). Stdout is the headless agent's control channel and `--version`'s answer, so
the C library's file descriptor 1 is pointed at stderr while pjsua2 starts.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def stdout_to_stderr() -> Iterator[None]:
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
