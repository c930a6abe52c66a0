"""The enterprise's compliance policy: `compliance.toml` in the profile folder.

It chooses the default region for national formats, the enterprise's own calling windows and
caps (applied to every public call, on top of the jurisdiction's pack), replaced or extra rule
packs, the SIP domains that count as internal, the blacklist sources that must be present and
fresh, and whether a far end may transfer the agent (REFER). A missing file means the defaults;
a file that cannot be read or parsed is an error that names the key, never a silent default.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import phonenumbers

from softphone.compliance.errors import PolicyError
from softphone.compliance.packs import RulePack, builtin_packs, parse_pack, parse_packs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

POLICY_FILE = "compliance.toml"
_TOP_KEYS = {
    "default_region", "internal_domains", "extension_max_digits", "enterprise", "blacklist",
    "packs", "accept_refer",
}  # fmt: skip
# Without an enterprise window of its own, a public call is allowed 08:00–21:00 callee time
# every day: the widest window common to most statutory packs, and the one a country without a
# pack (GB, …) falls under.
DEFAULT_ENTERPRISE: dict[str, Any] = {"name": "enterprise", "windows": {"all": ["08:00-21:00"]}}


@dataclass(frozen=True)
class BlacklistPolicy:
    """The lists that must be on the device and how old they may be before dialing stops."""

    expected_sources: tuple[str, ...] = ()
    max_age: timedelta = timedelta(days=31)


@dataclass(frozen=True)
class Policy:
    default_region: str = "CN"
    internal_domains: tuple[str, ...] = ()
    extension_max_digits: int = 6
    enterprise: RulePack = field(
        default_factory=lambda: parse_pack("enterprise", DEFAULT_ENTERPRISE)
    )
    packs: Mapping[str, RulePack] = field(default_factory=builtin_packs)
    blacklist: BlacklistPolicy = field(default_factory=BlacklistPolicy)
    # May the far end transfer the agent (a REFER received)? Off: refused with 603. On: the
    # Refer-To target is checked by the gate like a dial (blocked: 403).
    accept_refer: bool = False

    def packs_for(self, region: str, state: str | None) -> tuple[RulePack, ...]:
        """The packs that apply to a callee: country, state (US), then the enterprise's."""
        chosen = [self.packs.get(region), self.packs.get(f"{region}-{state}") if state else None]
        return (*(p for p in chosen if p is not None), self.enterprise)


def load_policy(folder: Path) -> Policy:
    path = folder / POLICY_FILE
    if not path.exists():
        return Policy()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"cannot read {path}: {exc}") from exc
    try:
        return parse_policy(text)
    except PolicyError as exc:
        raise PolicyError(f"{path}: {exc}") from exc


def parse_policy(text: str) -> Policy:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"not valid TOML: {exc}") from exc
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        raise PolicyError(f"unknown key {sorted(unknown)[0]!r}")
    region = raw.get("default_region", "CN")
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise PolicyError(f"default_region {region!r} is not a region code like 'CN' or 'US'")
    domains = raw.get("internal_domains", [])
    if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
        raise PolicyError("internal_domains must be a list of SIP domains")
    digits = raw.get("extension_max_digits", 6)
    if not isinstance(digits, int) or isinstance(digits, bool) or not 0 <= digits <= 8:
        raise PolicyError("extension_max_digits must be a whole number from 0 to 8")
    enterprise = {"name": "enterprise", **DEFAULT_ENTERPRISE, **_table(raw, "enterprise")}
    accept_refer = raw.get("accept_refer", False)
    if not isinstance(accept_refer, bool):
        raise PolicyError("accept_refer must be true or false")
    return Policy(
        default_region=region,
        internal_domains=tuple(d.lower() for d in domains),
        extension_max_digits=digits,
        enterprise=parse_pack("enterprise", enterprise, "[enterprise]"),
        packs={**builtin_packs(), **parse_packs(raw.get("packs", {}), "[packs]")},
        blacklist=_blacklist_policy(_table(raw, "blacklist")),
        accept_refer=accept_refer,
    )


def _table(raw: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise PolicyError(f"[{key}] must be a table")
    return value


def _blacklist_policy(raw: Mapping[str, Any]) -> BlacklistPolicy:
    unknown = set(raw) - {"expected_sources", "max_age_days"}
    if unknown:
        raise PolicyError(f"[blacklist] unknown key {sorted(unknown)[0]!r}")
    sources = raw.get("expected_sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) and s for s in sources):
        raise PolicyError("[blacklist] expected_sources must be a list of source names")
    days = raw.get("max_age_days", 31)
    if not isinstance(days, (int, float)) or isinstance(days, bool) or days <= 0:
        raise PolicyError("[blacklist] max_age_days must be a number of days > 0")
    return BlacklistPolicy(tuple(sources), timedelta(days=days))
