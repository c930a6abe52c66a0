"""The app's one theme: resources/theme/theme.qss with the colours of colors.toml, light or
dark as the OS says (QStyleHints.colorScheme), switched live when the OS switches.

Widgets never name a colour: they carry an object name and, for what changes, a property the
style sheet selects on (`set_tone`), so light and dark, and later a high-contrast theme, are
one file's business.
"""

from __future__ import annotations

import functools
import sys
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

from softphone.gui.resources import resources_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_APPLIED = "softphoneThemeScheme"  # a property on the app: which scheme is applied


def theme_colours(scheme: Qt.ColorScheme) -> dict[str, str]:
    """The scheme's colours by name, from colors.toml (Unknown reads as light)."""
    folder = resources_dir() / "theme"
    colours = tomllib.loads((folder / "colors.toml").read_text(encoding="utf-8"))
    return dict(colours["dark" if scheme == Qt.ColorScheme.Dark else "light"])


def theme_sheet(scheme: Qt.ColorScheme) -> str:
    """The style sheet with the scheme's colours filled in (Unknown reads as light)."""
    folder = resources_dir() / "theme"
    text = (folder / "theme.qss").read_text(encoding="utf-8")
    return Template(text).substitute(theme_colours(scheme))


def colour(name: str) -> QColor:
    """One of the theme's colours in the scheme applied now, for what a widget paints itself
    (a style sheet cannot colour a QPainter's lines)."""
    app = QApplication.instance()
    applied = app.property(_APPLIED) if app is not None else None
    scheme = Qt.ColorScheme.Dark if applied == Qt.ColorScheme.Dark.name else Qt.ColorScheme.Light
    return QColor(_colours(scheme)[name])


@functools.lru_cache(maxsize=2)
def _colours(scheme: Qt.ColorScheme) -> dict[str, str]:
    return theme_colours(scheme)


def apply_theme(app: QApplication, scheme: Qt.ColorScheme | None = None) -> None:
    """Style the app for `scheme` (default: the OS's), and follow the OS from now on."""
    hints = app.styleHints()
    wanted = scheme if scheme is not None else hints.colorScheme()
    if app.property(_APPLIED) is None:  # first time: follow the OS's switches
        hints.colorSchemeChanged.connect(lambda changed: apply_theme(app, changed))
    if app.property(_APPLIED) == wanted.name:
        return
    app.setStyleSheet(theme_sheet(wanted))
    app.setProperty(_APPLIED, wanted.name)


def set_tone(widget: QWidget, name: str, value: str) -> None:
    """Set the property the style sheet selects on (`tone`, `status`) and restyle the widget:
    Qt does not re-read a style sheet's property selectors by itself."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
