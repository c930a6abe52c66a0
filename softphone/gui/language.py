"""The window's language: English or Simplified Chinese, from the profile's `[gui] language`
("auto" follows the OS). Installs our translations (resources/translations/softphone_<lang>.qm,
compiled from the .ts by packaging/dev/translations.py) and Qt's own (qtbase_<lang>.qm: the
standard buttons of message boxes and dialogs), and makes the language the default QLocale, so
that what reads `QLocale()` — the pop-up's provider and region names — follows it too.

Installed before any window is built: a widget translates its texts when it is made.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from softphone.gui.resources import resources_dir

log = logging.getLogger(__name__)

ENGLISH = "en"
CHINESE = "zh_CN"
TRANSLATED = (CHINESE,)  # the languages we ship a .qm for; English is the source text

_installed: list[QTranslator] = []  # kept referenced: Qt does not own an installed translator


def chosen_language(setting: str, system: QLocale | None = None) -> str:
    """ "en" or "zh_CN": the setting, or for "auto" the OS's language (any Chinese locale
    reads Simplified Chinese sooner than English; every other language gets English)."""
    if setting in (ENGLISH, *TRANSLATED):
        return setting
    locale = system if system is not None else QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return CHINESE
    return ENGLISH


def install_language(setting: str) -> str:
    """Switch the app to the language `setting` names; returns the one now in use."""
    language = chosen_language(setting)
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            QCoreApplication.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language if language != ENGLISH else "en_US"))
    if language == ENGLISH or app is None:
        return ENGLISH
    ours = QTranslator(app)
    if not ours.load(str(resources_dir() / "translations" / f"softphone_{language}.qm")):
        log.warning(
            "no translations for %s (run: uv run python packaging/dev/translations.py)", language
        )
        QLocale.setDefault(QLocale("en_US"))
        return ENGLISH
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        QCoreApplication.installTranslator(qt)
        _installed.append(qt)
    QCoreApplication.installTranslator(ours)  # last installed is asked first
    _installed.append(ours)
    return language


def language_in_use() -> str:
    return CHINESE if _installed else ENGLISH
