"""Start at login on each OS: Linux for real (an XDG config folder in tmp), Windows and macOS
with their places faked (the registry exists only on Windows; the LaunchAgents folder is a
path under a fake home)."""

from __future__ import annotations

import contextlib
import plistlib
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from softphone import autostart

COMMAND = ["/opt/Agent Softphone/softphone", "--profile", "/home/ann/50% off"]


def test_linux_writes_an_xdg_autostart_entry_and_removes_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    entry = autostart.set_start_at_login(True, COMMAND)
    assert entry == tmp_path / "autostart" / "softphone.desktop"
    text = entry.read_text()
    assert "[Desktop Entry]" in text and "Type=Application" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    # What the desktop runs: the quoted arguments, a literal % written as %%
    assert shlex.split(exec_line[5:].replace("%%", "%")) == COMMAND
    assert autostart.starts_at_login()
    autostart.set_start_at_login(False, COMMAND)
    assert not entry.exists() and not autostart.starts_at_login()
    autostart.set_start_at_login(False, COMMAND)  # already off: no error


def test_linux_defaults_to_dot_config_in_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert autostart.xdg_config_home() == tmp_path / ".config"


class FakeRegistry:
    """winreg's calls we use, over a dict: key path → {value name: (type, data)}."""

    HKEY_CURRENT_USER = "HKCU"
    REG_SZ = 1

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, tuple[int, str]]] = {}

    @contextlib.contextmanager
    def CreateKey(self, root: str, path: str) -> Iterator[str]:
        name = f"{root}\\{path}"
        self.keys.setdefault(name, {})
        yield name

    @contextlib.contextmanager
    def OpenKey(self, root: str, path: str) -> Iterator[str]:
        name = f"{root}\\{path}"
        if name not in self.keys:
            raise FileNotFoundError(name)
        yield name

    def SetValueEx(self, key: str, name: str, _: int, kind: int, data: str) -> None:
        self.keys[key][name] = (kind, data)

    def DeleteValue(self, key: str, name: str) -> None:
        if name not in self.keys[key]:
            raise FileNotFoundError(name)
        del self.keys[key][name]

    def QueryValueEx(self, key: str, name: str) -> tuple[str, int]:
        if name not in self.keys[key]:
            raise FileNotFoundError(name)
        kind, data = self.keys[key][name]
        return data, kind


def test_windows_sets_and_clears_the_run_value() -> None:
    registry: Any = FakeRegistry()
    where = autostart.windows_autostart(True, COMMAND, registry)
    assert where == r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run\AgentSoftphone"
    run_key = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run"
    kind, line = registry.keys[run_key]["AgentSoftphone"]
    assert kind == registry.REG_SZ
    assert line == '"/opt/Agent Softphone/softphone" --profile "/home/ann/50% off"'
    assert autostart.windows_entry(registry) == line
    autostart.windows_autostart(False, COMMAND, registry)
    assert autostart.windows_entry(registry) is None
    autostart.windows_autostart(False, COMMAND, registry)  # already off: no error


def test_macos_writes_a_launch_agent_that_runs_at_load(tmp_path: Path) -> None:
    plist = autostart.macos_autostart(True, COMMAND, tmp_path)
    assert plist == tmp_path / "Library/LaunchAgents/org.agentsoftphone.softphone.plist"
    agent = plistlib.loads(plist.read_bytes())
    assert agent["ProgramArguments"] == COMMAND and agent["RunAtLoad"] is True
    assert agent["Label"] == "org.agentsoftphone.softphone"
    autostart.macos_autostart(False, COMMAND, tmp_path)
    assert not plist.exists()


def test_the_command_starts_this_install() -> None:
    command = autostart.launch_command()
    assert command[1:] == ["-m", "softphone"]
