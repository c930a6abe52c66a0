"""`softphone self-test`, the GUI's part: Qt starts offscreen with the app's icon and a window,
finds its translations, and quits. Only softphone.gui imports PySide6 (import-linter).

Offscreen, so that IT can run the self-test over SSH or in a service account with no display.
"""

from __future__ import annotations

import os


def start_and_quit_qt() -> str:
    """One line: Qt's version, its platform plugin and translations. Raises when any fails."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before QtGui loads a platform plugin
    from PySide6.QtCore import QLibraryInfo, QTimer, QTranslator
    from PySide6.QtWidgets import QApplication, QMainWindow

    from softphone.gui.camera_probe import multimedia
    from softphone.gui.language import TRANSLATED
    from softphone.gui.resources import app_icon, resources_dir
    from softphone.gui.versions import qt_version

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["softphone"])
    icon = app_icon()
    if icon.pixmap(32, 32).isNull():  # drawn, so the SVG image plugin is there too
        raise RuntimeError(f"the app icon could not be drawn from {resources_dir()}")
    window = QMainWindow()
    window.setWindowIcon(icon)
    window.show()
    QTimer.singleShot(0, app.quit)  # the event loop runs once, then quits
    code = app.exec()
    window.close()
    window.deleteLater()
    if code != 0:
        raise RuntimeError(f"the Qt event loop exited with {code}")
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = resources_dir() / "translations"
    for language in TRANSLATED:  # the build compiles ours (.ts → .qm) into resources/
        if not QTranslator().load(f"qtbase_{language}", translations):
            raise RuntimeError(f"Qt's {language} translations are missing from {translations}")
        if not QTranslator().load(str(ours / f"softphone_{language}.qm")):
            raise RuntimeError(f"the app's {language} translations are missing from {ours}")
    camera = "Qt Multimedia present" if multimedia() else "no Qt Multimedia (camera: not checked)"
    return f"{qt_version()}, platform {app.platformName()}, icon and translations found, {camera}"
