"""The window comes back where the agent left it, per profile, and follows the OS's light/dark
switch (the theme's two palettes of resources/theme)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from softphone.gui.theme import apply_theme, theme_sheet
from softphone.gui.window_geometry import GEOMETRY_FILE, remember_geometry


def placed(qtbot, folder: Path, size: QSize, where: QPoint) -> None:
    """A window of `folder`'s profile moved and resized by the agent, then closed."""
    window = QMainWindow()
    qtbot.addWidget(window)
    remember_geometry(window, folder)
    window.show()
    window.resize(size)
    window.move(where)
    qtbot.waitUntil(lambda: window.size() == size)
    window.close()


def test_each_profile_s_window_comes_back_where_it_was_left(qtbot, tmp_path: Path) -> None:
    desk_a, desk_b = tmp_path / "a", tmp_path / "b"
    desk_a.mkdir()
    desk_b.mkdir()
    placed(qtbot, desk_a, QSize(500, 400), QPoint(40, 30))
    placed(qtbot, desk_b, QSize(600, 450), QPoint(100, 80))
    for folder, size in ((desk_a, QSize(500, 400)), (desk_b, QSize(600, 450))):
        window = QMainWindow()
        qtbot.addWidget(window)
        assert remember_geometry(window, folder).restore()
        window.show()
        assert window.size() == size
    assert (desk_a / GEOMETRY_FILE).is_file()


def test_the_app_s_window_opens_at_the_profile_s_saved_place(
    qtbot, profile_folder: Path, open_window
) -> None:
    placed(qtbot, profile_folder, QSize(760, 560), QPoint(10, 10))
    _, main = open_window()
    assert main.size() == QSize(760, 560)


def test_a_new_profile_keeps_the_form_s_size(qtbot, tmp_path: Path) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    assert not remember_geometry(window, tmp_path).restore()


def test_the_theme_follows_the_os_light_and_dark(qapp: QApplication) -> None:
    before = qapp.styleSheet()
    try:
        apply_theme(qapp, Qt.ColorScheme.Dark)
        assert qapp.styleSheet() == theme_sheet(Qt.ColorScheme.Dark)
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)  # the OS switches
        assert qapp.styleSheet() == theme_sheet(Qt.ColorScheme.Light)
        assert theme_sheet(Qt.ColorScheme.Dark) != theme_sheet(Qt.ColorScheme.Light)
    finally:
        qapp.setStyleSheet(before)
        qapp.setProperty("softphoneThemeScheme", None)
