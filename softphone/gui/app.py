"""The desktop app: the default profile, one running app per profile (a second start hands
its links over and exits), the session, the window and its tray icon, a clean stop on quit."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from softphone.agent.demo import Demo, demo_wanted
from softphone.agent.session import AgentSession
from softphone.agent.watchdog import ShutdownWatchdog
from softphone.config import SETTINGS_FILE, ConfigError, default_profile_folder, load_profile
from softphone.gui.camera_probe import QtCameraProbe
from softphone.gui.click_to_dial import ClickToDial
from softphone.gui.demo_banner import show_demo
from softphone.gui.desktop_notices import DesktopNotices
from softphone.gui.journal_recovery import ask_start_fresh
from softphone.gui.language import install_language
from softphone.gui.main_window import MainWindow
from softphone.gui.os_links import OsOpenedLinks
from softphone.gui.quit_signals import QuitOnSignals
from softphone.gui.resources import app_icon
from softphone.gui.settings_entry import first_run_needed, open_settings, run_first_run
from softphone.gui.shortcuts import configure as configure_shortcuts
from softphone.gui.single_instance import SingleInstance, hand_over, instance_name
from softphone.gui.theme import apply_theme
from softphone.gui.tray import Notify, StatusTray
from softphone.gui.warm_start import settle_heap, thaw_heap, warm_up_popup
from softphone.gui.window_geometry import remember_geometry
from softphone.journal.store import JournalCorrupt
from softphone.secrets import SecretError, load_secret

AskStartFresh = Callable[[JournalCorrupt], Path | None]

DEFAULT_SETTINGS = """# Agent Softphone settings (the app's Settings write them). Passwords
# live in the OS keyring, never here: Settings, or
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


def tr(text: str) -> str:
    return QCoreApplication.translate("App", text)


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
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app)  # once per app; it then follows the OS's light/dark switches
    profile = load_profile(ensure_profile(folder))
    install_language(profile.settings.gui.language)  # before any window or dialog is made
    configure_shortcuts(profile.settings.gui.shortcuts)  # a bad key stops us before the session
    sip = profile.settings.sip
    password = load_secret(profile.folder, "sip") if sip.server else None
    notice = ""
    if not sip.server:
        notice = tr("No SIP server configured — open Softphone › Settings")
    elif password is None and sip.register:
        notice = tr("No SIP password — enter it in Softphone › Settings")
    session = AgentSession(profile, password or "")
    camera = QtCameraProbe()
    session.readiness.camera = camera  # the readiness check reaches cameras through Qt
    session.start()
    window = MainWindow(session, notice)
    remember_geometry(window, profile.folder)  # back where the agent left it, per profile
    # The window owns the probe, so Qt deletes it with the window on the GUI thread. Owned by
    # Python it died with the session, and a stopped session is freed by the cycle collector
    # on whichever thread runs it: the SIP thread's collection then deleted a GUI-thread QObject
    # (a crash at exit, "shared QObject was deleted directly").
    camera.setParent(window)
    return session, window


def open_window(
    folder: Path, ask: AskStartFresh = ask_start_fresh
) -> tuple[AgentSession, MainWindow] | None:
    """The session and its window; a damaged journal is put to the agent first (`ask`), and
    None comes back when the agent chose to quit rather than start a fresh journal."""
    try:
        return build_window(folder)
    except JournalCorrupt as exc:
        kept = ask(exc)
        if kept is None:
            return None
    session, window = build_window(folder)  # a second damaged file here is an error, not a loop
    window.show_error(
        tr("The damaged journal is kept at {kept} for recovery; a fresh one is in use").format(
            kept=kept
        )
    )
    return session, window


@dataclass
class Desktop:
    """What lives beside the window: the single-instance socket, click-to-dial, the tray."""

    instance: SingleInstance
    links: ClickToDial
    tray: StatusTray
    notices: DesktopNotices | None = None
    os_links: OsOpenedLinks | None = None

    def close(self) -> None:
        self.instance.close()
        if self.os_links is not None:
            self.os_links.close()
        self.tray.close()
        if self.notices is not None:
            self.notices.close()


