"""Quitting takes a bounded time: SIGTERM ends the agent whichever thread the kernel hands it to,
and a shutdown that takes too long is ended by the watchdog, which says what was stuck.

`test_sigterm_is_a_clean_exit` once found a registered agent still running 20 s after SIGTERM:
the kernel may deliver a process's signal to any of its threads, and Python runs the handler only
when the main thread wakes — which, blocked reading stdin, it never did. The first test sends
SIGTERM to each of the agent's other threads in turn (tgkill), which made that hang every time.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.peers.agent_process import AgentProcess, agent_env, write_profile

_SYS_TGKILL = {"x86_64": 234, "aarch64": 131}.get(os.uname().machine)


def other_threads(pid: int) -> list[int]:
    return sorted(int(tid) for tid in os.listdir(f"/proc/{pid}/task") if int(tid) != pid)


def tgkill(pid: int, tid: int, signum: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.syscall(_SYS_TGKILL, pid, tid, signum) != 0:
        raise OSError(ctypes.get_errno(), f"tgkill {tid}")


@pytest.mark.skipif(_SYS_TGKILL is None, reason="tgkill's number known for x86_64 and arm64")
def test_sigterm_taken_by_any_thread_ends_the_agent(make_agent) -> None:
    agent: AgentProcess = make_agent("agent1", "secret1")
    agent.expect("registered", timeout=15)
    threads = other_threads(agent.proc.pid)
    assert threads, "the agent runs more than one thread (SIP, audio, status timer…)"

    tgkill(agent.proc.pid, threads[-1], signal.SIGTERM)

    try:
        code = agent.proc.wait(20)
    except subprocess.TimeoutExpired:
        raise AssertionError("still running 20 s after SIGTERM") from None
    assert code == 0, agent.stderr_tail()
    agent.seen("unregistered", timeout=5)


@pytest.mark.allow_error_log  # the watchdog logs ERROR in the agent, by design
def test_a_shutdown_over_its_budget_names_what_is_stuck_and_exits(
    make_agent, tmp_path: Path
) -> None:
    # A budget no real shutdown meets (hang-up, unregister and libDestroy take ~1 s): the
    # watchdog must fire, as it would on a real hang, instead of waiting for SIGKILL.
    agent: AgentProcess = make_agent(
        "agent1", "secret1", env={"SOFTPHONE_SHUTDOWN_BUDGET_S": "0.001"}
    )
    agent.expect("registered", timeout=15)
    agent.proc.send_signal(signal.SIGTERM)
    try:
        code = agent.proc.wait(20)
    except subprocess.TimeoutExpired:
        raise AssertionError("still running 20 s after SIGTERM") from None
    assert code == 3
    stderr = agent.stderr_tail(200_000)
    assert "quitting is stuck after" in stderr
    assert 'Thread "MainThread"' in stderr  # the stacks say where each thread was


_GUI_QUITS = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from softphone.gui.app import run_app

app = QApplication(sys.argv)
QTimer.singleShot(1500, QApplication.closeAllWindows)  # the agent closes the window
sys.exit(run_app(Path(sys.argv[1])))
"""


@pytest.mark.allow_error_log  # the watchdog logs ERROR in the app, by design
def test_the_windows_quit_is_bounded_by_the_watchdog_too(tmp_path: Path) -> None:
    home = tmp_path / "home"
    # An account (nobody answers there): without one the first-run screen opens instead.
    folder = write_profile(home / "profile", {"server": "127.0.0.1:9", "user": "agent1"})
    env = agent_env(home, {"QT_QPA_PLATFORM": "offscreen", "SOFTPHONE_SHUTDOWN_BUDGET_S": "0.001"})
    app = subprocess.run(
        [sys.executable, "-c", _GUI_QUITS, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert app.returncode == 3, app.stderr[-3000:]
    assert 'Thread "MainThread"' in app.stderr
