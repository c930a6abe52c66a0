"""Qt's version, for `softphone --version` (only softphone.gui imports PySide6)."""

from __future__ import annotations


def qt_version() -> str:
    import PySide6
    from PySide6 import QtCore

    return f"Qt {QtCore.qVersion()} (PySide6 {PySide6.__version__})"
