"""Click-to-dial against the real core, Kamailio and a SIPp gateway: a `tel:`/`callto:` link
given to a second `softphone` process reaches the running window's dial line; with
`click_to_dial = "dial"` it is dialled at once, but only through the compliance gate (a
blacklisted number: `blocked`, and no INVITE reaches the gateway)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from softphone.agent.session import AgentSession
from softphone.config import ConfigError, load_profile, parse_settings
from softphone.events import CallEnded, CallState, DialBlocked, Event, Registered
from softphone.gui.app import Desktop, live_on_desktop
from softphone.gui.click_to_dial import ClickToDial, link_number
from softphone.gui.main_window import MainWindow
from softphone.gui.single_instance import SingleInstance, instance_name
from tests.gui.helpers import heard, lab_profile
from tests.gui.test_single_instance import start_again
from tests.integration.conftest import LAB_USERS, sipp_uas  # noqa: F401 - fixture
from tests.integration.lab.kamailio import Kamailio
from tests.integration.lab.tools import free_port

pytestmark = pytest.mark.integration

# Public calls at any hour, so what these tests see does not depend on when they run.
ANY_HOUR = """
default_region = "GB"
[enterprise]
windows.all = ["00:00-24:00"]
caps = []
"""
LISTED = "+442079460018"  # the customer asked not to be called again
ALLOWED = "+442079460019"

Running = tuple[AgentSession, MainWindow, list[Event]]


@pytest.fixture
def kamailio(tmp_path: Path) -> Iterator[Kamailio]:
    """The lab's Kamailio, with +44… numbers routed to the gateway (a SIPp UAS) as 9… are."""
    gateway = f"127.0.0.1:{free_port()}"
    lab = Kamailio(tmp_path / "kamailio", LAB_USERS, {"9": gateway, "[+]44": gateway})
    lab.workdir.mkdir()
    lab.sipp_port = int(gateway.rsplit(":", 1)[1])  # type: ignore[attr-defined]
    lab.start()
    yield lab
    lab.stop()


@pytest.fixture
def running_app(
    qtbot, kamailio: Kamailio, profile_folder: Path
) -> Iterator[Callable[[str], Running]]:
    """running_app(mode): agent1's registered window, listening for later starts as the app
    does, with `[gui] click_to_dial = mode`."""
    opened: list[tuple[AgentSession, MainWindow, Desktop]] = []

    def start(mode: str) -> Running:
        lab_profile(profile_folder, kamailio.server("udp"), "agent1", "secret1")
        settings = profile_folder / "softphone.toml"
        settings.write_text(settings.read_text() + f'\n[gui]\nclick_to_dial = "{mode}"\n')
        (profile_folder / "compliance.toml").write_text(ANY_HOUR, encoding="utf-8")
        session = AgentSession(load_profile(profile_folder), "secret1")
        events = heard(session)
        session.start()
        main = MainWindow(session)
        qtbot.addWidget(main)
        instance = SingleInstance(instance_name(profile_folder))
        assert instance.listen()
        desktop = live_on_desktop(session, main, instance, tray_available=False)
        opened.append((session, main, desktop))
        main.show()
        qtbot.waitUntil(lambda: any(isinstance(e, Registered) for e in events), timeout=15_000)
        return session, main, events

    yield start
    for session, main, desktop in opened:
        desktop.close()
        main.close()
        session.stop()


def calls_placed(events: list[Event]) -> list[CallState]:
    return [e for e in events if isinstance(e, CallState) and e.state == "calling"]


def test_a_link_from_a_second_start_is_put_on_the_running_windows_dial_line(
    qtbot, running_app, profile_folder: Path
) -> None:
    _, main, events = running_app("confirm")
    main.hide()
    start_again(qtbot, profile_folder, f"tel:{ALLOWED}")
    qtbot.waitUntil(lambda: main.number.text() == ALLOWED, timeout=10_000)
    assert main.isVisible()
    assert main.ui.call_button.isEnabled()  # the agent presses Call: nothing dialled yet
    assert calls_placed(events) == []


def test_dial_at_once_goes_through_the_gate(
    qtbot,
    running_app,
    sipp_uas,  # noqa: F811
    profile_folder: Path,
    tmp_path: Path,
) -> None:
    gateway = sipp_uas("uas_busy.xml")  # one call: the allowed one
    session, main, events = running_app("dial")
    session.do_not_call(LISTED, "asked not to be called again")

    start_again(qtbot, profile_folder, f"tel:{LISTED}")
    qtbot.waitUntil(lambda: any(isinstance(e, DialBlocked) for e in events), timeout=15_000)
    blocked = next(e for e in events if isinstance(e, DialBlocked))
    assert "blacklisted" in [r["code"] for r in blocked.reasons]
    assert main.number.text() == LISTED  # the agent sees what was asked, and why not
    assert calls_placed(events) == []

    start_again(qtbot, profile_folder, f"callto://{ALLOWED}")
    qtbot.waitUntil(lambda: any(isinstance(e, CallEnded) for e in events), timeout=20_000)
    ended = next(e for e in events if isinstance(e, CallEnded))
    assert ended.code == 486  # the gateway got the INVITE and said busy
    assert gateway.wait(timeout=20) == 0
    sent = "".join(p.read_text(errors="replace") for p in tmp_path.glob("*_messages.log"))
    assert ALLOWED[1:] in sent
    assert LISTED[1:] not in sent  # the blacklisted number never left the app


@pytest.mark.parametrize(
    ("link", "number"),
    [
        ("tel:+49-30-123456;phone-context=example", "+49-30-123456"),
        ("callto://+4930123456", "+4930123456"),
        ("callto:+4930123456", "+4930123456"),
        ("sip:4711@pbx.example", "sip:4711@pbx.example"),
        ("TEL:%2B4930123456", "+4930123456"),
    ],
)
def test_a_link_becomes_the_dial_lines_text(link: str, number: str) -> None:
    assert link_number(link) == number


def test_an_unknown_click_to_dial_mode_is_refused_by_name() -> None:
    with pytest.raises(ConfigError, match=r"\[gui\] click_to_dial must be one of confirm, dial"):
        parse_settings('[gui]\nclick_to_dial = "ask"\n')
    assert parse_settings("").gui.click_to_dial == "confirm"


def test_a_link_the_os_hands_over_as_an_event_reaches_the_dial_line(
    qtbot, running_app, tmp_path: Path
) -> None:
    """macOS does not start a second process for a clicked link: it sends the running app an
    "open URL" event (Qt's QFileOpenEvent). One that came while the app was starting waits for
    the window; a file dropped on the Dock icon is not dialled."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from softphone.gui.os_links import OsOpenedLinks

    app = QApplication.instance()
    assert app is not None
    os_links = OsOpenedLinks(app)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(QUrl(f"tel:{LISTED}")))  # before the window
        _, main, events = running_app("confirm")
        main.hide()
        os_links.deliver_to(main.findChild(ClickToDial).take)
        assert main.number.text() == LISTED
        assert main.isVisible()

        QApplication.sendEvent(app, QFileOpenEvent(QUrl(f"callto:{ALLOWED}")))
        assert main.number.text() == ALLOWED
        dropped = tmp_path / "notes.txt"
        dropped.write_text("x")
        QApplication.sendEvent(app, QFileOpenEvent(QUrl.fromLocalFile(str(dropped))))
        assert main.number.text() == ALLOWED
        assert calls_placed(events) == []  # "confirm": the agent presses Call
    finally:
        os_links.close()
