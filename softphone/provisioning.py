"""System-wide provisioning: IT's settings for every profile on a machine, and the keys agents
may not change.

One file in the OS's standard place (`provisioning_path()`; `SOFTPHONE_PROVISIONING` names
another) with the sections and keys of `softphone.toml`, plus two top-level keys:

    locked = ["sip.server", "sip.transport"]     # these win over everything else
    provisioning_url = "https://…"               # HTTPS only (fetching it is not built yet)

Which value a setting takes, strongest first: a locked provisioning value, the center's
configuration, the user's `softphone.toml`, an unlocked provisioning value (IT's default),
the built-in default. A locked key set otherwise in the user's file is ignored with a warning.
No secrets belong here: passwords live in the OS keyring (softphone.secrets).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from softphone.config import ConfigError, Settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

log = logging.getLogger(__name__)

ENV_VAR = "SOFTPHONE_PROVISIONING"
FILE_NAME = "provisioning.toml"
Raw = dict[str, dict[str, Any]]  # section → key → value, as read from TOML


def provisioning_path() -> Path:
    """Where IT puts the file on this OS (or where $SOFTPHONE_PROVISIONING says)."""
    named = os.environ.get(ENV_VAR)
    if named:
        return Path(named)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "Softphone" / FILE_NAME
    if sys.platform == "darwin":
        return Path("/Library/Application Support/Softphone") / FILE_NAME
    return Path("/etc/softphone") / FILE_NAME


@dataclass(frozen=True)
class Provisioning:
    values: Raw = field(default_factory=dict)
    locked: frozenset[str] = frozenset()  # "section.key"
    url: str = ""
    source: Path | None = None


def known_keys() -> set[str]:
    """Every "section.key" of softphone.toml."""
    settings = Settings()
    return {
        f"{section.name}.{key.name}"
        for section in fields(settings)
        for key in fields(getattr(settings, section.name))
    }


def parse_provisioning(text: str, source: Path | None = None) -> Provisioning:
    where = str(source or FILE_NAME)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where} is not valid TOML: {exc}") from exc
    locked = raw.pop("locked", [])
    url = raw.pop("provisioning_url", "")
    if not isinstance(locked, list) or not all(isinstance(k, str) for k in locked):
        raise ConfigError(f'{where}: locked must be a list of "section.key" names')
    unknown = sorted(set(locked) - known_keys())
    if unknown:
        raise ConfigError(f"{where}: locked names unknown settings: {', '.join(unknown)}")
    if not isinstance(url, str) or (url and not url.startswith("https://")):
        raise ConfigError(f"{where}: provisioning_url must be an https:// URL (got {url!r})")
    for name, section in raw.items():
        if not isinstance(section, dict):
            raise ConfigError(f"{where}: [{name}] must be a table")
    return Provisioning(values=raw, locked=frozenset(locked), url=url, source=source)


def load_provisioning(path: Path | None = None) -> Provisioning:
    """The machine's provisioning; none (empty) when the file does not exist."""
    path = path or provisioning_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Provisioning()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    return parse_provisioning(text, path)


def effective_raw(
    user: dict[str, Any], provisioning: Provisioning, center: Raw | None = None
) -> tuple[dict[str, Any], list[str]]:
    """The settings to use, as TOML-shaped data, and a warning for each value it ignored."""
    merged: dict[str, Any] = {}
    _overlay(merged, _unlocked(provisioning))
    _overlay(merged, user)
    _overlay(merged, center or {})
    warnings = []
    for key in sorted(provisioning.locked):
        section, name = key.split(".", 1)
        for layer, values in (("your softphone.toml", user), ("the center", center or {})):
            given = values.get(section, {})
            if isinstance(given, dict) and name in given:
                warnings.append(_ignored(key, given[name], layer, provisioning))
        if name in provisioning.values.get(section, {}):
            merged.setdefault(section, {})[name] = provisioning.values[section][name]
        elif isinstance(merged.get(section), dict):
            merged[section].pop(name, None)  # locked to the built-in default
    return merged, warnings


def _ignored(key: str, value: Any, layer: str, provisioning: Provisioning) -> str:
    section, name = key.split(".", 1)
    locked = provisioning.values.get(section, {}).get(name, "its default")
    where = provisioning.source
    return f"{key} = {value!r} in {layer} is ignored: IT locked it to {locked!r} ({where})"


def _unlocked(provisioning: Provisioning) -> Raw:
    return {
        section: {k: v for k, v in values.items() if f"{section}.{k}" not in provisioning.locked}
        for section, values in provisioning.values.items()
    }


def _overlay(target: dict[str, Any], layer: dict[str, Any]) -> None:
    for section, values in layer.items():
        if isinstance(values, dict) and isinstance(target.get(section, {}), dict):
            target[section] = {**target.get(section, {}), **values}
        else:
            target[section] = values  # not a table: parse_settings names the error
