"""The demo's banner across the top of the window: this is a demo, what it runs (the customer
line that calls every so often, the demo center's wallboard and how to sign in to it), and a
"Set up my account" button for when the agent has a real account (`setup_requested`).

The demo's center comes up a few seconds after the window (off the GUI thread): its news
arrives through `center_news`, a signal, so it lands on the GUI thread whichever thread sent it.
"""

from __future__ import annotations

import contextlib
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from softphone.agent.demo import Demo, DemoState
from softphone.agent.demo.floor import LINE_NUMBER, SAMPLE_BLOCKED_SHOWN
from softphone.gui.main_window import MainWindow
from softphone.gui.theme import set_tone


class DemoBanner(QFrame):
    setup_requested = Signal()
    center_news = Signal(object)  # a DemoState, from the demo's center thread

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demo_banner")
        self.setAccessibleName(self.tr("Demo"))
        self.text = QLabel(self)
        self.text.setObjectName("demo_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setOpenExternalLinks(True)  # the wallboard opens in the browser
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.setAccessibleName(self.tr("About the demo"))
        self.setup = QPushButton(self.tr("Set up my account"), self)
        self.setup.setObjectName("demo_setup")
        self.setup.setAccessibleName(self.tr("Set up my account"))
        self.setup.setToolTip(self.tr("Leave the demo: enter your own SIP account"))
        self.setup.clicked.connect(self.setup_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.setup)
        layout.addLayout(row)
        self.center_news.connect(self.show_state)
        self.show_state(DemoState("starting"))

    def registration_text(self) -> str:
        # A method of the class, so that the string is filed under the context tr() looks in
        # (lupdate files `banner.tr(…)` under "banner", where the app never finds it).
        return self.tr("Demo: no SIP server needed — calls come from the demo customer line")

    def show_state(self, state: DemoState) -> None:
        self.state = state
        set_tone(self, "phase", state.phase)
        lines = [
            "<b>{}</b>".format(html.escape(self.tr("This is a demo: no servers needed."))),
            html.escape(
                self.tr("A demo customer calls you every few minutes; dial {line} to call them.")
            ).format(line=LINE_NUMBER),
            html.escape(
                self.tr(
                    "Try {blocked}: it is on the sample do-not-call list. Lunch (12:00–13:30, "
                    "the callee's time) is a sample rest period."
                )
            ).format(blocked=SAMPLE_BLOCKED_SHOWN),
            self._about_center(),
        ]
        self.text.setText("<br>".join(lines))

    def _about_center(self) -> str:
        state = self.state
        if state.phase == "ready":
            link = '<a href="{url}">{url}</a>'.format(url=html.escape(state.wallboard_url))
            said = html.escape(
                self.tr("Supervisors' wallboard: {link} (user {user}, password {password})")
            )
            return said.format(
                link=link,
                user=html.escape(state.supervisor),
                password=html.escape(state.supervisor_password),
            )
        if state.phase == "starting":
            return html.escape(self.tr("The demo center (the supervisors' wallboard) is starting…"))
        if state.phase == "failed":
            return html.escape(
                self.tr("The demo center did not start: {why}").format(why=state.problem)
            )
        return html.escape(
            self.tr(
                "The supervisors' wallboard needs the central service, which is not installed "
                "here (pip install 'softphone[central]'); the phone side runs without it."
            )
        )


def put_banner(window: MainWindow) -> DemoBanner:
    """The demo's banner in the window's banner slot, and the registration line saying why
    there is no registration."""
    banner = DemoBanner(window)
    window.ui.bannerSlot.insertWidget(0, banner)
    window.registration.setText(banner.registration_text())
    set_tone(window.registration, "tone", "ok")
    return banner


def show_demo(window: MainWindow, demo: Demo) -> DemoBanner:
    """Put the demo's banner in the window and start the demo's center; the banner follows."""
    banner = put_banner(window)
    banner.show_state(demo.state)

    def news(state: DemoState) -> None:
        # RuntimeError: the window is gone (the app quit while the center was starting)
        with contextlib.suppress(RuntimeError):
            banner.center_news.emit(state)

    demo.start_center(news)
    return banner
