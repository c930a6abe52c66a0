"""The one door from the Qt-free core into Qt: core events become a queued Qt signal.

The event bus calls subscribers on the publishing thread (usually the SIP thread). Emitting a
signal of an object that lives in the GUI thread from another thread is delivered through the
GUI thread's event loop (a queued connection), so widgets are only ever touched there.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal

from softphone.events import Event, EventBus
from softphone.gui.reason_texts import failure_text


class QtBridge(QObject):
    arrived = Signal(object)  # not `event`: that is QObject's own event handler
    failure = Signal(str)

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe: Callable[[], None] = bus.subscribe(self._forward)

    def _forward(self, event: Event) -> None:
        self.arrived.emit(event)

    def watch(self, future: Future[Any], what: str) -> None:
        """Show a command's failure in the window (its Future completes on the SIP thread)."""

        def done(finished: Future[Any]) -> None:
            exc = finished.exception()
            if exc is not None:
                self.failure.emit(failure_text(what, exc))

        future.add_done_callback(done)

    def close(self) -> None:
        self._unsubscribe()
        # The closure holds our bound method: left in place it makes the bridge a reference
        # cycle, which the collector frees on whichever thread it runs (often the SIP thread),
        # and a QObject must die on its own thread.
        self._unsubscribe = _nothing


def _nothing() -> None:
    return None
