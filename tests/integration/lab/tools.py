"""Finding the lab's tools, free ports, and waiting: shared by every peer of the lab."""

from __future__ import annotations

import collections
import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tool(name: str) -> str:
    """The tool's path; a missing tool skips locally and fails in CI (never a silent skip)."""
    path = shutil.which(name) or next(
        (p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if os.path.exists(p)), None
    )
    if path is None:
        message = f"{name} is not installed (packaging/dev/install-system-deps.sh installs it)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return path


# Below Linux's ephemeral range (32768+): a port picked now and bound later by a peer (Kamailio's
# route to SIPp, a central process) is not handed meanwhile to some socket bound to port 0 (an
# agent's SIP transport, a client's connection), which made SIPp fail with "address in use".
_PICK_FROM = range(20000, 32000)


# Ports handed out lately. A port is only bound by its peer later, so a second pick before that
# could return it again: Kamailio once got the same port for UDP/TCP and for TLS, and exited with
# "Address already in use". The memory is bounded so a long run never runs out of ports.
_HANDED_OUT: collections.deque[int] = collections.deque(maxlen=len(_PICK_FROM) // 4)


def free_port(kind: str = "udp") -> int:
    """A port free for both UDP and TCP right now (SIP listens on both), not handed out lately."""
    for _ in range(200):
        port = random.choice(_PICK_FROM)
        if port in _HANDED_OUT:
            continue
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                udp.bind(("127.0.0.1", port))
                with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                    tcp.bind(("127.0.0.1", port))
        except OSError:
            continue
        _HANDED_OUT.append(port)
        return port
    raise RuntimeError("no free port")


def wait_for(predicate: Callable[[], bool], timeout: float, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise TimeoutError(f"{what} not met within {timeout}s")


def stop_process_group(proc: subprocess.Popen[bytes] | None) -> None:
    """SIGTERM a server started in its own session, then SIGKILL; leaves no forked child."""
    if proc is None:
        return
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    else:  # the leader is gone; its forked children may not be
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
