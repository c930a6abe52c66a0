"""The demo's center: the real `softphone central serve` on SQLite in the demo folder, on a free
loopback port, as a child process of the app, with the demo's agent and a supervisor account.

The desktop never imports the center (DESIGN.md): it starts it as `softphone …` and talks HTTP
to it like any agent. Where the center's packages (the `softphone[central]` extra) are not
installed, `installed()` says so and the demo runs the phone side alone.
"""

from __future__ import annotations

import importlib.util
import logging
import secrets
import socket
import subprocess
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from softphone.agent.demo.children import Child, kill_group, start_once

log = logging.getLogger(__name__)

# The center's own packages and modules (the `softphone[central]` extra; a frozen desktop build
# leaves `softphone.central.*` out too). Looked up, not imported: the desktop never loads them.
CENTER_MODULES = ("fastapi", "uvicorn", "sqlalchemy", "alembic", "argon2", "softphone.central.app")
AGENT_USER = "demo-agent"
SUPERVISOR_USER = "supervisor"
START_TIMEOUT_S = 60.0  # the first start migrates a new database; slow machines take a while


def installed() -> bool:
    """Are the center's packages importable here (without importing them)?"""
    for name in CENTER_MODULES:
        try:
            if importlib.util.find_spec(name) is None:
                return False
        except (ImportError, ValueError):
            return False
    return True


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    """A port the OS has free on loopback now (taken again at once by the child)."""
    with socket.socket(socket.AF_INET, kind) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def new_password() -> str:
    return secrets.token_urlsafe(9)


@dataclass(frozen=True)
class CenterPlan:
    """Where the demo center will be and who signs in to it; known before it starts, so the
    agent's profile can name it while the center is still coming up."""

    folder: Path
    port: int
    agent_password: str
    supervisor_password: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self) -> str:
        return f"sqlite:///{(self.folder / 'center.sqlite').as_posix()}"


def plan_center(folder: Path) -> CenterPlan:
    return CenterPlan(folder, free_port(), new_password(), new_password())


class DemoCenter:
    """The center child process: a fresh database each start (so the passwords are new), the
    two accounts added, then served until the demo stops."""

    def __init__(self, plan: CenterPlan) -> None:
        self.plan = plan
        self.child: Child | None = None
        self._log = plan.folder / "center.log"
        self._lock = threading.Lock()
        self._stopped = False
        self._once: subprocess.Popen[bytes] | None = None  # a user being added

    def start(self) -> None:
        """Blocking (seconds): run it off the GUI thread. Raises RuntimeError when it fails."""
        self.plan.folder.mkdir(parents=True, exist_ok=True)
        for stale in self.plan.folder.glob("center.sqlite*"):
            stale.unlink()
        self._add_user(AGENT_USER, "agent", self.plan.agent_password)
        self._add_user(SUPERVISOR_USER, "supervisor", self.plan.supervisor_password)
        serve = [
            *("demo", "guard", "central", "serve", "--db", self.plan.database),
            *("--host", "127.0.0.1", "--port", str(self.plan.port)),
        ]
        with self._lock:  # the app may quit while the accounts are being added
            if self._stopped:
                raise RuntimeError("the demo stopped before its center started")
            self.child = Child("center", serve, self._log, lambda report: None)
        self._wait_until_up()

    def _add_user(self, name: str, role: str, password: str) -> None:
        args = ["central", "user", "add", name, "--role", role, "--group", "demo"]
        args += ["--password-stdin", "--db", self.plan.database]
        with self._lock:
            if self._stopped:
                raise RuntimeError("the demo stopped before its center started")
            self._once = start_once(args, self._log)
        try:
            self._once.communicate((password + "\n").encode(), timeout=START_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            kill_group(self._once)
        finally:
            with self._lock:
                once, self._once = self._once, None
        if once is None or once.returncode != 0:
            raise RuntimeError(f"could not add the demo {role} (see {self._log})")

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            child = self.child
            if child is None or not child.running():
                raise RuntimeError(f"the demo center stopped at start (see {self._log})")
            if _answers(f"{self.plan.url}/api/v1/health"):
                log.info("demo center up at %s", self.plan.url)
                return
            time.sleep(0.2)
        raise RuntimeError(f"the demo center did not answer in {START_TIMEOUT_S:.0f} s")

    def ask_to_stop(self) -> None:
        with self._lock:
            if self.child is not None:
                self.child.ask_to_stop()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            child, self.child = self.child, None
            once = self._once
        if once is not None:
            kill_group(once)
        if child is not None:
            child.stop()


def _answers(url: str) -> bool:
    """The center says it is healthy. The standard library's client, not httpx: the window
    would otherwise load httpx (and its command line's rich and pygments, ~15 MB resident)
    only for this one question, in every demo and every start with no center configured."""
    try:
        with urllib.request.urlopen(url, timeout=1.0) as reply:
            return bool(reply.status == 200)
    except (OSError, ValueError):
        return False
