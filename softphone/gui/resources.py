"""Where the app's own files (icons, later ringtones and translations) are found: `resources/`
beside the package in a checkout, or inside the frozen build (build.spec ships it)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def app_icon() -> QIcon:
    """The app's icon; an empty icon (the platform's default) when the file is missing."""
    return QIcon(str(resources_dir() / "icons" / "softphone.svg"))
