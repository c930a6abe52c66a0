"""A real Secret Service for tests of the frozen build: a private D-Bus session bus with
gnome-keyring's secrets component on it, its login keyring created and unlocked.

It is what an agent's Linux desktop has, so the keyring backend the bundle carries
(keyring.backends.SecretService, with secretstorage, jeepney and cryptography) is exercised for
real, not only imported. Both daemons are this fixture's children and end with it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TOOLS = ("dbus-daemon", "gnome-keyring-daemon")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@contextmanager
def secret_service(home: Path) -> Iterator[dict[str, str]]:
    """The environment variables that put a program on the private bus (with its XDG dirs
    under `home`, where the login keyring is kept)."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"},
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_RUNTIME_DIR": str(home / "run"),
    }
    for folder in ("data", "config", "run"):
        (home / folder).mkdir(parents=True, exist_ok=True, mode=0o700)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    keyring: subprocess.Popen[str] | None = None
    try:
        assert bus.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        keyring = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert keyring.stdin is not None
        keyring.stdin.write("login keyring password")  # creates and unlocks the login keyring
        keyring.stdin.close()
        _wait_for_secrets_service(env)
        yield env
    finally:
        for process in (keyring, bus):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def _wait_for_secrets_service(env: dict[str, str], timeout: float = 20.0) -> None:
    """Until org.freedesktop.secrets answers on the bus (the daemon takes its name a moment
    after starting)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        names = subprocess.run(
            [
                "dbus-send",
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.ListNames",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=10,
        ).stdout
        if "org.freedesktop.secrets" in names:
            return
        time.sleep(0.1)
    raise AssertionError("gnome-keyring's Secret Service did not appear on the session bus")
