"""The blacklist store of one profile: registry lists, the enterprise's entries, deltas.

A folder holds immutable files and `manifest.json`, which names the current version of each:
one list file (a compact set, `segment`) per registry source (imported whole), a small delta
per source (additions and removals since its import, folded into a new list file when it
grows), and the enterprise's entries. Every change writes its new files completely, then
replaces the manifest (the commit point), then deletes what the old manifest alone named: a
crash at any moment leaves the old version or the new one. Writers take a lock file; readers
notice a new manifest on the next check, so an entry added by `softphone blacklist add` blocks
the running agent at once.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np

from softphone.compliance.blacklist.efset import I64
from softphone.compliance.blacklist.entries import (
    Entry,
    entries_from_json,
    entries_to_json,
)
from softphone.compliance.blacklist.locking import locked
from softphone.compliance.blacklist.segment import (
    NumberSet,
    open_segment,
    sorted_distinct,
    write_atomically,
    write_segment,
)
from softphone.compliance.errors import BlacklistError
from softphone.compliance.numbers import e164_to_int
from softphone.compliance.verdict import Reason

MANIFEST = "manifest.json"
LOCK = "lock"
ENTERPRISE = "enterprise"  # the enterprise's own list: always present, possibly empty
_SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
RECHECK_S = 0.2  # how stale another process's change may look to a reader
# A delta is folded into a new list file once it holds this many numbers or this share of it.
FOLD_AT, FOLD_SHARE = 200_000, 0.02


@dataclass
class Source:
    """A registry list as the manifest names it, with its current delta."""

    name: str
    segment: str
    count: int
    updated_at: str
    country: str = ""
    origin: str = ""  # the file it was imported from
    added: set[int] = field(default_factory=set)
    removed: set[int] = field(default_factory=set)
    numbers: NumberSet | None = field(default=None, repr=False)

    def contains(self, key: int) -> bool:
        if key in self.added:
            return True
        return key not in self.removed and self.numbers is not None and self.numbers.contains(key)

    def to_manifest(self) -> dict[str, Any]:
        return {
            "segment": self.segment, "count": self.count, "updated_at": self.updated_at,
            "country": self.country, "origin": self.origin,
            "added": sorted(self.added), "removed": sorted(self.removed),
        }  # fmt: skip


@dataclass
class State:
    version: int = 0
    updated_at: str = ""
    sources: dict[str, Source] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    entries_file: str = ""


def check_source_name(name: str) -> str:
    if name == ENTERPRISE or not _SOURCE_NAME.match(name):
        raise BlacklistError(
            f"source name {name!r}: use lower-case letters, digits, '.', '_' or '-' "
            f"(and not {ENTERPRISE!r}, the enterprise's own list)"
        )
    return name


class BlacklistStore:
    """Membership and upkeep of a profile's blacklist. Opening never fails: a store that cannot
    be read raises BlacklistError on use, which the gate turns into a blocked verdict."""

    def __init__(self, folder: Path, verify: bool = True) -> None:
        self.folder = folder
        self.verify = verify
        self._state: State | None = None
        self._stamp: tuple[int, int] | None = None
        self._checked = 0.0
        self._manifest = str(folder / MANIFEST)

    # -- reading ----------------------------------------------------------------------------

    def state(self) -> State:
        """The current version, reloaded when another process has committed a new one (looked
        for at most every RECHECK_S; this process's own writes show at once)."""
        now = time.monotonic()
        if self._state is not None and now - self._checked < RECHECK_S:
            return self._state
        stamp = self._manifest_stamp()
        if self._state is None or stamp != self._stamp:
            self._state = self._load()
            self._stamp = stamp
        self._checked = now
        return self._state

    def listing(self, number_e164: str, now: datetime) -> str | None:
        state = self.state()
        entry = state.entries.get(number_e164)
        if entry is not None and entry.active(now):
            return entry.describe()
        key = e164_to_int(number_e164)
        for source in state.sources.values():
            if source.contains(key):
                return f"registry {source.name}"
        return None

    def listing_fields(self, number_e164: str, now: datetime) -> dict[str, str]:
        """listing() by name: {"list": "enterprise", "why", "who", "since", "until"} or
        {"list": "registry", "registry": name}; empty when the number is not listed."""
        state = self.state()
        entry = state.entries.get(number_e164)
        if entry is not None and entry.active(now):
            return entry.fields()
        key = e164_to_int(number_e164)
        for source in state.sources.values():
            if source.contains(key):
                return {"list": "registry", "registry": source.name}
        return {}

    def problems(
        self, expected_sources: Collection[str], max_age: timedelta, now: datetime
    ) -> list[Reason]:
        state = self.state()
        reasons = []
        for name in expected_sources:
            source = state.sources.get(name)
            if source is None:
                reasons.append(Reason(
                    "blacklist_missing",
                    f"the {name} do-not-call list the policy requires is not on this device "
                    f"(softphone blacklist import FILE --source {name})",
                    {"list": name},
                ))  # fmt: skip
                continue
            age = now - datetime.fromisoformat(source.updated_at)
            if age > max_age:
                reasons.append(Reason(
                    "blacklist_stale",
                    f"the {name} do-not-call list is {age.days} days old (at most "
                    f"{max_age.days} allowed); update it before dialing",
                    {"list": name, "days": str(age.days), "max_days": str(max_age.days)},
                ))  # fmt: skip
        return reasons

    def contains(self, number_e164: str, now: datetime | None = None) -> bool:
        return self.listing(number_e164, now or datetime.now(timezone.utc)) is not None

    # -- writing ----------------------------------------------------------------------------

    def import_source(
        self,
        name: str,
        numbers: I64,
        country: str = "",
        origin: str = "",
        at: datetime | None = None,
    ) -> Source:
        """Replace the whole list of a registry source with `numbers` (any order, repeats ok;
        the array is sorted and squeezed in place, not copied)."""
        check_source_name(name)
        with self._writing() as state:
            segment = f"{name}-v{state.version + 1}.efs"
            values = sorted_distinct(numbers)
            write_segment(self.folder / segment, values)
            source = Source(name, segment, len(values), _iso(at), country, origin)
            state.sources[name] = source
        return source

    def apply_delta(
        self, name: str, added: Iterable[int], removed: Iterable[int], at: datetime | None = None
    ) -> Source:
        """Add and remove numbers of a source without rebuilding its list file."""
        check_source_name(name)
        with self._writing() as state:
            source = state.sources.get(name)
            if source is None:
                source = Source(name, "", 0, _iso(at))
                state.sources[name] = source
            for key in removed:
                source.added.discard(key)
                source.removed.add(key)
            for key in added:
                source.removed.discard(key)
                source.added.add(key)
            source.updated_at = _iso(at)
            if len(source.added) + len(source.removed) >= max(FOLD_AT, FOLD_SHARE * source.count):
                self._fold(state, source)
        return source

    def do_not_call(
        self, number_e164: str, reason: str, who: str, expires: str | None = None,
        at: datetime | None = None,
    ) -> Entry:  # fmt: skip
        """Put a number on the enterprise list at once, with who, when and why."""
        if not reason.strip():
            raise BlacklistError("a reason is required (why must this number not be called?)")
        entry = Entry(number_e164, reason.strip(), who, _iso(at), expires)
        with self._writing() as state:
            state.entries[number_e164] = entry
        return entry

    def remove(self, number_e164: str) -> Entry | None:
        """Take a number off the enterprise list; the removed entry, None if it was not on it."""
        with self._writing() as state:
            return state.entries.pop(number_e164, None)

    # -- internals --------------------------------------------------------------------------

    def _manifest_stamp(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self._manifest)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise BlacklistError(f"cannot read {self.folder / MANIFEST}: {exc}") from exc
        return info.st_mtime_ns, info.st_size

    def _load(self, verify: bool | None = None) -> State:
        path = self.folder / MANIFEST
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return State()  # no list configured yet: an empty enterprise list
        except OSError as exc:
            raise BlacklistError(f"cannot read {path}: {exc}") from exc
        state = _parse_manifest(raw, path)
        for source in state.sources.values():
            if source.segment:
                source.numbers = open_segment(
                    self.folder / source.segment, self.verify if verify is None else verify
                )
        if state.entries_file:
            state.entries = entries_from_json(
                _read(self.folder / state.entries_file), str(self.folder / state.entries_file)
            )
        return state

    @contextmanager
    def _writing(self) -> Iterator[State]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with locked(self.folder / LOCK):
            state = self._load(verify=False)  # the checksums were verified when it was read
            entries_before = dict(state.entries)
            yield state
            state.version += 1
            state.updated_at = _iso(None)
            if state.entries != entries_before or not state.entries_file:
                state.entries_file = f"{ENTERPRISE}-v{state.version}.json"
                write_atomically(self.folder / state.entries_file, entries_to_json(state.entries))
            write_atomically(self.folder / MANIFEST, _manifest_json(state))
            self._sweep(_files_of(state) | {MANIFEST, LOCK})
        self._state, self._stamp = None, None

    def _fold(self, state: State, source: Source) -> None:
        """Fold a source's delta into a new list file (merging the old file with the delta)."""
        parts = list(source.numbers.decode_all()) if source.numbers is not None else []
        values = np.concatenate([*parts, np.zeros(0, dtype=np.int64)])
        if source.removed:
            values = values[~np.isin(values, np.fromiter(source.removed, np.int64))]
        values = np.concatenate([values, np.fromiter(source.added, np.int64)])
        source.segment = f"{source.name}-v{state.version + 1}.efs"
        values = sorted_distinct(values)
        write_segment(self.folder / source.segment, values)
        source.count, source.added, source.removed = len(values), set(), set()

    def _sweep(self, keep: set[str]) -> None:
        """Delete what the new version does not name: the old version's files and the debris
        of a write that crashed (we hold the lock, so no other write is under way)."""
        for path in self.folder.iterdir():
            if path.name not in keep and path.is_file():
                # Still mapped by a reader on Windows: it goes with a later write.
                with suppress(OSError):
                    path.unlink()


def _files_of(state: State) -> set[str]:
    files = {s.segment for s in state.sources.values() if s.segment}
    return files | ({state.entries_file} if state.entries_file else set())


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BlacklistError(f"cannot read {path}: {exc}") from exc


def _manifest_json(state: State) -> bytes:
    document = {
        "format": 1,
        "version": state.version,
        "updated_at": state.updated_at,
        "enterprise": state.entries_file,
        "sources": {name: s.to_manifest() for name, s in sorted(state.sources.items())},
    }
    return json.dumps(document, indent=1).encode("utf-8")


def _parse_manifest(raw: bytes, path: Path) -> State:
    try:
        document = json.loads(raw)
        if document.get("format") != 1:
            raise ValueError(f"format {document.get('format')!r} is not 1")
        sources = {}
        for name, row in document["sources"].items():
            sources[name] = Source(
                name, row["segment"], int(row["count"]), row["updated_at"],
                row.get("country", ""), row.get("origin", ""),
                set(map(int, row.get("added", []))), set(map(int, row.get("removed", []))),
            )  # fmt: skip
            datetime.fromisoformat(row["updated_at"])
        return State(
            int(document["version"]), document["updated_at"], sources, {}, document["enterprise"]
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BlacklistError(f"{path} is corrupt: {exc}") from exc


def _iso(at: datetime | None) -> str:
    return (at or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat()
