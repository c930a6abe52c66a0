"""A guard for pjsua2 callbacks: SWIG prints and swallows exceptions, so we log them instead."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

log = logging.getLogger("softphone.sip")

F = TypeVar("F", bound=Callable[..., Any])


def callback(fn: F) -> F:
    """Wrap a pjsua2 callback so it never raises into the C++ side."""

    @functools.wraps(fn)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception:
            log.exception("pjsua2 callback %s failed", fn.__qualname__)
            return None

    return guarded  # type: ignore[return-value]
