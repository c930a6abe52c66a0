"""The desktop app: the default profile, the session, the window, a clean stop on quit."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from softphone.agent.session import AgentSession
from softphone.config import SETTINGS_FILE, ConfigError, default_profile_folder, load_profile
from softphone.gui.camera_probe import QtCameraProbe
from softphone.gui.main_window import MainWindow
from softphone.gui.resources import app_icon
from softphone.secrets import SecretError, load_secret

DEFAULT_SETTINGS = """# Agent Softphone settings. Passwords live in the OS keyring, never here:
#   softphone credentials set --profile "{folder}"
[sip]
server = ""          # host[:port] of your SIP server, e.g. "pbx.example.com:5061"
user = ""
transport = "udp"    # udp | tcp | tls
srtp = "off"         # off | optional | mandatory

[audio]
input = ""           # device names; empty = the system default
output = ""
ring = ""
"""


def default_profile() -> Path:
    return default_profile_folder()


def ensure_profile(folder: Path) -> Path:
    """The profile folder, with a commented default settings file when it has none."""
    folder.mkdir(parents=True, exist_ok=True)
    settings = folder / SETTINGS_FILE
    if not settings.exists():
        settings.write_text(DEFAULT_SETTINGS.format(folder=folder), encoding="utf-8")
    return folder


def build_window(folder: Path) -> tuple[AgentSession, MainWindow]:
    profile = load_profile(ensure_profile(folder))
    sip = profile.settings.sip
    password = load_secret(profile.folder, "sip") if sip.server else None
    notice = ""
    if not sip.server:
        notice = f"No SIP server configured — edit {profile.folder / SETTINGS_FILE}"
    elif password is None:
        notice = f"No SIP password — run: softphone credentials set --profile {profile.folder}"
    session = AgentSession(profile, password or "")
    session.readiness.camera = QtCameraProbe()  # the readiness check reaches cameras through Qt
    session.start()
    return session, MainWindow(session, notice)


def run_app(profile: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    if isinstance(app, QApplication):
        app.setApplicationName("Agent Softphone")
        app.setDesktopFileName("softphone")  # matches packaging/linux/softphone.desktop
        app.setWindowIcon(app_icon())
    try:
        session, window = build_window(profile or default_profile())
    except (ConfigError, SecretError, RuntimeError) as exc:
        QMessageBox.critical(None, "Agent Softphone", f"The softphone cannot start:\n{exc}")
        return 1
    app.aboutToQuit.connect(session.stop)  # hang up, unregister, release devices
    window.show()
    return int(app.exec())
