"""The desktop window (PySide6). Importing this package loads Qt once and turns off PySide6's
source scan of every later import (`skip_feature_scan`)."""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401 - loads PySide6's import hook, patched just below


def skip_feature_scan() -> None:
    """PySide6 reads the source of every module imported after it (inspect.getsource, kept in
    linecache) to learn whether it uses PySide, for the opt-in `from __feature__ import
    snake_case`. The app never opts in; the scan cost ~1,400 file reads at start and ~20 MB of
    source lines resident for the app's life when it runs from a checkout. Every module now
    counts as one that does not use PySide: with no feature selected anywhere, that changes
    nothing else."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):
        setattr(feature, "_mod_uses_pyside", _never_uses_features)  # noqa: B010 - not typed


def _never_uses_features(module: object) -> bool:
    return False


skip_feature_scan()
