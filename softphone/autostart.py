"""Start at login: the OS's own place for an app that starts with the agent's session.

Linux (and other XDG desktops): a `.desktop` entry in `$XDG_CONFIG_HOME/autostart` (XDG Autostart
spec). Windows: a value under `HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`. macOS: a
LaunchAgent plist in `~/Library/LaunchAgents` with RunAtLoad, read by launchd at the next login.
One function per OS, each taking where it writes so that tests can point it elsewhere; the
setting itself is `[gui] start_at_login`, and the Settings dialog calls `set_start_at_login`.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

APP_NAME = "Agent Softphone"
DESKTOP_FILE = "softphone.desktop"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "AgentSoftphone"
LAUNCH_AGENT_LABEL = "org.agentsoftphone.softphone"


def launch_command() -> list[str]:
    """How this install starts the desktop app: the frozen executable, or this Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "softphone"]


def set_start_at_login(on: bool, command: Sequence[str] | None = None) -> Path | str:
    """Make the app start (or not) at the agent's next login on this OS; says where."""
    command = list(command or launch_command())
    if sys.platform == "win32":  # pragma: no cover - tested through windows_autostart
        import winreg

        return windows_autostart(on, command, winreg)
    if sys.platform == "darwin":  # pragma: no cover - tested through macos_autostart
        return macos_autostart(on, command, Path.home())
    return linux_autostart(on, command, xdg_config_home())


def starts_at_login() -> bool:
    """Whether the OS will start the app at login now (whatever the settings file says)."""
    if sys.platform == "win32":  # pragma: no cover
        import winreg

        return windows_entry(winreg) is not None
    if sys.platform == "darwin":  # pragma: no cover
        return launch_agent_path(Path.home()).exists()
    return (xdg_config_home() / "autostart" / DESKTOP_FILE).exists()


# --- Linux: XDG autostart -------------------------------------------------------------------


def xdg_config_home() -> Path:
    named = os.environ.get("XDG_CONFIG_HOME", "")
    return Path(named) if named else Path.home() / ".config"


def linux_autostart(on: bool, command: Sequence[str], config_home: Path) -> Path:
    entry = config_home / "autostart" / DESKTOP_FILE
    if not on:
        entry.unlink(missing_ok=True)
        return entry
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(desktop_entry(command), encoding="utf-8")
    return entry


def desktop_entry(command: Sequence[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        f"Exec={' '.join(_exec_argument(a) for a in command)}\n"
        "Icon=softphone\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def _exec_argument(argument: str) -> str:
    """One argument of a desktop entry's Exec key, quoted as the Desktop Entry spec says."""
    argument = argument.replace("%", "%%")  # a literal % is %% in Exec, quoted or not
    if argument and not any(c in argument for c in " \t\n\"'\\><~|&;$*?#()`="):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'


# --- Windows: the Run key -------------------------------------------------------------------


def windows_autostart(on: bool, command: Sequence[str], registry: Any) -> str:
    """`registry` is the `winreg` module (a stand-in in tests: it exists only on Windows)."""
    where = f"HKCU\\{RUN_KEY}\\{RUN_VALUE}"
    with registry.CreateKey(registry.HKEY_CURRENT_USER, RUN_KEY) as key:
        if on:
            registry.SetValueEx(
                key, RUN_VALUE, 0, registry.REG_SZ, subprocess.list2cmdline(list(command))
            )
        else:
            with contextlib.suppress(FileNotFoundError):  # already off
                registry.DeleteValue(key, RUN_VALUE)
    return where


def windows_entry(registry: Any) -> str | None:
    try:
        with registry.OpenKey(registry.HKEY_CURRENT_USER, RUN_KEY) as key:
            value, _ = registry.QueryValueEx(key, RUN_VALUE)
            return str(value)
    except FileNotFoundError:
        return None


# --- macOS: a LaunchAgent -------------------------------------------------------------------


def launch_agent_path(home: Path) -> Path:
    return home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"


def macos_autostart(on: bool, command: Sequence[str], home: Path) -> Path:
    plist = launch_agent_path(home)
    if not on:
        plist.unlink(missing_ok=True)
        return plist
    plist.parent.mkdir(parents=True, exist_ok=True)
    agent = {
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "ProcessType": "Interactive",  # a window the agent uses: not throttled as a daemon
    }
    plist.write_bytes(plistlib.dumps(agent))
    return plist