def live_on_desktop(
    session: AgentSession,
    window: MainWindow,
    instance: SingleInstance,
    notify: Notify | None = None,
    tray_available: bool | None = None,
    os_links: OsOpenedLinks | None = None,
) -> Desktop:
    """Links handed over by later starts reach the window; the tray follows the session."""
    gui = session.profile.settings.gui
    links = ClickToDial(window, gui.click_to_dial)
    links.setParent(window)
    instance.deliver_to(links.take)
    if os_links is not None:
        os_links.deliver_to(links.take)  # macOS: a clicked link arrives as an event
    tray = StatusTray(session, window, gui.close_to_tray, notify, tray_available)
    notices = DesktopNotices(session, tray.notify, window)  # center away, wrap-up ending
    return Desktop(instance, links, tray, notices, os_links)


def run_app(profile: Path | None, links: Sequence[str] = (), demo: Demo | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    if isinstance(app, QApplication):
        app.setApplicationName("Agent Softphone")
        app.setDesktopFileName("softphone")  # matches packaging/linux/softphone.desktop
        app.setWindowIcon(app_icon())
    # Ctrl-C, a logout's SIGTERM: quit as the menu's Quit does, whenever it comes (one that
    # comes during start-up quits as soon as the event loop runs).
    asked_to_quit = QuitOnSignals(app)
    try:
        return _run_app(app, profile, links, demo)
    finally:
        asked_to_quit.close()


def _run_app(
    app: QCoreApplication, profile: Path | None, links: Sequence[str], demo: Demo | None
) -> int:
    os_links = OsOpenedLinks(app)  # from now: the click that started the app comes as an event
    install_language("auto")  # the OS's, until the profile's settings are read
    if demo is None and demo_wanted(profile):
        demo = Demo()  # a fresh machine: the whole flow with no servers (softphone.agent.demo)
    folder = demo.profile_folder if demo is not None else profile or default_profile()
    name = instance_name(folder)
    if hand_over(name, list(links)):
        return 0  # the running app came forward with the links; a second one would not register
    instance = SingleInstance(name)
    instance.listen()
    if demo is None and first_run_needed(ensure_profile(folder)) and not run_first_run(folder):
        instance.close()
        return 0  # the agent quit the first-run screen: nothing was started
    try:
        if demo is not None:
            demo.prepare()
        opened = open_window(folder)
    except (ConfigError, SecretError, RuntimeError, OSError) as exc:
        if demo is not None:
            demo.stop()
        QMessageBox.critical(
            None, tr("Agent Softphone"), tr("The softphone cannot start:\n{why}").format(why=exc)
        )
        instance.close()
        return 1
    if opened is None:
        instance.close()
        if demo is not None:
            demo.stop()
        return 1  # the agent chose to quit: the damaged journal stays untouched
    session, window = opened
    desktop = live_on_desktop(session, window, instance, os_links=os_links)
    if demo is not None:
        banner = show_demo(window, demo)
        banner.setup_requested.connect(functools.partial(set_up_own_account, window))
    stop = functools.partial(stop_within_budget, session, demo)
    app.aboutToQuit.connect(stop)  # hang up, unregister, release devices
    window.show()
    desktop.links.take(list(links))  # the link the app was started with
    warm_up_popup()
    settle_heap()  # the first call waits neither for Qt's first pop-up nor for a long GC pass
    code = int(app.exec())
    app.aboutToQuit.disconnect(stop)
    desktop.close()
    delete_windows()
    return code


def set_up_own_account(window: MainWindow) -> None:
    """The demo's "Set up my account": the first-run screen for the agent's own profile (the
    demo's stays apart); the next start opens that profile instead of the demo."""
    dialog = open_settings(window, default_profile(), first_run=True)
    dialog.saved.connect(
        lambda *_: QMessageBox.information(
            window,
            tr("Account saved"),
            tr("Your account is saved. Quit the demo and start the softphone again to use it."),
        )
    )


def stop_within_budget(session: AgentSession, demo: Demo | None = None) -> None:
    """Stop the session (then the demo's children), or exit naming what is stuck (the shutdown
    watchdog) instead of leaving a window-less app running until the desktop kills it."""
    thaw_heap()  # what start-up froze is collected at shutdown as before (warm_start)
    with ShutdownWatchdog():
        session.stop()
        if demo is not None:
            demo.stop()


def delete_windows() -> None:
    """Delete every top-level window now, on the GUI thread, while Python is whole.

    Left alive to the interpreter's exit, they were deleted by PySide's own clean-up in an
    order Qt does not survive: deleting one window freed a signal's closure that held the last
    reference to another, deleted then in the middle of the first, and the heap was found
    corrupted ("shared QObject was deleted directly", an abort in about 1 exit in 10)."""
    for widget in QApplication.topLevelWidgets():
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
