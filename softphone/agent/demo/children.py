"""The demo's child processes: started so that none outlives the app, however the app ends.

Each child gets a pipe on its stdin and watches it (`softphone demo line` and `softphone demo
guard …` do): when the app quits, crashes or is killed with SIGKILL, the kernel closes the pipe
and the child exits by itself. Each child also leads a process group of its own (a new session
on POSIX, a new process group on Windows), so stopping it stops whatever it started, and a
Ctrl-C in the terminal reaches the app, which stops the children in order.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

STOP_WAIT_S = 5.0
Listener = Callable[[dict[str, Any]], None]


def softphone_command() -> list[str]:
    """How to start `softphone …` again: the frozen executable, or this Python with -m."""
    if getattr(sys, "frozen", False):
        # The console program beside the window's (softphone-gui has no standard streams on
        # Windows, and the children talk over theirs); started with no console window below.
        app = Path(sys.executable)
        console = app.with_name("softphone" + app.suffix)
        return [str(console if console.is_file() else app)]
    return [sys.executable, "-m", "softphone"]


def _group_options() -> dict[str, Any]:
    if os.name == "nt":
        flags = ("CREATE_NEW_PROCESS_GROUP", "CREATE_NO_WINDOW")
        return {"creationflags": sum(getattr(subprocess, flag, 0) for flag in flags)}
    return {"start_new_session": True}


class Child:
    """One child process of the demo: its stdin pipe (the watchdog), its report lines, its log."""

    def __init__(self, name: str, args: Sequence[str], log_file: Path, listen: Listener) -> None:
        self.name = name
        self._listen = listen
        log_file.parent.mkdir(parents=True, exist_ok=True)
        self._log: IO[bytes] = log_file.open("ab")
        self.process = subprocess.Popen(
            [*softphone_command(), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            **_group_options(),
        )
        self._reader = threading.Thread(target=self._read, name=f"demo-{name}", daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def running(self) -> bool:
        return self.process.poll() is None

    def _read(self) -> None:
        """Report lines (JSON) go to the listener; anything else to the log."""
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            text = raw.decode("utf-8", "replace").strip()
            try:
                report = json.loads(text)
            except ValueError:
                log.info("%s: %s", self.name, text)
                continue
            if isinstance(report, dict):
                self._listen(report)

    def ask_to_stop(self) -> None:
        """Close the pipe: the child's cue to quit (several children stop side by side)."""
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()

    def stop(self) -> None:
        """Close the pipe, wait a moment, then terminate, then kill its group."""
        self.ask_to_stop()
        try:
            self.process.wait(STOP_WAIT_S / 2)
        except subprocess.TimeoutExpired:
            self._signal_group(signal.SIGTERM)
            try:
                self.process.wait(STOP_WAIT_S)
            except subprocess.TimeoutExpired:
                log.warning("demo %s did not stop; killing it", self.name)
                self._signal_group(getattr(signal, "SIGKILL", signal.SIGTERM))
                self.process.wait(STOP_WAIT_S)
        self._reader.join(1.0)
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._log.close()

    def _signal_group(self, which: int) -> None:
        try:
            if os.name == "nt":
                self.process.send_signal(which)
            else:
                os.killpg(self.process.pid, which)
        except (ProcessLookupError, PermissionError):
            pass


def start_once(args: Sequence[str], log_file: Path) -> subprocess.Popen[bytes]:
    """A short `softphone …` command (adding a user to the center), its output to the log;
    the caller writes its stdin and waits, and may `kill_group` it when the demo stops."""
    with log_file.open("ab") as out:
        return subprocess.Popen(
            [*softphone_command(), *args],
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=out,
            **_group_options(),
        )


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill a child and what it started, and reap it."""
    try:
        if os.name == "nt":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait(STOP_WAIT_S)


def exit_with_parent(on_gone: Callable[[], None]) -> None:
    """In a child: call `on_gone` once stdin closes (the app that started us is gone)."""

    def watch() -> None:
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except (OSError, ValueError):
            pass
        on_gone()

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
