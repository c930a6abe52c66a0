"""Public-holiday calendars from the `holidays` package, loading only the countries asked for.

`holidays` itself is lazy (a country's module loads on first use), but every country module
lives in the package `holidays.countries`, whose `__init__` imports all ~280 of them: the first
calendar loaded them all, ~7 MB of the window's resident memory for the eight countries our
packs name (tests/gui/test_idle_imports.py, tests/bench/README.md).

`country_holidays` registers `holidays.countries` as the package it is — its spec, path and
loader — without running that `__init__`, so `holidays.countries.france` loads France and what
France imports, nothing else. Country modules import their neighbours by module
(`from holidays.countries.france import France`), never through the package's namespace. Code
that does read the namespace (`from holidays.countries import Germany`) still works: the first
name it misses runs the real `__init__` into the same module (`_load_whole_package`).
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from types import ModuleType
from typing import Any

PACKAGE = "holidays.countries"
_LOCK = threading.Lock()


def country_holidays(country: str, subdiv: str | None = None, **options: Any) -> Any:
    """`holidays.country_holidays`, with only `country`'s module (and its imports) loaded."""
    import holidays

    _register_package_shell()
    return holidays.country_holidays(country, subdiv=subdiv, **options)


def _register_package_shell() -> None:
    with _LOCK:
        if PACKAGE in sys.modules:
            return  # registered before, or loaded whole by someone else: both serve
        spec = importlib.util.find_spec(PACKAGE)
        if spec is None or spec.loader is None:
            return  # an unusual install: the package then loads whole, as it would anyway
        shell = importlib.util.module_from_spec(spec)
        shell.__dict__["__getattr__"] = lambda name: _load_whole_package(shell, name)
        sys.modules[PACKAGE] = shell


def _load_whole_package(shell: ModuleType, name: str) -> Any:
    """A name the package's namespace would have (PEP 562 `__getattr__`): run its `__init__`
    now, into the registered module, and answer from it."""
    if name.startswith("__"):
        raise AttributeError(name)  # what introspection asks (__all__, __wrapped__ …)
    with _LOCK:
        if shell.__dict__.pop("__getattr__", None) is not None:
            spec = shell.__spec__
            assert spec is not None and spec.loader is not None
            spec.loader.exec_module(shell)
    try:
        return shell.__dict__[name]
    except KeyError:
        raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}") from None
