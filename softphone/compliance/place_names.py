"""The telecom provider and the place of a number, answered by phonenumbers' own `carrier` and
`geocoder` code with their data read from a small on-disk index instead of held in memory.

Why: importing `phonenumbers.geocoder` and `.carrier` loads every prefix of every country in every
language into dicts — about 180 MB resident and a second or more of start-up — while the agent
needs a handful of lookups per call. The index (SQLite, only the languages the window speaks) is
built once per phonenumbers version in a child process, so the agent never holds the dicts; the
frozen build ships it pre-built.

The library's modules run unchanged: `geocoder()` / `carrier()` first put data modules backed by
the index into `sys.modules` under the names the library imports them by
(`phonenumbers.geodata`, `phonenumbers.geodata.locale`, `phonenumbers.carrierdata`). Where the
real data is already loaded (a test that compares the two), the library is used as it is.
tests/unit/test_place_names.py checks that both give the same answers for numbers of every region.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys
import threading
import types
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import phonenumbers

log = logging.getLogger(__name__)

# The languages of the window: phonenumbers' "zh" is Simplified Chinese (中国移动, 北京市).
LANGUAGES = ("en", "zh")
ENV_INDEX = "SOFTPHONE_PLACE_INDEX"  # a prepared index (IT, tests, the frozen bundle)
_BUNDLED = Path(__file__).with_name("place_names.sqlite")  # added by build.spec
_DATA_MODULES = ("phonenumbers.geodata", "phonenumbers.geodata.locale", "phonenumbers.carrierdata")
_BUILD_TIMEOUT_S = 300.0

_lock = threading.Lock()


class IndexUnavailable(RuntimeError):
    """The index could not be built: names stay empty, numbers are still formatted."""


def index_path() -> Path:
    """Where this installation's index is (or will be built)."""
    if os.environ.get(ENV_INDEX):
        return Path(os.environ[ENV_INDEX])
    if _BUNDLED.is_file():
        return _BUNDLED
    from platformdirs import user_cache_dir

    name = f"place-names-{phonenumbers.__version__}-{'-'.join(LANGUAGES)}.sqlite"
    return Path(user_cache_dir("softphone", appauthor=False)) / name


def geocoder() -> types.ModuleType:
    """phonenumbers.geocoder, reading its place names from the index."""
    _install()
    from phonenumbers import geocoder as module

    return module


def carrier() -> types.ModuleType:
    """phonenumbers.carrier, reading its provider names from the index."""
    _install()
    from phonenumbers import carrier as module

    return module


def prepare_in_background() -> None:
    """Build the index now, off the caller's thread, so the first call's pop-up need not wait."""
    threading.Thread(target=_prepare_quietly, name="place-names", daemon=True).start()


def _prepare_quietly() -> None:
    try:
        ensure_index()
    except IndexUnavailable as exc:
        log.warning("%s", exc)


def _install() -> None:
    with _lock:
        if any(name in sys.modules for name in _DATA_MODULES):
            return  # the real data (or our stand-ins) are already there
        path = ensure_index()
        table = _Index(path)
        geodata = types.ModuleType("phonenumbers.geodata")
        geodata.GEOCODE_DATA = table.prefixes("geocode")  # type: ignore[attr-defined]
        geodata.GEOCODE_LONGEST_PREFIX = table.longest("geocode")  # type: ignore[attr-defined]
        geodata.__path__ = []  # a package, so that `.geodata.locale` resolves
        locale = types.ModuleType("phonenumbers.geodata.locale")
        locale.LOCALE_DATA = table.locales()  # type: ignore[attr-defined]
        carrierdata = types.ModuleType("phonenumbers.carrierdata")
        carrierdata.CARRIER_DATA = table.prefixes("carrier")  # type: ignore[attr-defined]
        carrierdata.CARRIER_LONGEST_PREFIX = table.longest("carrier")  # type: ignore[attr-defined]
        geodata.locale = locale  # type: ignore[attr-defined]
        sys.modules.update(
            {
                "phonenumbers.geodata": geodata,
                "phonenumbers.geodata.locale": locale,
                "phonenumbers.carrierdata": carrierdata,
            }
        )


