"""The OS asking the app to quit: Ctrl-C in a terminal, SIGTERM from a logout, `systemctl`, or
`kill`, SIGHUP when the terminal goes.

Python's own handlers would kill the app mid-step (SIGTERM: no un-REGISTER, the demo's servers
left to notice on their own) or raise KeyboardInterrupt in whichever Qt slot runs next, printing
a traceback while the app lives on. Instead each of these signals quits the app the way its
menu's Quit does: the C-level handler writes the signal's number to a socket (Python's wakeup
fd) that a QSocketNotifier watches, so the signal reaches the event loop even while it waits
in C++ with no Python code running.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier

log = logging.getLogger(__name__)

QUIT_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _noted(signum: int, frame: FrameType | None) -> None:
    """Python's side of the handler does nothing: the wakeup fd carries the signal to Qt."""


class QuitOnSignals(QObject):
    def __init__(self, app: QCoreApplication, quit_app: Callable[[], None] | None = None) -> None:
        super().__init__(app)
        self._quit = quit_app or app.quit
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        self._old = {sig: signal.signal(sig, _noted) for sig in QUIT_SIGNALS}
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def _woken(self) -> None:
        with contextlib.suppress(OSError):
            numbers = self._read.recv(64)
            names = ", ".join(signal.Signals(n).name for n in numbers if n in QUIT_SIGNALS)
            if names:
                log.info("quitting: the system asked (%s)", names)
                self._quit()

    def close(self) -> None:
        """Python's handlers back (the app's shutdown is under way or over)."""
        self._notifier.setEnabled(False)
        for sig, old in self._old.items():
            signal.signal(sig, old)
        signal.set_wakeup_fd(self._old_fd)
        self._read.close()
        self._write.close()
