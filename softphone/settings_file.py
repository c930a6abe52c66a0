"""Writing the agent's `softphone.toml` from the first-run screen and the Settings dialog.

The user's own file is read as it is (not merged with IT's provisioning), the changed keys are
put in, the result is checked exactly as a start would read it, and the file is replaced in one
step (a crash mid-write leaves the old file). Keys IT locked are never written: they are IT's.
Sections and keys this version does not show (another part's, a newer version's) are kept with
their values; comments are not (the standard library reads TOML but does not write it, so the
file is written afresh, with a header saying where passwords are).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from softphone.config import SETTINGS_FILE, ConfigError, Settings, settings_from_raw

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

HEADER = (
    "# Agent Softphone settings, written by the app (Settings). Passwords and the center's\n"
    "# token live in the OS keyring, never here.\n"
)
Changes = Mapping[str, Mapping[str, Any]]  # section → key → new value


def read_user_raw(folder: Path) -> dict[str, Any]:
    """The profile's own settings as TOML data ({} when there is no file yet)."""
    path = Path(folder) / SETTINGS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc


def save_settings(folder: Path, changes: Changes, locked: Iterable[str] = ()) -> Settings:
    """Put `changes` into the profile's file (locked keys left out) and return the settings
    the file now holds; ConfigError, and the file untouched, when they would not load."""
    raw = read_user_raw(folder)
    closed = set(locked)
    for section, values in changes.items():
        table = raw.setdefault(section, {})
        if not isinstance(table, dict):
            raise ConfigError(f"[{section}] must be a table")
        for key, value in values.items():
            if f"{section}.{key}" not in closed:
                table[key] = value
    settings = settings_from_raw(raw)  # refuse what a start would refuse, before writing
    write_atomically(Path(folder) / SETTINGS_FILE, HEADER + dumps(raw))
    return settings


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".new")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def dumps(raw: Mapping[str, Any]) -> str:
    """TOML for settings data: top-level scalars first, then one table per section."""
    lines = [f"{_key(k)} = {_value(v)}" for k, v in raw.items() if not isinstance(v, dict)]
    for name, table in raw.items():
        if isinstance(table, dict):
            lines.extend(_table([name], table))
    return "\n".join(lines) + "\n"


def _table(path: list[str], table: Mapping[str, Any]) -> list[str]:
    lines = ["", f"[{'.'.join(_key(p) for p in path)}]"]
    lines += [f"{_key(k)} = {_value(v)}" for k, v in table.items() if not isinstance(v, dict)]
    for name, inner in table.items():
        if isinstance(inner, dict):
            lines.extend(_table([*path, name], inner))
    return lines


def _key(name: str) -> str:
    bare = name and all(c.isalnum() or c in "-_" for c in name) and name.isascii()
    return name if bare else json.dumps(name)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # JSON's string escapes (\" \\ \n \uXXXX) are TOML's basic-string escapes.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise ConfigError(f"cannot write {value!r} to {SETTINGS_FILE}")
