"""System-wide provisioning: IT's settings for every profile on a machine, and the keys agents
may not change.

One file in the OS's standard place (`provisioning_path()`; `SOFTPHONE_PROVISIONING` names
another) with the sections and keys of `softphone.toml`, plus two top-level keys:

    locked = ["sip.server", "sip.transport"]     # these win over everything else
    provisioning_url = "https://…"               # more of the same, fetched (HTTPS only)

Which value a setting takes, strongest first: a locked provisioning value, the center's
configuration, the user's `softphone.toml`, an unlocked provisioning value (IT's default),
the built-in default. A locked key set otherwise in the user's file is ignored with a warning.
No secrets belong here: passwords live in the OS keyring (softphone.secrets).

`provisioning_url` names a file of the same form on IT's server: fetched over HTTPS with the
certificate verified against the system's trust store (`SSL_CERT_FILE` adds a CA), at most once
an hour, and cached so that an offline start keeps the last one. Its values take the place of
the local file's; the locked keys of both apply.
"""

from __future__ import annotations

import hashlib
import logging
import os
import ssl
import sys
import time
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
REMOTE_MAX_AGE_S = 3600.0  # a cached remote file younger than this is used without asking
REMOTE_TIMEOUT_S = 3.0  # an unreachable server delays a start by this much, then the cache
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
    """The machine's provisioning (with its remote part); empty when the file does not exist."""
    path = path or provisioning_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Provisioning()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    local = parse_provisioning(text, path)
    if not local.url:
        return local
    remote_text, how = fetch_remote(local.url, remote_cache_path(local.url))
    if remote_text is None:
        log.warning("provisioning from %s not applied: %s", local.url, how)
        return local
    try:
        remote = parse_provisioning(remote_text, Path(local.url))
    except ConfigError as exc:  # a broken file on the server must not stop every seat
        log.warning("provisioning from %s not applied: %s", local.url, exc)
        return local
    log.info("provisioning from %s applied (%s)", local.url, how)
    values = {name: dict(section) for name, section in local.values.items()}
    _overlay(values, remote.values)
    return Provisioning(values, local.locked | remote.locked, local.url, path)


def remote_cache_path(url: str) -> Path:
    from platformdirs import user_cache_dir

    digest = hashlib.sha256(url.encode()).hexdigest()[:16]
    return Path(user_cache_dir("softphone", appauthor=False)) / f"provisioning-{digest}.toml"


def fetch_remote(
    url: str, cache: Path, max_age_s: float = REMOTE_MAX_AGE_S
) -> tuple[str | None, str]:
    """(the remote file's text or None, how it was got or why not). A fresh cached copy is used
    as is; else it is fetched and cached; when that fails, the cached copy however old."""
    try:
        age = time.time() - cache.stat().st_mtime
    except OSError:
        age = None
    if age is not None and age < max_age_s:
        return cache.read_text("utf-8"), "cached"
    try:
        text = _get(url)
    except ValueError as exc:  # _get turns every failure (network, TLS, status) into one
        if age is None:
            return None, f"cannot fetch it and no copy is cached: {exc}"
        return cache.read_text("utf-8"), f"offline: the copy cached {age / 3600:.1f} h ago ({exc})"
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(text, "utf-8")
    return text, "fetched"


def _get(url: str) -> str:
    """The body of a 200 answer over verified HTTPS; ValueError for anything else."""
    import httpx

    if not url.startswith("https://"):
        raise ValueError("not an https:// URL")
    try:
        answer = httpx.get(
            url,
            timeout=REMOTE_TIMEOUT_S,
            verify=ssl.create_default_context(),
            follow_redirects=False,
        )
    except httpx.HTTPError as exc:
        raise ValueError(str(exc) or type(exc).__name__) from exc
    if answer.status_code != 200:
        raise ValueError(f"HTTP {answer.status_code}")
    return answer.text


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