def ensure_index() -> Path:
    """The index's path, built first (in a child process) when this installation lacks it."""
    path = index_path()
    if _readable(path):
        return path
    if getattr(sys, "frozen", False):
        raise IndexUnavailable(f"the place-name index is missing from this installation ({path})")
    path.parent.mkdir(parents=True, exist_ok=True)
    log.info("building the place-name index at %s (once per phonenumbers version)", path)
    done = subprocess.run(
        [sys.executable, "-m", "softphone.compliance.place_names", str(path)],
        capture_output=True,
        text=True,
        timeout=_BUILD_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0 or not _readable(path):
        raise IndexUnavailable(f"could not build the place-name index: {done.stderr[-500:]}")
    return path


def _readable(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT value FROM facts WHERE key = 'languages'").fetchone()
    except sqlite3.Error:
        return False
    return row is not None and json.loads(row[0]) == list(LANGUAGES)


class _Index:
    """The index file, shared read-only by the lookup threads."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    def fact(self, key: str) -> str:
        with self._lock:
            row = self._db.execute("SELECT value FROM facts WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise IndexUnavailable(f"the place-name index lacks {key!r}")
        return str(row[0])

    def longest(self, kind: str) -> int:
        return int(self.fact(f"{kind}_longest_prefix"))

    def locales(self) -> dict[str, dict[str, str]]:
        return dict(json.loads(self.fact("locale_data")))

    def prefixes(self, kind: str) -> _PrefixNames:
        return _PrefixNames(self, kind)

    def names(self, kind: str, prefix: str) -> dict[str, str] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT names FROM prefixes WHERE kind = ? AND prefix = ?", (kind, prefix)
            ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def all_prefixes(self, kind: str) -> list[str]:
        with self._lock:
            rows = self._db.execute("SELECT prefix FROM prefixes WHERE kind = ?", (kind,))
            return [row[0] for row in rows]


class _PrefixNames(Mapping[str, dict[str, str]]):
    """One of the library's prefix → {locale: name} dicts, read from the index on demand."""

    def __init__(self, index: _Index, kind: str) -> None:
        self._index = index
        self._kind = kind
        self._names = lru_cache(maxsize=4096)(self._lookup)

    def _lookup(self, prefix: str) -> dict[str, str] | None:
        return self._index.names(self._kind, prefix)

    def __getitem__(self, prefix: str) -> dict[str, str]:
        names = self._names(prefix) if isinstance(prefix, str) else None
        if names is None:
            raise KeyError(prefix)
        return names

    def __contains__(self, prefix: object) -> bool:
        return isinstance(prefix, str) and self._names(prefix) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._index.all_prefixes(self._kind))

    def __len__(self) -> int:
        return len(self._index.all_prefixes(self._kind))


# --- building (in a child process: `python -m softphone.compliance.place_names PATH`) ----------


def _spoken(names: dict[str, str]) -> dict[str, str]:
    """The names in the window's languages ("en", "zh", "zh_Hant", …), the rest dropped."""
    return {locale: name for locale, name in names.items() if locale.split("_")[0] in LANGUAGES}


def _resolved(names: dict[str, str]) -> dict[str, str]:
    """A country's names with the library's "*aa" (same as language aa's) looked up: the
    referenced language may be one the index leaves out."""
    return {
        locale: names.get(name[1:], "") if name.startswith("*") else name
        for locale, name in names.items()
    }


def build_index(path: Path) -> None:
    """Write the index from the library's in-memory data; atomic (a reader never sees half)."""
    from phonenumbers.carrierdata import CARRIER_DATA, CARRIER_LONGEST_PREFIX
    from phonenumbers.geodata import GEOCODE_DATA, GEOCODE_LONGEST_PREFIX
    from phonenumbers.geodata.locale import LOCALE_DATA

    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(partial) as db:
        db.execute(
            "CREATE TABLE prefixes (kind TEXT, prefix TEXT, names TEXT, "
            "PRIMARY KEY (kind, prefix)) WITHOUT ROWID"
        )
        db.execute("CREATE TABLE facts (key TEXT PRIMARY KEY, value TEXT)")
        for kind, data in (("geocode", GEOCODE_DATA), ("carrier", CARRIER_DATA)):
            db.executemany(
                "INSERT INTO prefixes VALUES (?, ?, ?)",
                (
                    (kind, prefix, json.dumps(spoken, ensure_ascii=False))
                    for prefix, names in data.items()
                    if (spoken := _spoken(names))
                ),
            )
        locales = {region: _spoken(_resolved(names)) for region, names in LOCALE_DATA.items()}
        facts = {
            "geocode_longest_prefix": str(GEOCODE_LONGEST_PREFIX),
            "carrier_longest_prefix": str(CARRIER_LONGEST_PREFIX),
            "locale_data": json.dumps(locales, ensure_ascii=False),
            "phonenumbers": phonenumbers.__version__,
            "languages": json.dumps(list(LANGUAGES)),
        }
        db.executemany("INSERT INTO facts VALUES (?, ?)", facts.items())
    db.close()
    os.replace(partial, path)


if __name__ == "__main__":
    build_index(Path(sys.argv[1]))
