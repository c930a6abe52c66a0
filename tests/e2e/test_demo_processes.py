"""`softphone demo` as an agent starts it (a process of its own): a kill -9 of the app leaves no
demo process behind, and `softphone demo --headless` takes the customer line's call on JSON lines,
is refused the sample do-not-call number, reaches the line by dialing 100, and stops the demo's
processes when its input ends."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from tests.process_tree import alive, command_line, descendants

ROOT = Path(__file__).resolve().parents[2]


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what}: not within {timeout:.0f} s")


@pytest.fixture
def demo_env(tmp_path: Path) -> dict[str, str]:
    """A fresh machine: no profile, a keyring that needs no desktop, Qt without a display."""
    env = dict(os.environ)
    env.update(
        XDG_DATA_HOME=str(tmp_path / "data"),
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        QT_QPA_PLATFORM="offscreen",
    )
    return env


Started = list[subprocess.Popen[bytes]]
SEEN: set[int] = set()  # every demo process a test saw: killed at its end, whatever happened


@pytest.fixture
def started() -> Iterator[Started]:
    apps: Started = []
    yield apps
    for app in apps:  # a failed test still leaves nothing running
        SEEN.update(descendants(app.pid))
        if app.poll() is None:
            app.kill()
        app.wait(10)
    for pid in SEEN:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    SEEN.clear()


def _demo_children(pid: int) -> dict[str, int]:
    """The demo's line and center processes below the app, by what they run."""
    found: dict[str, int] = {}
    below = descendants(pid)
    SEEN.update(below)
    for child in below:
        words = command_line(child)
        if " demo line " in words:
            found["line"] = child
        elif " demo guard central serve " in words:
            found["center"] = child
    return found


def window_demo(env: dict[str, str], started: Started, stderr: int) -> subprocess.Popen[bytes]:
    """`softphone demo` with its window (no call for ten minutes), once its line and center run."""
    app = subprocess.Popen(
        [sys.executable, "-m", "softphone", "demo", "--first-call-s", "600"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )
    started.append(app)
    wait_until(lambda: len(_demo_children(app.pid)) == 2, 180, "the demo's line and center run")
    return app


def test_a_killed_app_leaves_no_demo_process_behind(
    demo_env: dict[str, str], started: Started
) -> None:
    app = window_demo(demo_env, started, stderr=subprocess.DEVNULL)
    left = descendants(app.pid)
    app.send_signal(signal.SIGKILL)
    app.wait(10)
    wait_until(
        lambda: not [p for p in left if alive(p)], 30, "every demo process exits after a kill -9"
    )


def _reader(stream: IO[bytes], into: queue.Queue[dict[str, Any]]) -> None:
    for raw in stream:
        into.put(json.loads(raw))


def test_the_headless_demo_takes_the_lines_call_and_stops_the_demo_at_the_end(
    demo_env: dict[str, str], started: Started
) -> None:
    app = subprocess.Popen(
        [sys.executable, "-m", "softphone", "demo", "--headless", "--first-call-s", "2"],
        cwd=ROOT,
        env=demo_env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    started.append(app)
    assert app.stdin is not None and app.stdout is not None
    events: queue.Queue[dict[str, Any]] = queue.Queue()
    threading.Thread(target=_reader, args=(app.stdout, events), daemon=True).start()
    seen: list[dict[str, Any]] = []

    def heard(kind: str, **fields: Any) -> bool:
        while not events.empty():
            seen.append(events.get())
        return any(
            e["event"] == kind and all(e.get(k) == v for k, v in fields.items()) for e in seen
        )

    wait_until(lambda: heard("incoming", number="+8613912345678"), 120, "the line rings")
    app.stdin.write(b'{"cmd": "answer"}\n')
    app.stdin.flush()
    wait_until(lambda: heard("call_state", state="confirmed"), 30, "the call connects")
    left = _demo_children(app.pid)
    assert "line" in left
    app.stdin.write(b'{"cmd": "hangup"}\n{"cmd": "wrap_up_done"}\n')
    app.stdin.write(b'{"cmd": "dial", "number": "+86 138 0013 8000"}\n')
    app.stdin.flush()
    wait_until(lambda: heard("blocked"), 30, "the sample do-not-call number is blocked")
    blocked = next(e for e in seen if e["event"] == "blocked")
    assert "blacklisted" in [r["code"] for r in blocked["reasons"]]
    seen.clear()
    app.stdin.write(b'{"cmd": "dial", "number": "100"}\n')  # the customer line
    app.stdin.flush()
    wait_until(lambda: heard("call_state", state="confirmed"), 30, "the line answers a dial")
    app.stdin.close()  # the end of the input: the agent quits
    assert app.wait(60) == 0
    wait_until(lambda: not [p for p in left.values() if alive(p)], 30, "the demo stops")


@pytest.mark.parametrize("asked", [signal.SIGTERM, signal.SIGINT], ids=["logout", "ctrl-c"])
def test_the_system_asking_the_window_to_quit_stops_it_cleanly(
    demo_env: dict[str, str], started: Started, asked: signal.Signals
) -> None:
    """A logout's SIGTERM or Ctrl-C in the terminal that started it quits the window as its
    Quit menu does: exit code 0, no traceback, and the demo's servers stopped by the app."""
    app = window_demo(demo_env, started, stderr=subprocess.PIPE)
    left = list(_demo_children(app.pid).values())
    app.send_signal(asked)
    try:
        code = app.wait(60)
    finally:
        said = app.stderr.read().decode(errors="replace") if app.stderr else ""
    assert code == 0, said
    assert "Traceback" not in said and "KeyboardInterrupt" not in said, said
    wait_until(lambda: not [p for p in left if alive(p)], 30, "the demo's servers stop")
